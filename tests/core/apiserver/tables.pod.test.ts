import { describe, expect, it } from 'vitest'
import { rfc3339 } from '../../../core/api/time'
import type { ContainerStatus, ObjectMeta, Pod, PodSpec, PodStatus } from '../../../core/api/types'
import { toTable } from '../../../core/apiserver/tables/index'

const SECOND = 1000
const MINUTE = 60 * SECOND
const NOW = 3 * 24 * 60 * MINUTE
const ago = (ms: number): string => rfc3339(NOW - ms)

function pod(
  status: PodStatus,
  spec: Partial<PodSpec> & { readinessGates?: { conditionType: string }[] } = {},
  metadata: Partial<ObjectMeta> = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'default',
      creationTimestamp: ago(10 * MINUTE),
      ...metadata,
    },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], nodeName: 'worker-1', ...spec },
    status,
  }
}

/** A container status; `state` defaults to running and ready. */
function container(name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return {
    name,
    state: { running: { startedAt: ago(5 * MINUTE) } },
    lastState: {},
    ready: true,
    restartCount: 0,
    image: 'nginx:1.27',
    imageID: '',
    started: true,
    ...extra,
  }
}

const waiting = (reason: string) => ({ waiting: { reason } })
const terminated = (exitCode: number, reason?: string, signal?: number) => ({
  terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) },
})
const READY = [{ type: 'Ready' as const, status: 'True' as const }]
const INITIALIZED = [{ type: 'Initialized' as const, status: 'True' as const }]

/** What `kubectl get pods` shows: NAME READY STATUS RESTARTS AGE. */
function shown(p: Pod): unknown[] {
  return toTable('Pod', [p], { nowMs: NOW }).rows[0]!.cells.slice(0, 5)
}

/** What `-o wide` adds: IP NODE NOMINATED NODE READINESS GATES. */
function wide(p: Pod): unknown[] {
  return toTable('Pod', [p], { nowMs: NOW }).rows[0]!.cells.slice(5)
}

describe('Pod printer: STATUS, READY and RESTARTS (FIDELITY.md §5.9)', () => {
  it('shows a running pod as 1/1 Running with no restarts and its age', () => {
    const p = pod({ phase: 'Running', conditions: READY, containerStatuses: [container('web')] })
    expect(shown(p)).toEqual(['web', '1/1', 'Running', '0', '10m'])
  })

  it('shows CrashLoopBackOff with 3 restarts, the last one 2m ago', () => {
    const crashing = container('web', {
      state: waiting('CrashLoopBackOff'),
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(2 * MINUTE) } },
      ready: false,
      restartCount: 3,
    })
    const p = pod({ phase: 'Running', containerStatuses: [crashing] })
    expect(shown(p)).toEqual(['web', '0/1', 'CrashLoopBackOff', '3 (2m ago)', '10m'])
  })

  it('prints a bare restart count when no termination time is known', () => {
    const p = pod({ phase: 'Running', containerStatuses: [container('web', { restartCount: 2 })] })
    expect(shown(p)[3]).toBe('2')
  })

  it('sums restarts over containers and dates them from the newest finishedAt', () => {
    const last = (finished: number) => ({ terminated: { exitCode: 1, finishedAt: ago(finished) } })
    const p = pod(
      {
        phase: 'Running',
        containerStatuses: [
          container('web', { restartCount: 1, lastState: last(7 * MINUTE) }),
          container('log', { restartCount: 2, lastState: last(90 * SECOND) }),
        ],
      },
      {
        containers: [
          { name: 'web', image: 'nginx' },
          { name: 'log', image: 'fluent-bit' },
        ],
      },
    )
    expect(shown(p).slice(1, 4)).toEqual(['2/2', 'Running', '3 (90s ago)'])
  })

  it('shows the phase of a pod the scheduler has not placed yet', () => {
    const unschedulable = { type: 'PodScheduled' as const, status: 'False' as const }
    const p = pod({ phase: 'Pending', conditions: [unschedulable] }, { nodeName: undefined })
    expect(shown(p)).toEqual(['web', '0/1', 'Pending', '0', '10m'])
    expect(wide(p)).toEqual(['<none>', '<none>', '<none>', '<none>'])
  })

  it('shows the waiting reason of a container being created or pulled', () => {
    const creating = container('web', { state: waiting('ContainerCreating'), ready: false })
    expect(shown(pod({ phase: 'Pending', containerStatuses: [creating] }))[2]).toBe(
      'ContainerCreating',
    )
    const pulling = container('web', { state: waiting('ImagePullBackOff'), ready: false })
    expect(shown(pod({ phase: 'Pending', containerStatuses: [pulling] }))[2]).toBe(
      'ImagePullBackOff',
    )
  })

  it('lets the first container reason win, as printPod walks the containers last to first', () => {
    const p = pod({
      phase: 'Pending',
      containerStatuses: [
        container('web', { state: waiting('ErrImagePull'), ready: false }),
        container('log', { state: waiting('CrashLoopBackOff'), ready: false }),
      ],
    })
    expect(shown(p)[2]).toBe('ErrImagePull')
  })

  it('shows ExitCode:%d or Signal:%d for a container that terminated without a reason', () => {
    const exited = container('web', { state: terminated(137), ready: false })
    expect(shown(pod({ phase: 'Failed', containerStatuses: [exited] }))[2]).toBe('ExitCode:137')
    const signalled = container('web', { state: terminated(143, undefined, 15), ready: false })
    expect(shown(pod({ phase: 'Failed', containerStatuses: [signalled] }))[2]).toBe('Signal:15')
    const oom = container('web', { state: terminated(137, 'OOMKilled'), ready: false })
    expect(shown(pod({ phase: 'Running', containerStatuses: [oom] }))[2]).toBe('OOMKilled')
  })

  it('shows Completed for a finished pod, and Running or NotReady while another container runs', () => {
    const done = container('web', { state: terminated(0, 'Completed'), ready: false })
    expect(shown(pod({ phase: 'Succeeded', containerStatuses: [done] }))).toEqual([
      'web',
      '0/1',
      'Completed',
      '0',
      '10m',
    ])
    const spec = {
      containers: [
        { name: 'web', image: 'nginx' },
        { name: 'job', image: 'busybox' },
      ],
    }
    const statuses = [container('web'), container('job', { state: terminated(0, 'Completed') })]
    const ready = pod({ phase: 'Running', conditions: READY, containerStatuses: statuses }, spec)
    expect(shown(ready).slice(1, 3)).toEqual(['1/2', 'Running'])
    expect(shown(pod({ phase: 'Running', containerStatuses: statuses }, spec))[2]).toBe('NotReady')
  })

  it('shows the pod reason, such as Evicted, when no container says more', () => {
    expect(shown(pod({ phase: 'Failed', reason: 'Evicted' }))[2]).toBe('Evicted')
  })

  it('shows SchedulingGated while a scheduling gate holds the pod', () => {
    const gated = {
      type: 'PodScheduled' as const,
      status: 'False' as const,
      reason: 'SchedulingGated',
    }
    expect(shown(pod({ phase: 'Pending', conditions: [gated] }))[2]).toBe('SchedulingGated')
  })

  it('shows Terminating once deletionTimestamp is set, but not for a finished pod', () => {
    const deleting = { deletionTimestamp: ago(5 * SECOND) }
    const running = pod({ phase: 'Running', containerStatuses: [container('web')] }, {}, deleting)
    expect(shown(running)).toEqual(['web', '1/1', 'Terminating', '0', '10m'])
    const done = container('web', { state: terminated(0, 'Completed'), ready: false })
    expect(shown(pod({ phase: 'Succeeded', containerStatuses: [done] }, {}, deleting))[2]).toBe(
      'Completed',
    )
  })

  it('shows Unknown for a deleted pod the node controller marked NodeLost', () => {
    const lost = pod(
      { phase: 'Running', reason: 'NodeLost', containerStatuses: [container('web')] },
      {},
      { deletionTimestamp: ago(SECOND) },
    )
    expect(shown(lost)[2]).toBe('Unknown')
  })
})

describe('Pod printer: init containers (FIDELITY.md §5.9)', () => {
  const init = (names: string[]) => ({
    initContainers: names.map((name) => ({ name, image: 'busybox:1.36' })),
  })

  it('shows Init:0/1 while the only init container runs', () => {
    const p = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [container('init-db', { ready: false })],
        containerStatuses: [container('web', { state: waiting('PodInitializing'), ready: false })],
      },
      init(['init-db']),
    )
    expect(shown(p)).toEqual(['web', '0/1', 'Init:0/1', '0', '10m'])
  })

  it('counts finished init containers in Init:i/n', () => {
    const p = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          container('migrate', { state: terminated(0, 'Completed'), ready: true }),
          container('seed', { state: waiting('PodInitializing'), ready: false }),
        ],
      },
      init(['migrate', 'seed']),
    )
    expect(shown(p)[2]).toBe('Init:1/2')
  })

  it('shows Init:CrashLoopBackOff with the init container restarts', () => {
    const crashing = container('init-db', {
      state: waiting('CrashLoopBackOff'),
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(30 * SECOND) } },
      ready: false,
      restartCount: 2,
    })
    const p = pod({ phase: 'Pending', initContainerStatuses: [crashing] }, init(['init-db']))
    expect(shown(p)).toEqual(['web', '0/1', 'Init:CrashLoopBackOff', '2 (30s ago)', '10m'])
  })

  it('shows Init:<reason>, Init:ExitCode:%d or Init:Signal:%d for a failed init container', () => {
    const failed = (state: ContainerStatus['state']) =>
      shown(
        pod(
          { phase: 'Pending', initContainerStatuses: [container('init', { state, ready: false })] },
          init(['init']),
        ),
      )[2]
    expect(failed(terminated(1, 'Error'))).toBe('Init:Error')
    expect(failed(terminated(2))).toBe('Init:ExitCode:2')
    expect(failed(terminated(137, undefined, 9))).toBe('Init:Signal:9')
  })

  it('counts a started sidecar in READY and its restarts, once the pod is initialized', () => {
    const p = pod(
      {
        phase: 'Running',
        conditions: [...INITIALIZED, ...READY],
        initContainerStatuses: [
          container('proxy', {
            restartCount: 1,
            lastState: { terminated: { exitCode: 1, finishedAt: ago(3 * MINUTE) } },
          }),
        ],
        containerStatuses: [container('web')],
      },
      {
        initContainers: [{ name: 'proxy', image: 'envoy:v1.31', restartPolicy: 'Always' } as never],
      },
    )
    expect(shown(p)).toEqual(['web', '2/2', 'Running', '1 (3m ago)', '10m'])
  })
})

describe('Pod printer: wide columns', () => {
  it('shows IP, NODE, NOMINATED NODE and READINESS GATES', () => {
    const p = pod(
      {
        phase: 'Running',
        podIP: '10.244.1.5',
        podIPs: [{ ip: '10.244.1.5' }],
        nominatedNodeName: 'worker-2',
        conditions: [...READY, { type: 'example.com/feature-1', status: 'True' } as never],
        containerStatuses: [container('web')],
      },
      {
        readinessGates: [
          { conditionType: 'example.com/feature-1' },
          { conditionType: 'example.com/feature-2' },
        ],
      },
    )
    expect(wide(p)).toEqual(['10.244.1.5', 'worker-1', 'worker-2', '1/2'])
  })

  it('falls back to podIPs[0] when podIP is empty', () => {
    expect(wide(pod({ phase: 'Running', podIPs: [{ ip: 'fd00::5' }] }))[0]).toBe('fd00::5')
  })
})
