/**
 * The node lifecycle controller of kube-controller-manager (FIDELITY.md §4).
 *
 * Invariants:
 * 1. Every NodeMonitorPeriod (5 s) it checks each node's last heartbeat: the later of its Lease
 *    renewTime and its Ready condition's lastHeartbeatTime.
 * 2. A node silent for longer than node-monitor-grace-period (50 s in v1.32) gets every
 *    condition set to Unknown, reason "NodeStatusUnknown", message "Kubelet stopped posting node
 *    status.", and the unreachable taints (NoSchedule and NoExecute). A node whose kubelet reports
 *    Ready=False gets the not-ready taints instead. A healthy node gets neither.
 * 3. Taint-based eviction: a pod on a node with a NoExecute taint it does not tolerate is deleted
 *    at once; one that tolerates it for N seconds (DefaultTolerationSeconds: 300) is deleted N
 *    seconds after the taint was added, with the event TaintManagerEviction "Marking for deletion
 *    Pod ns/name". Removing the taint in time cancels the eviction.
 * 4. Pods on a node that went NotReady/Unknown get their Ready condition set to False.
 */
import { parseTimestamp, rfc3339 } from '../api/time'
import type { Node, NodeCondition, Pod, Taint, Toleration } from '../api/types'
import type { ScheduledTask } from '../clock'
import type { EventRecorder } from '../client/events'
import { Informer } from '../client/informer'
import type { ComponentContext } from '../components/component'
import { NodeNameIndex } from './informers'

export const NODE_MONITOR_PERIOD_MS = 5_000
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready'
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable'

const UNKNOWN_REASON = 'NodeStatusUnknown'
const UNKNOWN_MESSAGE = 'Kubelet stopped posting node status.'
const NEVER_REASON = 'NodeStatusNeverUpdated'
const NEVER_MESSAGE = 'Kubelet never posted node status.'

type Health = 'Ready' | 'NotReady' | 'Unknown'

/** Conditions that taint a node NoSchedule while True (TaintNodesByCondition). */
const PRESSURE_TAINTS: Partial<Record<NodeCondition['type'], string>> = {
  MemoryPressure: 'node.kubernetes.io/memory-pressure',
  DiskPressure: 'node.kubernetes.io/disk-pressure',
  PIDPressure: 'node.kubernetes.io/pid-pressure',
}

export class NodeLifecycleController {
  private nodes: Informer<Node> | undefined
  private pods: Informer<Pod> | undefined
  private podsByNode: NodeNameIndex<Pod> | undefined
  private monitor: ScheduledTask | undefined
  private readonly evictions = new Map<string, ScheduledTask>()
  private readonly lastHealth = new Map<string, Health>()

  constructor(
    private readonly context: ComponentContext,
    private readonly recorder: EventRecorder,
  ) {}

  start(): void {
    const { clock, client } = this.context
    this.nodes = new Informer<Node>(clock, client, 'nodes')
    this.pods = new Informer<Pod>(clock, client, 'pods')
    // First, so the index is current when the handlers below run.
    this.podsByNode = new NodeNameIndex(this.pods)
    this.nodes.addHandlers({ onUpdate: (_old, node) => this.reconcileEvictions(node) })
    this.pods.addHandlers({
      onAdd: (pod) => this.reconcilePod(pod),
      onUpdate: (_old, pod) => this.reconcilePod(pod),
    })
    this.nodes.start()
    this.pods.start()
    this.scheduleMonitor()
  }

  stop(): void {
    this.monitor?.cancel()
    this.monitor = undefined
    this.nodes?.stop()
    this.pods?.stop()
    for (const task of this.evictions.values()) task.cancel()
    this.evictions.clear()
  }

  private scheduleMonitor(): void {
    this.monitor = this.context.clock.schedule(
      NODE_MONITOR_PERIOD_MS,
      'node-lifecycle monitor',
      () => {
        this.monitorNodes()
        this.scheduleMonitor()
      },
    )
  }

  private monitorNodes(): void {
    if (this.nodes === undefined || !this.nodes.hasSynced) return
    for (const node of this.nodes.list()) {
      try {
        this.monitorNode(node)
      } catch {
        // The API server may be unreachable; the next period tries again.
      }
    }
  }

  private monitorNode(node: Node): void {
    const { clock, client } = this.context
    const name = node.metadata.name!
    const lease = client.find<{
      apiVersion: string
      kind: string
      metadata: object
      spec: { renewTime?: string }
    }>('leases', 'kube-node-lease', name)
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
    const heartbeats = [lease?.spec.renewTime, ready?.lastHeartbeatTime]
      .filter((t): t is string => t !== undefined)
      .map(parseTimestamp)
    const lastMs =
      heartbeats.length > 0
        ? Math.max(...heartbeats)
        : parseTimestamp(node.metadata.creationTimestamp!)
    const grace = ready === undefined ? NODE_STARTUP_GRACE_PERIOD_MS : NODE_MONITOR_GRACE_PERIOD_MS
    let health: Health =
      ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown'
    if (clock.nowMs - lastMs > grace && ready?.status !== 'Unknown') {
      this.markUnknown(node, ready === undefined)
      health = 'Unknown'
    }
    this.applyTaints(node, health)
    this.noteTransition(node, health)
  }

  private markUnknown(node: Node, never: boolean): void {
    const now = rfc3339(this.context.clock.nowMs)
    const types: NodeCondition['type'][] = [
      'MemoryPressure',
      'DiskPressure',
      'PIDPressure',
      'Ready',
    ]
    const existing = node.status?.conditions ?? []
    const conditions = types.map((type): NodeCondition => {
      const old = existing.find((c) => c.type === type)
      return {
        type,
        status: 'Unknown',
        reason: never ? NEVER_REASON : UNKNOWN_REASON,
        message: never ? NEVER_MESSAGE : UNKNOWN_MESSAGE,
        ...(old?.lastHeartbeatTime === undefined
          ? {}
          : { lastHeartbeatTime: old.lastHeartbeatTime }),
        lastTransitionTime: now,
      }
    })
    const others = existing.filter((c) => !types.includes(c.type))
    this.context.client.patch(
      'nodes',
      undefined,
      node.metadata.name!,
      { status: { conditions: [...others, ...conditions] } },
      'strategic',
      'status',
    )
  }

  /**
   * Keeps exactly the taints that match the node's health (FIDELITY.md §4.4), and the NoSchedule
   * taints of its pressure conditions ("Taint Nodes by Condition").
   */
  private applyTaints(node: Node, health: Health): void {
    const wanted =
      health === 'Ready' ? undefined : health === 'NotReady' ? TAINT_NOT_READY : TAINT_UNREACHABLE
    const current = node.spec.taints ?? []
    const managed = [TAINT_NOT_READY, TAINT_UNREACHABLE, ...Object.values(PRESSURE_TAINTS)]
    const kept = current.filter((t) => !managed.includes(t.key))
    const pressure: Taint[] =
      health === 'Unknown'
        ? []
        : (node.status?.conditions ?? [])
            .filter((c) => c.status === 'True' && PRESSURE_TAINTS[c.type] !== undefined)
            .map(
              (c) =>
                current.find((t) => t.key === PRESSURE_TAINTS[c.type]) ?? {
                  key: PRESSURE_TAINTS[c.type]!,
                  effect: 'NoSchedule',
                },
            )
    const now = rfc3339(this.context.clock.nowMs)
    const healthTaints: Taint[] =
      wanted === undefined
        ? []
        : (['NoSchedule', 'NoExecute'] as const).map(
            (effect) =>
              current.find((t) => t.key === wanted && t.effect === effect) ?? {
                key: wanted,
                effect,
                ...(effect === 'NoExecute' ? { timeAdded: now } : {}),
              },
          )
    const next = [...kept, ...pressure, ...healthTaints]
    if (JSON.stringify(next) === JSON.stringify(current)) return
    this.context.client.patch(
      'nodes',
      undefined,
      node.metadata.name!,
      { spec: { taints: next.length > 0 ? next : null } },
      'merge',
    )
  }

  private noteTransition(node: Node, health: Health): void {
    const name = node.metadata.name!
    const before = this.lastHealth.get(name)
    this.lastHealth.set(name, health)
    if (before === undefined || before === health) return
    const subject = `Node ${name}`
    if (health === 'Ready') {
      this.recorder.event(node, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`)
      this.context.explain.record({
        component: 'kube-controller-manager/node-lifecycle',
        subject,
        code: 'NodeReady',
        summary: `Node ${name} is Ready again.`,
      })
      return
    }
    this.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`)
    this.context.explain.record({
      component: 'kube-controller-manager/node-lifecycle',
      subject,
      code: health === 'Unknown' ? UNKNOWN_REASON : 'NodeNotReady',
      summary:
        health === 'Unknown'
          ? `No heartbeat from the kubelet on ${name} for more than ${NODE_MONITOR_GRACE_PERIOD_MS / 1000}s: Ready is Unknown and the node is tainted ${TAINT_UNREACHABLE}.`
          : `The kubelet on ${name} reports NotReady: the node is tainted ${TAINT_NOT_READY}.`,
      causedBy: `Component kubelet-${name}`,
    })
    this.markPodsNotReady(name)
  }

  private markPodsNotReady(nodeName: string): void {
    for (const pod of this.podsOn(nodeName)) {
      const conditions = pod.status?.conditions ?? []
      const ready = conditions.find((c) => c.type === 'Ready')
      if (ready?.status !== 'True') continue
      const now = rfc3339(this.context.clock.nowMs)
      try {
        this.context.client.patch(
          'pods',
          pod.metadata.namespace,
          pod.metadata.name!,
          {
            status: {
              conditions: conditions.map((c) =>
                c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c,
              ),
            },
          },
          'merge',
          'status',
        )
        this.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready')
      } catch {
        // Retried on the next transition.
      }
    }
  }

  private podsOn(nodeName: string): Pod[] {
    return (this.podsByNode?.on(nodeName) ?? []).filter(
      (p) => p.metadata.deletionTimestamp === undefined,
    )
  }

  /** The taint manager: schedules or cancels evictions for the pods on a node. */
  private reconcileEvictions(node: Node): void {
    for (const pod of this.podsOn(node.metadata.name!)) this.reconcilePodOnNode(pod, node)
  }

  private reconcilePod(pod: Pod): void {
    const nodeName = pod.spec.nodeName
    if (!nodeName || pod.metadata.deletionTimestamp !== undefined) return
    const node = this.nodes?.get(undefined, nodeName)
    if (node !== undefined) this.reconcilePodOnNode(pod, node)
  }

  private reconcilePodOnNode(pod: Pod, node: Node): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`
    const noExecute = (node.spec.taints ?? []).filter((t) => t.effect === 'NoExecute')
    const delayMs = evictionDelayMs(noExecute, pod.spec.tolerations ?? [], this.context.clock.nowMs)
    const scheduled = this.evictions.get(key)
    if (delayMs === undefined) {
      scheduled?.cancel()
      this.evictions.delete(key)
      return
    }
    if (scheduled !== undefined) return
    this.evictions.set(
      key,
      this.context.clock.schedule(delayMs, `taint eviction ${key}`, () => {
        this.evictions.delete(key)
        this.evict(pod, node)
      }),
    )
  }

  private evict(pod: Pod, node: Node): void {
    const current = this.pods?.get(pod.metadata.namespace, pod.metadata.name!)
    if (current === undefined || current.metadata.deletionTimestamp !== undefined) return
    try {
      this.recorder.event(
        current,
        'Normal',
        'TaintManagerEviction',
        `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
      )
      this.context.client.delete('pods', pod.metadata.namespace, pod.metadata.name!)
      this.context.explain.record({
        component: 'kube-controller-manager/taint-eviction',
        subject: `Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
        code: 'TaintManagerEviction',
        summary: `Evicted from ${node.metadata.name}: the node has a NoExecute taint the pod tolerates for a limited time only.`,
        causedBy: `Node ${node.metadata.name}`,
      })
    } catch {
      // The API server is unreachable: the next node or pod update schedules it again.
    }
  }
}

/** Does `toleration` tolerate `taint`? (k8s.io/api/core/v1 Toleration.ToleratesTaint) */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false
  if ((toleration.key ?? '') !== '' && toleration.key !== taint.key) return false
  if (toleration.operator === 'Exists') return true
  return (toleration.value ?? '') === (taint.value ?? '')
}

/**
 * Milliseconds until a pod must be evicted for these NoExecute taints, 0 for "now", or
 * undefined when it tolerates them all forever.
 */
export function evictionDelayMs(
  taints: Taint[],
  tolerations: Toleration[],
  nowMs: number,
): number | undefined {
  let delay: number | undefined
  for (const taint of taints) {
    const matching = tolerations.filter((t) => tolerates(t, taint))
    if (matching.length === 0) return 0
    const seconds = matching
      .map((t) => t.tolerationSeconds)
      .filter((s): s is number => s !== undefined)
    if (seconds.length === matching.length) {
      const addedMs = taint.timeAdded === undefined ? nowMs : parseTimestamp(taint.timeAdded)
      const remaining = Math.max(0, addedMs + Math.min(...seconds) * 1000 - nowMs)
      delay = delay === undefined ? remaining : Math.min(delay, remaining)
    }
  }
  return delay
}
