/**
 * The kubelet restarting containers: restart policies, CrashLoopBackOff, OOMKilled, init containers, killed processes (FIDELITY.md §5.2–§5.4, §5.8).
 */
import { describe, expect, it } from 'vitest'
import { nodeHarness, pod } from './nodeHarness'

const PAUSE = ['registry.k8s.io/pause:3.10']
const WITH = (...images: string[]): string[] => [...PAUSE, ...images]

describe('kubelet: restarts', () => {
  it('kubelet: crashloop: back-off doubles up to 5 minutes: restarts after 10, 20, 40, 80, 160, 300, 300 s (FIDELITY.md §5.3, §5.4)', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/kubelab/crash:latest') })
    n.createPod(pod('crash', 'kubelab/crash:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(1_800_000)
    const starts = n
      .eventsOf('crash')
      .filter((e) => e.reason === 'Started')
      .map((e) => e.atMs)
    // kubelab/crash exits exactly 2 s after it starts; the delay runs from that exit.
    const delays = starts.slice(1).map((atMs, i) => (atMs - (starts[i]! + 2_000)) / 1000)
    expect(delays[0]).toBeLessThanOrEqual(1)
    expect(delays.slice(1, 8)).toEqual([10, 20, 40, 80, 160, 300, 300])
    const crash = n.getPod('crash')!
    expect(crash.status!.phase).toBe('Running')
    const backOff = n.eventsOf('crash').find((e) => e.reason === 'BackOff')!
    expect(backOff.type).toBe('Warning')
    expect(backOff.message).toBe(
      `Back-off restarting failed container crash in pod crash_default(${crash.metadata.uid!})`,
    )
    const waiting = n.podHistory
      .map((h) => h.pod.status?.containerStatuses?.[0]?.state.waiting?.message)
      .filter((m) => m !== undefined)
    expect(waiting).toContain(
      `back-off 10s restarting failed container=crash pod=crash_default(${crash.metadata.uid!})`,
    )
    expect(waiting).toContain(
      `back-off 5m0s restarting failed container=crash pod=crash_default(${crash.metadata.uid!})`,
    )
    expect(n.explain.latest('Pod default/crash', 'CrashLoopBackOff')).toBeDefined()
  })

  it('kubelet: crashloop: the waiting container shows CrashLoopBackOff with the last exit as lastState', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/kubelab/crash:latest') })
    n.createPod(pod('crash', 'kubelab/crash:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.until(
      () =>
        n.getPod('crash')!.status?.containerStatuses?.[0]?.state.waiting?.reason ===
        'CrashLoopBackOff',
    )
    const status = n.getPod('crash')!.status!.containerStatuses![0]!
    expect(status.restartCount).toBe(1)
    expect(status.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' })
    expect(status.lastState.terminated!.containerID).toBe(status.containerID)
    expect(n.getPod('crash')!.status!.phase).toBe('Running')
  })

  it('kubelet: crashloop: a container that ran 10 minutes without trouble is restarted at once (FIDELITY.md §5.3)', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/busybox:latest') })
    const runner = (name: string, seconds: number) =>
      pod(
        name,
        'busybox:latest',
        {},
        { imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', `sleep ${seconds}; exit 1`] },
      )
    n.createPod(runner('long', 660))
    n.createPod(runner('short', 300))
    n.advance(2_100_000)
    const restartDelays = (name: string): number[] => {
      const starts = n
        .eventsOf(name)
        .filter((e) => e.reason === 'Started')
        .map((e) => e.atMs)
      const seconds = name === 'long' ? 660 : 300
      return starts
        .slice(1)
        .map((atMs, i) => Math.round((atMs - starts[i]! - seconds * 1000) / 1000))
    }
    // Ten quiet minutes (2 × the 5 min maximum) reset the back-off: every restart is immediate.
    expect(restartDelays('long').every((d) => d <= 1)).toBe(true)
    // Five minutes are not enough: the back-off keeps growing.
    expect(restartDelays('short').slice(1, 4)).toEqual([10, 20, 40])
  })

  it('kubelet: restartPolicy Never: exit 0 → Succeeded, container terminated Completed', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/busybox:latest') })
    n.createPod(
      pod(
        'hello',
        'busybox:latest',
        { restartPolicy: 'Never' },
        { imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'echo hello; exit 0'] },
      ),
    )
    n.advance(3_000)
    const hello = n.getPod('hello')!
    expect(hello.status!.phase).toBe('Succeeded')
    expect(hello.status!.containerStatuses![0]!.state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    })
    expect(hello.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'PodCompleted',
    })
    expect(
      hello.status!.conditions!.find((c) => c.type === 'PodReadyToStartContainers')!.status,
    ).toBe('False')
    expect(n.releasedIPs).toEqual(['10.244.1.2'])
    expect(n.kubelet.logs('default', 'hello', 'hello')).toBe('hello\n')
  })

  it('kubelet: restartPolicy Never: a non-zero exit → Failed with reason Error', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/busybox:latest') })
    n.createPod(
      pod(
        'fail',
        'busybox:latest',
        { restartPolicy: 'Never' },
        { imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'exit 3'] },
      ),
    )
    n.advance(3_000)
    expect(n.getPod('fail')!.status!.phase).toBe('Failed')
    expect(n.getPod('fail')!.status!.containerStatuses![0]!.state.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
    })
  })

  it('kubelet: restartPolicy OnFailure: a failure restarts, a success completes', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/busybox:latest') })
    n.createPod(
      pod(
        'ok',
        'busybox:latest',
        { restartPolicy: 'OnFailure' },
        { imagePullPolicy: 'IfNotPresent', command: ['true'] },
      ),
    )
    n.createPod(
      pod(
        'bad',
        'busybox:latest',
        { restartPolicy: 'OnFailure' },
        { imagePullPolicy: 'IfNotPresent', command: ['false'] },
      ),
    )
    n.advance(5_000)
    expect(n.getPod('ok')!.status!.phase).toBe('Succeeded')
    expect(n.getPod('bad')!.status!.phase).toBe('Running')
    expect(n.getPod('bad')!.status!.containerStatuses![0]!.restartCount).toBeGreaterThan(0)
  })

  it('kubelet: oom: a container past its memory limit is OOMKilled with exit code 137 (FIDELITY.md §5.2)', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/kubelab/memory-hog:latest') })
    n.createPod(
      pod(
        'hog',
        'kubelab/memory-hog:latest',
        {},
        {
          imagePullPolicy: 'IfNotPresent',
          args: ['--mb', '256'],
          resources: { limits: { memory: '128Mi' } },
        },
      ),
    )
    n.until(
      () => n.getPod('hog')!.status?.containerStatuses?.[0]?.lastState.terminated !== undefined,
    )
    const status = n.getPod('hog')!.status!.containerStatuses![0]!
    expect(status.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' })
    expect(n.explain.latest('Pod default/hog', 'OOMKilled')?.summary).toContain('128Mi')
    n.until(
      () =>
        n.getPod('hog')!.status?.containerStatuses?.[0]?.state.waiting?.reason ===
        'CrashLoopBackOff',
    )
  })

  it('kubelet: oom: within its limit the hog holds its memory and keeps running', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/kubelab/memory-hog:latest') })
    n.createPod(
      pod(
        'hog',
        'kubelab/memory-hog:latest',
        {},
        {
          imagePullPolicy: 'IfNotPresent',
          env: [{ name: 'MEMORY_MB', value: '64' }],
          resources: { limits: { memory: '128Mi' } },
        },
      ),
    )
    n.advance(10_000)
    expect(n.getPod('hog')!.status!.containerStatuses![0]!.state.running).toBeDefined()
    expect(n.kubelet.logs('default', 'hog', 'hog', { tailLines: 1 })).toBe(
      'memory-hog: holding 64 MiB\n',
    )
  })
})

describe('kubelet: init containers, killed processes', () => {
  it('kubelet: init: init containers run first, in order; the app waits in PodInitializing', () => {
    const n = nodeHarness({
      seed: 1,
      images: WITH('docker.io/library/busybox:latest', 'docker.io/library/nginx:latest'),
    })
    n.createPod(
      pod(
        'web',
        'nginx:latest',
        {
          initContainers: [
            {
              name: 'wait',
              image: 'busybox:latest',
              imagePullPolicy: 'IfNotPresent',
              command: ['sh', '-c', 'sleep 5'],
            },
            {
              name: 'setup',
              image: 'busybox:latest',
              imagePullPolicy: 'IfNotPresent',
              command: ['sh', '-c', 'echo ready'],
            },
          ],
        },
        { imagePullPolicy: 'IfNotPresent' },
      ),
    )
    n.advance(2_000)
    const pending = n.getPod('web')!.status!
    expect(pending.phase).toBe('Pending')
    expect(pending.containerStatuses![0]!.state.waiting).toEqual({ reason: 'PodInitializing' })
    expect(pending.initContainerStatuses![0]!.state.running).toBeDefined()
    expect(pending.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [wait setup]',
    })
    n.advance(6_000)
    const running = n.getPod('web')!.status!
    expect(running.phase).toBe('Running')
    expect(running.initContainerStatuses!.map((s) => s.state.terminated?.reason)).toEqual([
      'Completed',
      'Completed',
    ])
    expect(
      n
        .eventsOf('web')
        .filter((e) => e.reason === 'Started')
        .map((e) => e.message),
    ).toEqual(['Started container wait', 'Started container setup', 'Started container web'])
  })

  it('kubelet: kill: a container process killed with SIGKILL exits 137 and is restarted', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/nginx:latest') })
    n.createPod(pod('web', 'nginx:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(2_000)
    const nginx = n.processes.list().find((p) => p.command.startsWith('nginx'))!
    expect(n.processes.kill(nginx.pid, 'SIGKILL')).toBe(true)
    n.advance(2_000)
    const status = n.getPod('web')!.status!.containerStatuses![0]!
    expect(status.restartCount).toBe(1)
    expect(status.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' })
    expect(status.state.running).toBeDefined()
  })

  it('kubelet: sandbox: when the pause process dies the sandbox is re-created (SandboxChanged)', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/nginx:latest') })
    n.createPod(pod('web', 'nginx:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(2_000)
    const pause = n.processes.list().find((p) => p.command === '/pause')!
    n.processes.kill(pause.pid, 'SIGKILL')
    n.advance(3_000)
    expect(n.eventsOf('web').find((e) => e.reason === 'SandboxChanged')!.message).toBe(
      'Pod sandbox changed, it will be killed and re-created.',
    )
    const web = n.getPod('web')!.status!
    expect(web.phase).toBe('Running')
    expect(web.podIP).toBe('10.244.1.3')
    expect(web.containerStatuses![0]!.restartCount).toBe(1)
    expect(n.releasedIPs).toEqual(['10.244.1.2'])
  })
})

describe('kubelet: start errors', () => {
  it('kubelet: start error: an image whose program cannot run fails with StartError, exit code 128', () => {
    const n = nodeHarness({ seed: 1, images: WITH('registry.k8s.io/kube-apiserver:v1.32.4') })
    n.createPod(
      pod(
        'api',
        'registry.k8s.io/kube-apiserver:v1.32.4',
        { restartPolicy: 'Never' },
        { command: ['kube-apiserver', '--advertise-address=192.168.56.11'] },
      ),
    )
    n.advance(3_000)
    const desc =
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "kube-apiserver": executable file not found in $PATH: unknown'
    expect(n.eventsOf('api').map((e) => e.message)).toContain(`Error: ${desc}`)
    const status = n.getPod('api')!.status!
    expect(status.phase).toBe('Failed')
    expect(status.containerStatuses![0]!.state.terminated).toMatchObject({
      exitCode: 128,
      reason: 'StartError',
      message: desc,
    })
  })

  it('kubelet: init: before the sandbox is ready every container waits in PodInitializing', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/busybox:latest') })
    n.createPod(
      pod(
        'web',
        'busybox:latest',
        {
          initContainers: [
            {
              name: 'init',
              image: 'busybox:latest',
              imagePullPolicy: 'IfNotPresent',
              command: ['true'],
            },
          ],
        },
        { imagePullPolicy: 'IfNotPresent', command: ['sleep', '60'] },
      ),
    )
    n.advance(50)
    const status = n.getPod('web')!.status!
    expect(status.initContainerStatuses![0]!.state.waiting).toEqual({ reason: 'PodInitializing' })
    expect(status.containerStatuses![0]!.state.waiting).toEqual({ reason: 'PodInitializing' })
  })
})
