/**
 * Pod rows: printPod in kubernetes pkg/printers/internalversion/printers.go (v1.32), the logic
 * behind every READY / STATUS / RESTARTS a learner reads (FIDELITY.md §5.9, §10.1).
 *
 * Invariants, all as upstream:
 * 1. STATUS starts as status.reason, else the phase ("" when there is none), and becomes
 *    "SchedulingGated" when the PodScheduled condition says so.
 * 2. Init containers are walked in order until the first one that has not finished: its failure
 *    ("Init:<reason>", "Init:ExitCode:%d", "Init:Signal:%d"), its waiting reason, or "Init:i/n".
 *    Sidecars (init containers with restartPolicy Always) that have started count towards READY.
 * 3. Unless initialisation is still under way, app containers are walked last to first, so the
 *    first container's waiting/terminated reason wins; "Completed" with a container still running
 *    becomes "Running" (Ready condition True) or "NotReady".
 * 4. A deletionTimestamp turns STATUS into "Terminating" unless the phase is terminal, or into
 *    "Unknown" when the node controller marked the pod NodeLost.
 * 5. RESTARTS is "%d", or "%d (%s ago)" measured from the newest lastState.terminated.finishedAt.
 *
 * Not carried over: the row `conditions` (Completed/Succeeded, Completed/Failed) that printPod
 * adds for terminal pods, because TableRow in table.ts has no conditions field; kubectl does not
 * print them.
 */
import type { Container, ContainerState, ContainerStatus, Pod, PodStatus } from '../../api/types'
import { humanDuration } from '../../format/duration'
import { POD, PRINTERS_GO } from './docs'
import { age, ageColumn, nameColumn, printer, timeMs, type Cells } from './format'
import { column, type PrintContext } from './table'

type InitContainer = Container & { restartPolicy?: string }
type PodWithGates = Pod & { spec: { readinessGates?: { conditionType: string }[] } }

/** podutil.IsRestartableInitContainer: an init container with restartPolicy Always. */
const isRestartable = (c: InitContainer | undefined): boolean => c?.restartPolicy === 'Always'

/** The running tally printPod keeps while it walks the container statuses. */
interface Tally {
  reason: string
  ready: number
  restarts: number
  lastRestartMs: number | undefined
}

/** metav1.Time.Before: the later of two times, the zero time (undefined) being the earliest. */
function later(a: number | undefined, b: number | undefined): number | undefined {
  if (b === undefined) return a
  return a === undefined || a < b ? b : a
}

const finishedAt = (state: ContainerState | undefined): number | undefined =>
  state?.terminated === undefined ? undefined : timeMs(state.terminated.finishedAt)

/** Invariant 2. Returns whether initialisation is still under way. */
function walkInitContainers(pod: Pod, tally: Tally): { initializing: boolean; sidecars: Tally } {
  const specs = pod.spec.initContainers ?? []
  const byName = new Map(specs.map((c) => [c.name, c as InitContainer]))
  const sidecars: Tally = { reason: '', ready: 0, restarts: 0, lastRestartMs: undefined }
  const statuses: ContainerStatus[] = pod.status?.initContainerStatuses ?? []
  for (let i = 0; i < statuses.length; i++) {
    const status = statuses[i]!
    const restartable = isRestartable(byName.get(status.name))
    tally.restarts += status.restartCount ?? 0
    tally.lastRestartMs = later(tally.lastRestartMs, finishedAt(status.lastState))
    if (restartable) {
      sidecars.restarts += status.restartCount ?? 0
      sidecars.lastRestartMs = later(sidecars.lastRestartMs, finishedAt(status.lastState))
    }
    const terminated = status.state?.terminated
    const waiting = status.state?.waiting
    if (terminated !== undefined && (terminated.exitCode ?? 0) === 0) continue
    if (restartable && status.started === true) {
      if (status.ready) tally.ready++
      continue
    }
    if (terminated !== undefined) {
      if (terminated.reason) tally.reason = `Init:${terminated.reason}`
      else if (terminated.signal) tally.reason = `Init:Signal:${terminated.signal}`
      else tally.reason = `Init:ExitCode:${terminated.exitCode ?? 0}`
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      tally.reason = `Init:${waiting.reason}`
    } else {
      tally.reason = `Init:${i}/${specs.length}`
    }
    return { initializing: true, sidecars }
  }
  return { initializing: false, sidecars }
}

/** Invariant 3: the app containers, last to first. */
function walkContainers(status: PodStatus, tally: Tally): void {
  const statuses: ContainerStatus[] = status.containerStatuses ?? []
  let hasRunning = false
  for (let i = statuses.length - 1; i >= 0; i--) {
    const container = statuses[i]!
    tally.restarts += container.restartCount ?? 0
    tally.lastRestartMs = later(tally.lastRestartMs, finishedAt(container.lastState))
    const { waiting, terminated, running } = container.state ?? {}
    if (waiting?.reason) tally.reason = waiting.reason
    else if (terminated?.reason) tally.reason = terminated.reason
    else if (terminated !== undefined) {
      tally.reason = terminated.signal
        ? `Signal:${terminated.signal}`
        : `ExitCode:${terminated.exitCode ?? 0}`
    } else if (container.ready && running !== undefined) {
      hasRunning = true
      tally.ready++
    }
  }
  if (tally.reason === 'Completed' && hasRunning) {
    const ready = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
    tally.reason = ready ? 'Running' : 'NotReady'
  }
}

/** READY, STATUS and RESTARTS of one pod. */
export function podSummary(pod: Pod, context: PrintContext): [string, string, string] {
  const status = pod.status ?? {}
  const phase = status.phase ?? ''
  const tally: Tally = {
    reason: status.reason || phase,
    ready: 0,
    restarts: 0,
    lastRestartMs: undefined,
  }
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') {
      tally.reason = 'SchedulingGated'
    }
  }
  const { initializing, sidecars } = walkInitContainers(pod, tally)
  const initialized = (status.conditions ?? []).find((c) => c.type === 'Initialized')
  if (!initializing || initialized?.status === 'True') {
    tally.restarts = sidecars.restarts
    tally.lastRestartMs = sidecars.lastRestartMs
    walkContainers(status, tally)
  }
  if (pod.metadata.deletionTimestamp) {
    if (status.reason === 'NodeLost') tally.reason = 'Unknown'
    else if (phase !== 'Succeeded' && phase !== 'Failed') tally.reason = 'Terminating'
  }
  const total =
    pod.spec.containers.length +
    (pod.spec.initContainers ?? []).filter((c) => isRestartable(c)).length
  const restarts =
    tally.restarts !== 0 && tally.lastRestartMs !== undefined
      ? `${tally.restarts} (${humanDuration(context.nowMs - tally.lastRestartMs)} ago)`
      : String(tally.restarts)
  return [`${tally.ready}/${total}`, tally.reason, restarts]
}

/** The wide cells: IP, NODE, NOMINATED NODE and READINESS GATES. */
function wideCells(pod: PodWithGates): Cells {
  const status = pod.status ?? {}
  // v1 → internal conversion: a set podIP is authoritative over podIPs[0].
  const podIP = status.podIP || status.podIPs?.[0]?.ip || '<none>'
  const gates = pod.spec.readinessGates ?? []
  let readinessGates = '<none>'
  if (gates.length > 0) {
    const conditions: { type: string; status: string }[] = status.conditions ?? []
    const isTrue = (type: string) => conditions.find((c) => c.type === type)?.status === 'True'
    readinessGates = `${gates.filter((g) => isTrue(g.conditionType)).length}/${gates.length}`
  }
  return [
    podIP,
    pod.spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGates,
  ]
}

export const POD_PRINTER = printer<PodWithGates>(
  [
    nameColumn(),
    column('Ready', PRINTERS_GO.podReady),
    column('Status', PRINTERS_GO.podStatus),
    column('Restarts', PRINTERS_GO.podRestarts),
    ageColumn(),
    column('IP', POD.podIP, 1),
    column('Node', POD.nodeName, 1),
    column('Nominated Node', POD.nominatedNodeName, 1),
    column('Readiness Gates', POD.readinessGates, 1),
  ],
  (pod, context) => [
    pod.metadata.name ?? '',
    ...podSummary(pod, context),
    age(pod.metadata.creationTimestamp, context),
    ...wideCells(pod),
  ],
)
