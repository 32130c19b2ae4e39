/**
 * The pod status the kubelet writes (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, getPhase;
 * pkg/kubelet/status/generate.go): phase, the five kubelet conditions in kubectl's order,
 * container statuses with state/lastState, IPs and startTime. Pure: the same input gives the
 * same status, and unchanged conditions keep their lastTransitionTime.
 *
 * Invariants:
 * 1. Phase follows getPhase: Pending while a container waits for its first start; Running once
 *    all started and one runs (or, with restartPolicy Always, all are restarting); Succeeded /
 *    Failed only when no container will run again.
 * 2. Condition messages are the real ones: "containers with unready status: [web]",
 *    "containers with incomplete status: [init]"; reasons ContainersNotReady,
 *    ContainersNotInitialized, PodCompleted, PodFailed.
 */
import { rfc3339 } from '../api/time'
import type {
  Container,
  ContainerState,
  ContainerStatus as ApiContainerStatus,
  Pod,
  PodCondition,
  PodStatus,
} from '../api/types'
import type { ContainerStatus } from './cri'

/** What the kubelet knows about one container of the pod. */
export interface ContainerView {
  /** The most recent container (running, created or exited), if one was created. */
  current: ContainerStatus | undefined
  /** The one before it, for lastState (the kubelet keeps one dead container). */
  previous: ContainerStatus | undefined
  /** Why it waits, when it is not running (ContainerCreating, CrashLoopBackOff, …). */
  waiting: { reason: string; message?: string } | undefined
  restartCount: number
  ready: boolean
  started: boolean
}

export interface StatusInput {
  pod: Pod
  nowMs: number
  hostIP: string
  podIP: string | undefined
  sandboxReady: boolean
  startTimeMs: number | undefined
  /** The pod will never run a container again (terminated, or deleted and stopped). */
  terminal: boolean
  view(name: string): ContainerView
}

type Phase = NonNullable<PodStatus['phase']>

function terminated(c: ContainerStatus): NonNullable<ContainerState['terminated']> {
  return {
    exitCode: c.exitCode,
    reason: c.reason === '' ? 'Error' : c.reason,
    ...(c.message === '' ? {} : { message: c.message }),
    startedAt: rfc3339(c.startedAtMs ?? c.createdAtMs),
    finishedAt: rfc3339(c.finishedAtMs ?? c.createdAtMs),
    containerID: `containerd://${c.id}`,
  }
}

/** One container's status, as `kubectl get pod -o yaml` shows it. */
export function containerStatus(
  spec: Container,
  view: ContainerView,
  old: ApiContainerStatus | undefined,
  defaultWaiting = 'ContainerCreating',
): ApiContainerStatus {
  const { current, previous } = view
  let state: ContainerState
  let lastState: ContainerState =
    previous?.state === 'CONTAINER_EXITED'
      ? { terminated: terminated(previous) }
      : (old?.lastState ?? {})
  if (current?.state === 'CONTAINER_RUNNING') {
    state = { running: { startedAt: rfc3339(current.startedAtMs ?? current.createdAtMs) } }
  } else if (current?.state === 'CONTAINER_EXITED' && view.waiting === undefined) {
    state = { terminated: terminated(current) }
  } else {
    state = { waiting: view.waiting ?? { reason: defaultWaiting } }
    if (current?.state === 'CONTAINER_EXITED') lastState = { terminated: terminated(current) }
  }
  return {
    name: spec.name,
    state,
    lastState,
    ready: view.ready && current?.state === 'CONTAINER_RUNNING',
    restartCount: view.restartCount,
    image: current?.image ?? spec.image,
    imageID: current?.imageRef ?? '',
    ...(current === undefined ? {} : { containerID: `containerd://${current.id}` }),
    started: view.started && current?.state === 'CONTAINER_RUNNING',
  }
}

/** kubecontainer.HasAnyRegularContainerStarted: one runs or has terminated. */
function anyRegularStarted(regular: ApiContainerStatus[]): boolean {
  return regular.some((s) => s.state.running !== undefined || s.state.terminated !== undefined)
}

export function getPhase(
  pod: Pod,
  init: ApiContainerStatus[],
  regular: ApiContainerStatus[],
  terminal: boolean,
): Phase {
  let pending = 0
  let failedInit = 0
  for (const s of init) {
    if (s.state.running !== undefined) pending++
    else if (s.state.terminated !== undefined)
      failedInit += s.state.terminated.exitCode !== 0 ? 1 : 0
    else if (s.lastState.terminated !== undefined)
      failedInit += s.lastState.terminated.exitCode !== 0 ? 1 : 0
    else pending++
  }
  let running = 0
  let waiting = 0
  let stopped = 0
  let succeeded = 0
  for (const s of regular) {
    if (s.state.running !== undefined) running++
    else if (s.state.terminated !== undefined) {
      stopped++
      if (s.state.terminated.exitCode === 0) succeeded++
    } else if (s.lastState.terminated !== undefined) stopped++
    else waiting++
  }
  const policy = pod.spec.restartPolicy ?? 'Always'
  if (failedInit > 0 && policy === 'Never') return 'Failed'
  if ((pending > 0 && !anyRegularStarted(regular)) || waiting > 0) return 'Pending'
  if (running > 0) return 'Running'
  if (stopped === 0) return 'Pending'
  if (terminal) return stopped === succeeded ? 'Succeeded' : 'Failed'
  if (policy === 'Always') return 'Running'
  if (stopped === succeeded) return 'Succeeded'
  return policy === 'Never' ? 'Failed' : 'Running'
}

function condition(
  type: PodCondition['type'],
  ok: boolean,
  reason?: string,
  message?: string,
): PodCondition {
  return {
    type,
    status: ok ? 'True' : 'False',
    ...(reason === undefined ? {} : { reason }),
    ...(message === undefined ? {} : { message }),
  }
}

function conditions(
  input: StatusInput,
  init: ApiContainerStatus[],
  regular: ApiContainerStatus[],
  phase: Phase,
): PodCondition[] {
  const list = (names: string[]): string => `[${names.join(' ')}]`
  const unready = regular.filter((s) => !s.ready).map((s) => s.name)
  const terminalReason =
    phase === 'Succeeded' ? 'PodCompleted' : phase === 'Failed' ? 'PodFailed' : undefined
  const containersReady =
    terminalReason !== undefined
      ? condition('ContainersReady', false, terminalReason)
      : unready.length > 0
        ? condition(
            'ContainersReady',
            false,
            'ContainersNotReady',
            `containers with unready status: ${list(unready)}`,
          )
        : condition('ContainersReady', true)
  const incomplete = init.filter((s) => s.state.terminated?.exitCode !== 0).map((s) => s.name)
  const regularStarted = anyRegularStarted(regular)
  const initialized =
    phase === 'Succeeded'
      ? condition('Initialized', true, 'PodCompleted')
      : regularStarted || incomplete.length === 0
        ? condition('Initialized', true)
        : condition(
            'Initialized',
            false,
            'ContainersNotInitialized',
            `containers with incomplete status: ${list(incomplete)}`,
          )
  return [
    condition('PodReadyToStartContainers', input.sandboxReady),
    initialized,
    { ...containersReady, type: 'Ready' },
    containersReady,
    condition('PodScheduled', true),
  ]
}

/** Keeps lastTransitionTime of conditions whose status did not change. */
function withTransitions(
  next: PodCondition[],
  old: PodCondition[] | undefined,
  nowMs: number,
): PodCondition[] {
  return next.map((c) => {
    const before = old?.find((o) => o.type === c.type)
    const lastTransitionTime =
      before !== undefined && before.status === c.status && before.lastTransitionTime !== undefined
        ? before.lastTransitionTime
        : rfc3339(nowMs)
    return { ...c, lastProbeTime: null, lastTransitionTime }
  })
}

export function generatePodStatus(input: StatusInput): PodStatus {
  const { pod } = input
  const old = pod.status ?? {}
  const oldOf = (
    list: ApiContainerStatus[] | undefined,
    name: string,
  ): ApiContainerStatus | undefined => list?.find((s) => s.name === name)
  // With init containers, a container that has not started waits in PodInitializing.
  const waiting =
    (pod.spec.initContainers ?? []).length > 0 ? 'PodInitializing' : 'ContainerCreating'
  const init = (pod.spec.initContainers ?? []).map((c) =>
    containerStatus(c, input.view(c.name), oldOf(old.initContainerStatuses, c.name), waiting),
  )
  const regular = pod.spec.containers.map((c) =>
    containerStatus(c, input.view(c.name), oldOf(old.containerStatuses, c.name), waiting),
  )
  const phase = getPhase(pod, init, regular, input.terminal)
  const podIP = input.podIP ?? old.podIP
  const startTime =
    old.startTime ?? (input.startTimeMs === undefined ? undefined : rfc3339(input.startTimeMs))
  return {
    ...old,
    phase,
    conditions: withTransitions(
      conditions(input, init, regular, phase),
      old.conditions,
      input.nowMs,
    ),
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    ...(podIP === undefined ? {} : { podIP, podIPs: [{ ip: podIP }] }),
    ...(startTime === undefined ? {} : { startTime }),
    ...(init.length === 0 ? {} : { initContainerStatuses: init }),
    containerStatuses: regular,
  }
}
