/**
 * The kubelet's probes: liveness restarts, readiness gates Ready (FIDELITY.md §5.6, §5.7).
 */
import { describe, expect, it } from 'vitest'
import { nodeHarness, pod } from './nodeHarness'

const PAUSE = ['registry.k8s.io/pause:3.10']
const WITH = (...images: string[]): string[] => [...PAUSE, ...images]

describe('kubelet: probes', () => {
  it('kubelet: liveness: three failed HTTP probes restart the container (FIDELITY.md §5.6, §5.7)', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/nginx:latest') })
    n.createPod(
      pod(
        'web',
        'nginx:latest',
        {},
        {
          imagePullPolicy: 'IfNotPresent',
          livenessProbe: { httpGet: { path: '/healthz', port: 80 } },
        },
      ),
    )
    n.until(() => n.getPod('web')!.status?.containerStatuses?.[0]?.restartCount === 1, 60_000)
    const events = n.eventsOf('web')
    const started = events.find((e) => e.reason === 'Started')!.atMs
    const unhealthy = events.filter((e) => e.reason === 'Unhealthy').slice(0, 3)
    expect(unhealthy.map((e) => e.atMs - started)).toEqual([0, 10_000, 20_000])
    expect(unhealthy[0]!.message).toBe(
      'Liveness probe failed: HTTP probe failed with statuscode: 404',
    )
    expect(unhealthy[0]!.type).toBe('Warning')
    const killing = events.find((e) => e.reason === 'Killing')!
    expect(killing.message).toBe('Container web failed liveness probe, will be restarted')
    expect(killing.atMs - started).toBe(20_000)
    // nginx honours its stop signal at once; the first restart is not delayed.
    expect(n.kubelet.logs('default', 'web', 'web', { previous: true })).toContain(
      'signal 3 (SIGQUIT) received, shutting down',
    )
  })

  it('kubelet: liveness: the exec probe of the docs example fails once /tmp/healthy is gone', () => {
    const n = nodeHarness({ seed: 1, images: WITH('registry.k8s.io/busybox:latest') })
    n.createPod(
      pod(
        'liveness-exec',
        'registry.k8s.io/busybox:latest',
        {},
        {
          imagePullPolicy: 'IfNotPresent',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: {
            exec: { command: ['cat', '/tmp/healthy'] },
            initialDelaySeconds: 5,
            periodSeconds: 5,
          },
        },
      ),
    )
    n.advance(45_000)
    const events = n.eventsOf('liveness-exec')
    const started = events.find((e) => e.reason === 'Started')!.atMs
    const unhealthy = events.filter((e) => e.reason === 'Unhealthy')
    expect(unhealthy[0]!.message).toBe(
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    )
    expect(unhealthy.map((e) => e.atMs - started)).toEqual([30_000, 35_000, 40_000])
    expect(events.find((e) => e.reason === 'Killing')!.message).toBe(
      'Container liveness failed liveness probe, will be restarted',
    )
  })

  it('kubelet: liveness: a tcpSocket probe on a closed port reports the dial error', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/redis:latest') })
    n.createPod(
      pod(
        'cache',
        'redis:latest',
        {},
        {
          imagePullPolicy: 'IfNotPresent',
          livenessProbe: { tcpSocket: { port: 6380 }, periodSeconds: 5 },
        },
      ),
    )
    n.advance(3_000)
    expect(n.eventsOf('cache').find((e) => e.reason === 'Unhealthy')!.message).toBe(
      'Liveness probe failed: dial tcp 10.244.1.2:6380: connect: connection refused',
    )
  })

  it('kubelet: readiness: Ready waits for the readiness probe, and a failing one keeps the pod unready', () => {
    const n = nodeHarness({ seed: 1, images: WITH('docker.io/library/nginx:latest') })
    n.createPod(
      pod(
        'good',
        'nginx:latest',
        {},
        {
          imagePullPolicy: 'IfNotPresent',
          readinessProbe: {
            httpGet: { path: '/', port: 80 },
            initialDelaySeconds: 5,
            periodSeconds: 5,
          },
        },
      ),
    )
    n.createPod(
      pod(
        'bad',
        'nginx:latest',
        {},
        {
          imagePullPolicy: 'IfNotPresent',
          readinessProbe: { httpGet: { path: '/ready', port: 80 } },
        },
      ),
    )
    n.advance(2_000)
    const ready = (name: string): string | undefined =>
      n.getPod(name)!.status!.conditions!.find((c) => c.type === 'Ready')!.status
    expect(n.getPod('good')!.status!.phase).toBe('Running')
    expect(ready('good')).toBe('False')
    n.advance(5_000)
    expect(ready('good')).toBe('True')
    n.advance(60_000)
    expect(ready('bad')).toBe('False')
    expect(n.getPod('bad')!.status!.containerStatuses![0]!.ready).toBe(false)
    expect(n.getPod('bad')!.status!.containerStatuses![0]!.restartCount).toBe(0)
    expect(n.eventsOf('bad').find((e) => e.reason === 'Unhealthy')!.message).toBe(
      'Readiness probe failed: HTTP probe failed with statuscode: 404',
    )
  })
})
