/**
 * The kubelet starting pods: sandbox, image pulls and their back-off, events (FIDELITY.md §5.6).
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../core/api/types'
import { nodeHarness, pod } from './nodeHarness'

const NGINX_PRESENT = ['docker.io/library/nginx:latest', 'registry.k8s.io/pause:3.10']

function state(p: Pod | undefined): string {
  const s = p?.status?.containerStatuses?.[0]?.state
  if (s?.running !== undefined) return 'Running'
  if (s?.terminated !== undefined) return `Terminated:${s.terminated.reason ?? ''}`
  return `Waiting:${s?.waiting?.reason ?? ''}`
}

describe('kubelet: pod start', () => {
  it('kubelet: start: a pod bound to the node goes ContainerCreating → Running with Pulling, Pulled, Created, Started (FIDELITY.md §5.6)', () => {
    const n = nodeHarness({ seed: 1, images: ['registry.k8s.io/pause:3.10'] })
    n.advance(1_000)
    n.createPod(pod('web', 'nginx'))
    n.advance(300)
    expect(n.getPod('web')!.status?.phase).toBe('Pending')
    expect(state(n.getPod('web'))).toBe('Waiting:ContainerCreating')
    n.advance(15_000)
    const web = n.getPod('web')!
    expect(web.status?.phase).toBe('Running')
    expect(n.reasons('web')).toEqual(['Pulling', 'Pulled', 'Created', 'Started'])
    const [pulling, pulled, created, started] = n.eventsOf('web')
    expect(pulling!.message).toBe('Pulling image "nginx"')
    expect(pulled!.message).toMatch(
      /^Successfully pulled image "nginx" in \d+(\.\d+)?s \(\d+(\.\d+)?s including waiting\)\. Image size: 72195292 bytes\.$/,
    )
    expect(created!.message).toBe('Created container: web')
    expect(started!.message).toBe('Started container web')
    // nginx is ~72 MB: the pull takes a few seconds of virtual time.
    expect(pulled!.atMs - pulling!.atMs).toBeGreaterThan(3_000)
    expect(pulled!.atMs - pulling!.atMs).toBeLessThan(8_000)
    const status = web.status!.containerStatuses![0]!
    expect(status).toMatchObject({
      name: 'web',
      ready: true,
      started: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:latest',
      lastState: {},
    })
    expect(status.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/)
    expect(status.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/)
    expect(web.status!.podIP).toBe('10.244.1.2')
    expect(web.status!.podIPs).toEqual([{ ip: '10.244.1.2' }])
    expect(web.status!.hostIP).toBe('192.168.56.21')
    expect(web.status!.startTime).toBe('2026-01-05T09:00:01Z')
    expect(web.status!.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ])
  })

  it('kubelet: start: an image already present is not pulled (FIDELITY.md §5.6)', () => {
    const n = nodeHarness({ seed: 1, images: NGINX_PRESENT })
    n.createPod(pod('web', 'nginx:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(2_000)
    expect(n.getPod('web')!.status?.phase).toBe('Running')
    expect(n.eventsOf('web').map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'Pulled: Container image "nginx:latest" already present on machine',
      'Created: Created container: web',
      'Started: Started container web',
    ])
  })

  it('kubelet: start: while containers wait, conditions say which and why', () => {
    const n = nodeHarness({ seed: 1 })
    n.createPod(pod('web', 'nginx'))
    n.advance(2_000)
    const conditions = n.getPod('web')!.status!.conditions!
    expect(conditions.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [web]',
    })
  })

  it('kubelet: start: hostNetwork pods get the node IP and no pod IP is allocated', () => {
    const n = nodeHarness({ seed: 1, images: NGINX_PRESENT })
    n.createPod(pod('web', 'nginx:latest', { hostNetwork: true }))
    n.advance(2_000)
    expect(n.getPod('web')!.status!.podIP).toBe('192.168.56.21')
  })
})

describe('kubelet: image pulls', () => {
  it('kubelet: pull: a nonexistent image → ErrImagePull → ImagePullBackOff, retried after 10, 20, 40 … 300 s (FIDELITY.md §5.3, §5.6)', () => {
    const n = nodeHarness({ seed: 1, images: ['registry.k8s.io/pause:3.10'] })
    n.createPod(pod('web', 'nginx:doesnotexist'))
    n.advance(2_000)
    const error =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found'
    expect(n.eventsOf('web').map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Normal Pulling: Pulling image "nginx:doesnotexist"',
      `Warning Failed: Failed to pull image "nginx:doesnotexist": ${error}`,
      'Warning Failed: Error: ErrImagePull',
      'Normal BackOff: Back-off pulling image "nginx:doesnotexist"',
      'Warning Failed: Error: ImagePullBackOff',
    ])
    const waiting = n.podHistory
      .map((h) => h.pod.status?.containerStatuses?.[0]?.state?.waiting)
      .filter((w) => w !== undefined)
    expect(waiting).toContainEqual({ reason: 'ErrImagePull', message: error })
    expect(n.getPod('web')!.status!.containerStatuses![0]!.state.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "nginx:doesnotexist"',
    })
    expect(n.getPod('web')!.status!.phase).toBe('Pending')
    n.advance(1_500_000)
    const failures = n
      .eventsOf('web')
      .filter((e) => e.message.startsWith('Failed to pull image'))
      .map((e) => e.atMs)
    const pulls = n
      .eventsOf('web')
      .filter((e) => e.reason === 'Pulling')
      .map((e) => e.atMs)
    const gaps = pulls.slice(1).map((atMs, i) => (atMs - failures[i]!) / 1000)
    expect(gaps.slice(0, 7)).toEqual([10, 20, 40, 80, 160, 300, 300])
  })

  it('kubelet: pull: an unknown Docker Hub repository fails with pull access denied', () => {
    const n = nodeHarness({ seed: 1, images: ['registry.k8s.io/pause:3.10'] })
    n.createPod(pod('web', 'nginxx'))
    n.advance(3_000)
    expect(n.eventsOf('web')[1]!.message).toBe(
      'Failed to pull image "nginxx": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    )
  })

  it('kubelet: pull: pulls on a node are serialized, the second waits for the first', () => {
    const n = nodeHarness({ seed: 1, images: ['registry.k8s.io/pause:3.10'] })
    n.createPod(pod('a', 'nginx'))
    n.createPod(pod('b', 'redis'))
    n.advance(20_000)
    const b = n.eventsOf('b').find((e) => e.reason === 'Pulled')!.message
    const match = /in ([\d.]+)s \(([\d.]+)s including waiting\)/.exec(b)!
    expect(Number(match[2])).toBeGreaterThan(Number(match[1]) + 3)
  })

  it('kubelet: pull: imagePullPolicy Never with a missing image is ErrImageNeverPull', () => {
    const n = nodeHarness({ seed: 1, images: ['registry.k8s.io/pause:3.10'] })
    n.createPod(pod('web', 'nginx:1.27', {}, { imagePullPolicy: 'Never' }))
    n.advance(2_000)
    expect(n.eventsOf('web').map((e) => e.message)).toContain(
      'Container image "nginx:1.27" is not present with pull policy of Never',
    )
    expect(state(n.getPod('web'))).toBe('Waiting:ErrImageNeverPull')
  })
})
