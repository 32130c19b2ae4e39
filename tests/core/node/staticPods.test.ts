/**
 * Static pods: the kubelet runs manifests from /etc/kubernetes/manifests without the API server
 * and shows them in the API as mirror pods.
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../core/api/types'
import { staticPodFromManifest, StaticPodManifests } from '../../../core/node/staticPods'
import { NODE, nodeHarness } from './nodeHarness'

const IMAGES = [
  'docker.io/library/nginx:1.27',
  'docker.io/kubelab/crash:1',
  'registry.k8s.io/pause:3.10',
]

function manifest(name: string, image: string, extra: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      labels: { component: name, tier: 'control-plane' },
    },
    spec: { containers: [{ name, image, imagePullPolicy: 'IfNotPresent' }], ...extra },
  }
}

describe('static pods: manifests', () => {
  it('static pods: manifests: add, replace, remove and hidden files', () => {
    const manifests = new StaticPodManifests()
    const changes: string[] = []
    manifests.onChange((c) =>
      changes.push(`${c.path} ${c.pod === undefined ? 'removed' : 'written'}`),
    )
    manifests.add('web.yaml', manifest('web', 'nginx:1.27'))
    manifests.add('/etc/kubernetes/manifests/web.yaml', manifest('web', 'nginx:1.26'))
    expect(manifests.remove('web.yaml')).toBe(true)
    expect(manifests.remove('web.yaml')).toBe(false)
    expect(changes).toEqual([
      '/etc/kubernetes/manifests/web.yaml written',
      '/etc/kubernetes/manifests/web.yaml written',
      '/etc/kubernetes/manifests/web.yaml removed',
    ])
    expect(
      staticPodFromManifest(
        '/etc/kubernetes/manifests/.web.yaml.swp',
        manifest('web', 'nginx'),
        NODE,
        0,
      ),
    ).toBeUndefined()
  })

  it('static pods: manifests: the static pod is named <name>-<node>, hashed, and tolerates NoExecute', () => {
    const pod = staticPodFromManifest(
      '/etc/kubernetes/manifests/web.yaml',
      manifest('web', 'nginx:1.27'),
      NODE,
      0,
    )!
    expect(pod.metadata.name).toBe(`web-${NODE}`)
    expect(pod.metadata.uid).toMatch(/^[0-9a-f]{32}$/)
    expect(pod.metadata.annotations).toMatchObject({
      'kubernetes.io/config.hash': pod.metadata.uid,
      'kubernetes.io/config.source': 'file',
      'kubernetes.io/config.seen': '2026-01-05T09:00:00.000000000Z',
    })
    expect(pod.spec.tolerations).toContainEqual({ operator: 'Exists', effect: 'NoExecute' })
    const edited = staticPodFromManifest(
      '/etc/kubernetes/manifests/web.yaml',
      manifest('web', 'nginx:1.26'),
      NODE,
      0,
    )!
    expect(edited.metadata.uid).not.toBe(pod.metadata.uid)
  })
})

describe('static pods: kubelet', () => {
  it('static pods: run: a manifest runs without the API server', () => {
    const n = nodeHarness({ seed: 1, images: IMAGES })
    n.apiserverUp = false
    n.manifests.add('web.yaml', manifest('web', 'nginx:1.27', { hostNetwork: true }))
    n.advance(5_000)
    const [container] = n.containerd.listContainers()
    expect(container).toMatchObject({
      state: 'CONTAINER_RUNNING',
      metadata: { name: 'web', attempt: 0 },
    })
    expect(
      n.containerd.http('192.168.56.21', { method: 'GET', path: '/', port: 80 }),
    ).toMatchObject({ status: 200 })
    expect(n.kubelet.logs('kube-system', `web-${NODE}`)).toContain(
      'Configuration complete; ready for start up',
    )
  })

  it("static pods: mirror: the kubelet creates a mirror pod and writes the static pod's status to it", () => {
    const n = nodeHarness({ seed: 1, images: IMAGES })
    n.manifests.add('web.yaml', manifest('web', 'nginx:1.27'))
    n.advance(5_000)
    const mirror = n.getPod(`web-${NODE}`, 'kube-system')!
    const hash = mirror.metadata.annotations!['kubernetes.io/config.hash']!
    expect(mirror.metadata.annotations).toMatchObject({
      'kubernetes.io/config.mirror': hash,
      'kubernetes.io/config.source': 'file',
    })
    expect(mirror.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Node',
        name: NODE,
        uid: n.client('t').get('nodes', undefined, NODE).metadata.uid,
        controller: true,
      },
    ])
    expect(mirror.spec.nodeName).toBe(NODE)
    expect(mirror.status!.phase).toBe('Running')
    expect(mirror.status!.containerStatuses![0]!.state.running).toBeDefined()
  })

  it('static pods: mirror: a deleted mirror pod comes back; the static pod is untouched', () => {
    const n = nodeHarness({ seed: 1, images: IMAGES })
    n.manifests.add('web.yaml', manifest('web', 'nginx:1.27'))
    n.advance(5_000)
    const first = n.getPod(`web-${NODE}`, 'kube-system')!
    n.client('kubectl').delete('pods', 'kube-system', `web-${NODE}`)
    n.advance(2_000)
    const second = n.getPod(`web-${NODE}`, 'kube-system')!
    expect(second.metadata.uid).not.toBe(first.metadata.uid)
    expect(second.status!.phase).toBe('Running')
    expect(n.containerd.listContainers().map((c) => c.state)).toEqual(['CONTAINER_RUNNING'])
    expect(n.reasons(`web-${NODE}`).filter((r) => r === 'Started')).toHaveLength(1)
  })

  it('static pods: remove: removing the manifest stops the container and the mirror pod goes (fileCheckFrequency 20 s)', () => {
    const n = nodeHarness({ seed: 1, images: IMAGES })
    n.manifests.add('web.yaml', manifest('web', 'nginx:1.27'))
    n.advance(5_000)
    n.manifests.remove('/etc/kubernetes/manifests/web.yaml')
    const removedAt = n.clock.nowMs
    const gone = n.until(() => n.getPod(`web-${NODE}`, 'kube-system') === undefined, 20_000)
    expect(gone - removedAt).toBeLessThanOrEqual(20_000)
    n.advance(20_000)
    expect(n.containerd.listContainers()).toEqual([])
    expect(n.processes.list().some((p) => p.command.startsWith('nginx'))).toBe(false)
    expect(n.reasons(`web-${NODE}`)).toContain('Killing')
  })

  it("static pods: crash: a static pod's crashing container is restarted with the CrashLoopBackOff back-off", () => {
    const n = nodeHarness({ seed: 1, images: IMAGES })
    n.apiserverUp = false
    n.manifests.add('crash.yaml', manifest('crash', 'kubelab/crash:1'))
    n.advance(60_000)
    const attempts = n.containerd.listContainers().map((c) => c.metadata.attempt)
    // 0 at 0 s, 1 at ~2 s, 2 at ~14 s, 3 at ~36 s: the kubelet keeps one dead container.
    expect(attempts).toEqual([2, 3])
    n.apiserverUp = true
    n.advance(30_000)
    const mirror = n.getPod(`crash-${NODE}`, 'kube-system')!
    expect(mirror.status!.containerStatuses![0]!.restartCount).toBeGreaterThanOrEqual(3)
  })
})
