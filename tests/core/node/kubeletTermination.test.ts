/**
 * The kubelet stopping pods and serving their logs (FIDELITY.md §5.1, §5.6).
 */
import { describe, expect, it } from 'vitest'
import { nodeHarness, pod } from './nodeHarness'

const PAUSE = ['registry.k8s.io/pause:3.10']
const WITH = (...images: string[]): string[] => [...PAUSE, ...images]

describe('kubelet: termination', () => {
  it('kubelet: delete: nginx stops on its signal and the pod is gone (FIDELITY.md §5.1, §5.6)', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/nginx:latest') })
    n.createPod(pod('web', 'nginx:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(2_000)
    n.client('kubectl').delete('pods', 'default', 'web')
    const deletedAt = n.clock.nowMs
    const gone = n.until(() => n.getPod('web') === undefined, 40_000, 10)
    expect(gone - deletedAt).toBeLessThan(1_000)
    const killing = n.eventsOf('web').find((e) => e.reason === 'Killing')!
    expect(killing.message).toBe('Stopping container web')
    expect(n.releasedIPs).toEqual(['10.244.1.2'])
    expect(n.containerd.listContainers()).toEqual([])
    expect(n.containerd.listPodSandbox()).toEqual([])
  })

  it('kubelet: delete: a shell that ignores SIGTERM takes the whole grace period, then SIGKILL', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/busybox:latest') })
    n.createPod(
      pod(
        'sleeper',
        'busybox:latest',
        {},
        { imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'] },
      ),
    )
    n.advance(2_000)
    n.client('kubectl').delete('pods', 'default', 'sleeper')
    const deletedAt = n.clock.nowMs
    n.advance(29_000)
    expect(n.getPod('sleeper')!.metadata.deletionTimestamp).toBeDefined()
    expect(n.getPod('sleeper')!.status!.containerStatuses![0]!.state.running).toBeDefined()
    const gone = n.until(() => n.getPod('sleeper') === undefined, 10_000, 10)
    expect(gone - deletedAt).toBeGreaterThanOrEqual(30_000)
    expect(gone - deletedAt).toBeLessThan(31_000)
    const final = n.podHistory.filter((h) => h.pod.metadata.name === 'sleeper').at(-2)!.pod
    expect(final.status!.containerStatuses![0]!.state.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
    })
    expect(final.status!.phase).toBe('Failed')
  })

  it('kubelet: delete: a shorter grace period is honoured', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/busybox:latest') })
    n.createPod(
      pod(
        'sleeper',
        'busybox:latest',
        { terminationGracePeriodSeconds: 5 },
        { imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'] },
      ),
    )
    n.advance(2_000)
    n.client('kubectl').delete('pods', 'default', 'sleeper')
    const deletedAt = n.clock.nowMs
    const gone = n.until(() => n.getPod('sleeper') === undefined, 10_000, 10)
    expect(gone - deletedAt).toBeGreaterThanOrEqual(5_000)
    expect(gone - deletedAt).toBeLessThan(6_000)
  })
})

describe('kubelet: logs', () => {
  it('kubelet: logs: nginx logs its startup and one access line per request', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/nginx:latest') })
    n.createPod(
      pod(
        'web',
        'nginx:latest',
        {},
        { imagePullPolicy: 'IfNotPresent', readinessProbe: { httpGet: { path: '/', port: 80 } } },
      ),
    )
    n.advance(2_000)
    const lines = n.kubelet.logs('default', 'web', 'web').split('\n')
    expect(lines[0]).toBe(
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    )
    expect(lines).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up')
    expect(
      lines.some((l) => /^2026\/01\/05 09:00:0\d \[notice\] 1#1: nginx\/1\.27\.3$/.test(l)),
    ).toBe(true)
    expect(
      lines.some((l) =>
        /^192\.168\.56\.21 - - \[05\/Jan\/2026:09:00:0\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "kube-probe\/1\.32" "-"$/.test(
          l,
        ),
      ),
    ).toBe(true)
    expect(n.kubelet.logs('default', 'web', undefined, { tailLines: 1 }).split('\n')).toHaveLength(
      2,
    )
  })

  it('kubelet: logs: the kubelet answers with its own texts for containers without logs', () => {
    const n = nodeHarness({ seed: 1, images: PAUSE })
    n.createPod(pod('web', 'nginx'))
    n.advance(500)
    expect(() => n.kubelet.logs('default', 'web', 'web')).toThrow(
      'container "web" in pod "web" is waiting to start: ContainerCreating',
    )
    expect(() => n.kubelet.logs('default', 'web', 'web', { previous: true })).toThrow(
      'previous terminated container "web" in pod "web" not found',
    )
    expect(() => n.kubelet.logs('default', 'web', 'nope')).toThrow(
      'container nope is not valid for pod web',
    )
    n.createPod(pod('bad', 'nginx:doesnotexist'))
    // Pulls are serialized: this one waits for nginx's.
    n.advance(10_000)
    expect(() => n.kubelet.logs('default', 'bad', 'bad')).toThrow(
      'container "bad" in pod "bad" is waiting to start: trying and failing to pull image',
    )
  })

  it('kubelet: logs: a crash-looping container shows its last run, and --previous the one before', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/kubelab/crash:latest') })
    n.createPod(pod('crash', 'kubelab/crash:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(20_000)
    expect(n.kubelet.logs('default', 'crash', 'crash')).toMatch(
      /kubelab\/crash: fatal: dial tcp db:5432: connect: connection refused\n$/,
    )
    expect(n.kubelet.logs('default', 'crash', 'crash', { previous: true })).toContain(
      'kubelab/crash: starting',
    )
  })
})
