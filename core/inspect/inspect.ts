/**
 * What the inspector shows of one drawn object (a component or a machine): its state, ports, how
 * it runs, the process flags of a static pod (the container command of its manifest), the last
 * lines it logged and the cross-component "why?" chain.
 *
 * Invariants:
 * 1. Read-only: inspecting never changes the simulation (no log line, no explain record).
 * 2. Bounded: at most LOG_LINES log lines, and the why chain is bounded by why() itself.
 * 3. A log that cannot be read (the kubelet that serves container logs is stopped) is an empty
 *    list, not an error: the inspector must work best exactly when things are broken.
 */
import type { Component, ComponentPort, ComponentType, Machine, RunsAs } from '../cluster/world'
import type { ExplainLog, Reason } from '../explain/explain'
import { why } from '../explain/why'
import type { KubernetesCluster } from '../kubernetes/cluster'
import { MANIFEST_DIR } from '../node/staticPods'

export const LOG_LINES = 20

/** Where the log lines came from: a systemd unit's journal, a container's log, or nowhere. */
export type LogSource = 'journal' | 'container' | 'none'

/** The inspector's view of one component or machine. */
export interface Inspection {
  kind: 'Component' | 'Machine'
  name: string
  /** The machine it runs on (a machine's own name for a machine). */
  machine: string
  /** "Running" / "Stopped" for a component, "On" / "Off" for a machine's power. */
  state: string
  type?: ComponentType
  runsAs?: RunsAs
  version?: string
  ports: ComponentPort[]
  socket?: string
  /** The container command of a static pod's manifest (the process flags); [] otherwise. */
  command: string[]
  /** Where the manifest is, for a static pod. */
  manifest?: string
  logSource: LogSource
  logs: string[]
  /** The "why?" chain for "Component <name>" or "Node <name>", most immediate first. */
  why: Reason[]
}

export interface InspectSources {
  components: readonly Component[]
  machines: readonly Machine[]
  cluster: KubernetesCluster | undefined
  explain: ExplainLog
  nowMs: number
}

/** The inspection of a component or machine by name; undefined when there is none. */
export function inspect(
  kind: 'Component' | 'Machine',
  name: string,
  sources: InspectSources,
): Inspection | undefined {
  if (kind === 'Machine') {
    const machine = sources.machines.find((m) => m.metadata.name === name)
    return machine === undefined ? undefined : inspectMachine(machine, sources)
  }
  const component = sources.components.find((c) => c.metadata.name === name)
  return component === undefined ? undefined : inspectComponent(component, sources)
}

function inspectMachine(machine: Machine, sources: InspectSources): Inspection {
  const name = machine.metadata.name
  return {
    kind: 'Machine',
    name,
    machine: name,
    state: machine.status.power,
    ports: [],
    command: [],
    logSource: 'none',
    logs: [],
    // A power-off or partition is recorded on the Machine; the Node's own chain comes first.
    why: orElse(whyOf(`Node ${name}`, sources), () => whyOf(`Machine ${name}`, sources)),
  }
}

function inspectComponent(component: Component, sources: InspectSources): Inspection {
  const { name } = component.metadata
  const { machine, type, runsAs, version, ports, socket } = component.spec
  const manifest = runsAs === 'static-pod' ? `${MANIFEST_DIR}/${type}.yaml` : undefined
  const { logSource, logs } = logsOf(component, sources.cluster)
  return {
    kind: 'Component',
    name,
    machine,
    state: component.status.state,
    type,
    runsAs,
    version,
    ports,
    ...(socket === undefined ? {} : { socket }),
    command: manifest === undefined ? [] : commandOf(sources.cluster, machine, manifest),
    ...(manifest === undefined ? {} : { manifest }),
    logSource,
    logs,
    why: whyOf(`Component ${name}`, sources),
  }
}

function whyOf(subject: string, sources: InspectSources): Reason[] {
  if (sources.cluster === undefined) return []
  return why(subject, sources.cluster, sources.explain, sources.nowMs)
}

function orElse(chain: Reason[], fallback: () => Reason[]): Reason[] {
  return chain.length > 0 ? chain : fallback()
}

/** The manifest's first container command, e.g. ["kube-apiserver", "--etcd-servers=…", …]. */
function commandOf(cluster: KubernetesCluster | undefined, machine: string, path: string) {
  const pod = cluster?.nodes.get(machine)?.staticPods.get(path)
  return [...(pod?.spec.containers[0]?.command ?? [])]
}

/**
 * The kubelet and containerd write to the journal (journalctl -u); the others are containers,
 * whose log the kubelet serves (kubectl logs). A component that logs through the lab's own log
 * (the scheduler, the controller manager, kube-proxy) falls back to it when the kubelet cannot
 * answer.
 */
function logsOf(
  component: Component,
  cluster: KubernetesCluster | undefined,
): { logSource: LogSource; logs: string[] } {
  if (cluster === undefined) return { logSource: 'none', logs: [] }
  const { name } = component.metadata
  if (component.spec.runsAs === 'systemd')
    return { logSource: 'journal', logs: [...cluster.logs.tail(name, LOG_LINES)] }
  const container = containerLog(component, cluster)
  if (container.length > 0) return { logSource: 'container', logs: container }
  const own = cluster.logs.tail(name, LOG_LINES)
  return own.length > 0
    ? { logSource: 'container', logs: [...own] }
    : { logSource: 'none', logs: [] }
}

function containerLog(component: Component, cluster: KubernetesCluster): string[] {
  const { machine, type } = component.spec
  const kubelet = cluster.nodes.get(machine)?.kubelet
  if (kubelet === undefined) return []
  const pod = kubelet
    .workers()
    .map((w) => w.pod)
    .find((p) => p.metadata.namespace === 'kube-system' && podOf(p.metadata.name ?? '', component))
  if (pod === undefined) return []
  const container = pod.spec.containers.find((c) => c.name === type) ?? pod.spec.containers[0]
  try {
    const text = kubelet.logs('kube-system', pod.metadata.name!, container?.name, {
      tailLines: LOG_LINES,
    })
    return text.split('\n').filter((line) => line !== '')
  } catch {
    return [] // Invariant 3: a stopped kubelet serves no logs.
  }
}

/** A static pod is "<type>-<machine>"; a DaemonSet's pod is "<type>-<5 random characters>". */
function podOf(podName: string, component: Component): boolean {
  const { type, machine } = component.spec
  if (component.spec.runsAs === 'static-pod') return podName === `${type}-${machine}`
  return new RegExp(`^${type}-[a-z0-9]{5}$`).test(podName)
}
