/**
 * Static pods: the manifest files of /etc/kubernetes/manifests on one machine (kubeadm puts the
 * control plane there), what the kubelet's file source makes of them (pkg/kubelet/config/file.go
 * and common.go), and the mirror pods it shows in the API for them.
 *
 * Invariants:
 * 1. A static pod is named "<name>-<node>", its UID is the hash of its manifest (so an edited
 *    manifest is a new pod), and it tolerates every NoExecute taint.
 * 2. Its mirror pod has the same name and namespace, the annotations kubernetes.io/config.mirror
 *    (= the hash), config.hash, config.seen and config.source "file", and the Node as owner.
 * 3. Hidden files (".name") are not read, as the kubelet skips them.
 */
import { clone } from '../api/objects'
import type { Pod } from '../api/types'
import { defaultPodSpec } from '../apiserver/strategies/podDefaults'
import { fnv1a } from '../random'
import { rfc3339Nano } from './timeFormat'

export const MANIFEST_DIR = '/etc/kubernetes/manifests'
/** fileCheckFrequency: the kubelet lists the folder at least this often. */
export const FILE_CHECK_FREQUENCY_MS = 20_000

export const ANNOTATION_CONFIG_HASH = 'kubernetes.io/config.hash'
export const ANNOTATION_CONFIG_MIRROR = 'kubernetes.io/config.mirror'
export const ANNOTATION_CONFIG_SEEN = 'kubernetes.io/config.seen'
export const ANNOTATION_CONFIG_SOURCE = 'kubernetes.io/config.source'

export interface ManifestChange {
  path: string
  /** The new content, or undefined when the file was removed. */
  pod: Pod | undefined
}

/** One machine's manifest folder. */
export class StaticPodManifests {
  private readonly files = new Map<string, Pod>()
  private readonly listeners = new Set<(change: ManifestChange) => void>()

  constructor(readonly directory = MANIFEST_DIR) {}

  /** Writes (or replaces) a manifest; `path` is a file name or a path in the folder. */
  add(path: string, pod: Pod): void {
    const full = this.resolve(path)
    this.files.set(full, clone(pod))
    this.notify({ path: full, pod: clone(pod) })
  }

  /** Removes a manifest (`mv kube-apiserver.yaml /tmp`); false when there was none. */
  remove(path: string): boolean {
    const full = this.resolve(path)
    if (!this.files.delete(full)) return false
    this.notify({ path: full, pod: undefined })
    return true
  }

  get(path: string): Pod | undefined {
    const pod = this.files.get(this.resolve(path))
    return pod === undefined ? undefined : clone(pod)
  }

  /** Every manifest, by path. */
  list(): { path: string; pod: Pod }[] {
    return [...this.files.keys()]
      .sort()
      .map((path) => ({ path, pod: clone(this.files.get(path)!) }))
  }

  /** Listens to changes (the kubelet's inotify watch). Returns the function that stops it. */
  onChange(listener: (change: ManifestChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private resolve(path: string): string {
    return path.startsWith('/') ? path : `${this.directory}/${path}`
  }

  private notify(change: ManifestChange): void {
    for (const listener of [...this.listeners]) listener(change)
  }
}

/** A 32-hex-digit hash, standing in for the md5 the kubelet takes of a manifest. */
function manifestHash(path: string, manifest: Pod, nodeName: string): string {
  const text = `${path}\n${nodeName}\n${JSON.stringify(manifest)}`
  return [0, 1, 2, 3]
    .map((i) =>
      fnv1a(text, i * 0x9e3779b9)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('')
}

/** What the file source makes of a manifest, or undefined for a file it cannot use. */
export function staticPodFromManifest(
  path: string,
  manifest: Pod,
  nodeName: string,
  nowMs: number,
): Pod | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1)
  if (base.startsWith('.') || manifest.kind !== 'Pod' || !manifest.metadata?.name) return undefined
  if (!Array.isArray(manifest.spec?.containers) || manifest.spec.containers.length === 0)
    return undefined
  const pod = clone(manifest)
  const hash = manifestHash(path, manifest, nodeName)
  pod.metadata = {
    ...pod.metadata,
    name: `${manifest.metadata.name}-${nodeName}`,
    namespace: manifest.metadata.namespace ?? 'default',
    uid: hash,
    annotations: {
      ...pod.metadata.annotations,
      [ANNOTATION_CONFIG_HASH]: hash,
      [ANNOTATION_CONFIG_SEEN]: rfc3339Nano(nowMs),
      [ANNOTATION_CONFIG_SOURCE]: 'file',
    },
  }
  pod.spec.nodeName = nodeName
  defaultPodSpec(pod.spec)
  const tolerations = pod.spec.tolerations ?? []
  if (
    !tolerations.some(
      (t) => t.operator === 'Exists' && t.key === undefined && t.effect === 'NoExecute',
    )
  ) {
    pod.spec.tolerations = [...tolerations, { operator: 'Exists', effect: 'NoExecute' }]
  }
  pod.status = { phase: 'Pending' }
  return pod
}

/** The mirror pod the kubelet creates in the API for a static pod. */
export function mirrorPod(staticPod: Pod, nodeUid: string): Pod {
  const { name, namespace, labels, annotations, uid } = staticPod.metadata
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      ...(labels === undefined ? {} : { labels: { ...labels } }),
      annotations: { ...annotations, [ANNOTATION_CONFIG_MIRROR]: uid! },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          name: staticPod.spec.nodeName!,
          uid: nodeUid,
          controller: true,
        },
      ],
    },
    spec: clone(staticPod.spec),
  }
}

export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[ANNOTATION_CONFIG_MIRROR] !== undefined
}
