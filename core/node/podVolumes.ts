/**
 * The kubelet's volume manager, for what the lab's containers can see: a configMap or secret
 * volume puts each key (or each of its `items`) as a file under the mount path; an emptyDir
 * starts empty; a hostPath mounts the node's directory (its files are not shown in the
 * container). The pod's sandbox is created only once every volume is set up: a ConfigMap or
 * Secret that does not exist (and is not `optional`) keeps the pod in ContainerCreating, with
 * the kubelet's FailedMount event, retried with the volume manager's back-off.
 */
import type { Container, Pod, Volume } from '../api/types'
import { Backoff } from './backoff'
import { notFound, type EnvSources } from './containerEnv'
import type { Mount } from './cri'
import type { PodWorkerHost } from './podWorkerHost'

/**
 * How often the kubelet syncs a running pod (--sync-frequency): ConfigMap and Secret volumes
 * show a changed object's keys at the next sync after it changed.
 */
export const VOLUME_REFRESH_MS = 60_000

/** nestedpendingoperations' exponential back-off between two tries of a failed mount. */
const MOUNT_RETRY_INITIAL_MS = 500
const MOUNT_RETRY_MAX_MS = 122_000

/**
 * One pod's volumes: set up once, before its sandbox; until then each failed try says why
 * (FailedMount) and the next waits twice as long.
 */
export class PodVolumes {
  private mounted: Map<string, Map<string, string>> | undefined
  private refreshedMs = 0
  private readonly backoff: Backoff

  constructor(
    private readonly host: PodWorkerHost,
    private readonly requestSync: (delayMs: number) => void,
  ) {
    this.backoff = new Backoff(() => host.clock.nowMs, MOUNT_RETRY_INITIAL_MS, MOUNT_RETRY_MAX_MS)
  }

  /** The volumes' files by volume name (empty until they are set up). */
  get files(): ReadonlyMap<string, ReadonlyMap<string, string>> {
    return this.mounted ?? new Map()
  }

  /** True once every volume of `pod` is set up. */
  ensure(pod: Pod): boolean {
    if (this.mounted !== undefined) return true
    const result = mountVolumes(pod, this.host.envSources)
    if ('volumes' in result) {
      this.mounted = result.volumes
      this.refreshedMs = this.host.clock.nowMs
      return true
    }
    // The volume manager sets each volume up on its own: every one that fails says so.
    for (const { volume, message } of result.failed) {
      this.host.recorder().event(pod, 'Warning', 'FailedMount', message)
      this.host.explain(pod, 'FailedMount', `Volume ${volume} cannot be set up: ${message}.`)
    }
    this.backoff.next('mount', this.host.clock.nowMs)
    this.requestSync(this.backoff.get('mount'))
    return false
  }
  /**
   * At a sync VOLUME_REFRESH_MS after the last look, the volumes are written again from their
   * ConfigMaps and Secrets; returns the names of those whose files changed (a volume whose
   * object is gone keeps its files, as the real kubelet does).
   */
  refresh(pod: Pod): Set<string> {
    const changed = new Set<string>()
    const nowMs = this.host.clock.nowMs
    if (this.mounted === undefined || nowMs - this.refreshedMs < VOLUME_REFRESH_MS) return changed
    this.refreshedMs = nowMs
    const namespace = pod.metadata.namespace ?? 'default'
    for (const volume of pod.spec.volumes ?? []) {
      const files = volumeFiles(volume, namespace, this.host.envSources)
      const before = this.mounted.get(volume.name)
      if (typeof files === 'string' || sameFiles(before, files)) continue
      this.mounted.set(volume.name, files)
      changed.add(volume.name)
    }
    return changed
  }
}

/** Whether a pod's volumes can change while it runs (so the kubelet looks at them again). */
export function hasProjectedVolumes(pod: Pod): boolean {
  return (pod.spec.volumes ?? []).some((v) => v.configMap !== undefined || v.secret !== undefined)
}

/** Every volume's files, by path inside the volume; or the volumes that failed, and why. */
export type Mounted =
  { volumes: Map<string, Map<string, string>> } | { failed: { volume: string; message: string }[] }

export function mountVolumes(pod: Pod, sources: EnvSources): Mounted {
  const namespace = pod.metadata.namespace ?? 'default'
  const volumes = new Map<string, Map<string, string>>()
  const failed: { volume: string; message: string }[] = []
  for (const volume of pod.spec.volumes ?? []) {
    const files = volumeFiles(volume, namespace, sources)
    if (typeof files !== 'string') volumes.set(volume.name, files)
    else
      failed.push({
        volume: volume.name,
        message: `MountVolume.SetUp failed for volume "${volume.name}" : ${files}`,
      })
  }
  return failed.length > 0 ? { failed } : { volumes }
}

/** A volume's files by relative path, or why it cannot be set up. */
function volumeFiles(
  volume: Volume,
  namespace: string,
  sources: EnvSources,
): Map<string, string> | string {
  const source = volume.configMap ?? volume.secret
  if (source === undefined) return new Map()
  const kind = volume.configMap !== undefined ? 'configmap' : 'secret'
  const name = volume.configMap?.name ?? volume.secret?.secretName ?? ''
  const data = sources.data(kind, namespace, name)
  if (data === undefined) return source.optional === true ? new Map() : notFound(kind, name)
  if (source.items === undefined) return new Map(Object.entries(data))
  const files = new Map<string, string>()
  for (const item of source.items) {
    const value = data[item.key]
    if (value === undefined) {
      if (source.optional === true) continue
      // The volume plugins' own texts (pkg/volume/configmap and secret, MakePayload).
      return kind === 'configmap'
        ? `configmap references non-existent config key: ${item.key}`
        : `references non-existent secret key: ${item.key}`
    }
    files.set(item.path, value)
  }
  return files
}

function sameFiles(
  a: ReadonlyMap<string, string> | undefined,
  b: ReadonlyMap<string, string>,
): boolean {
  return (
    a !== undefined && a.size === b.size && [...b].every(([path, text]) => a.get(path) === text)
  )
}

/** A container's volumeMounts, with the files of their volumes. */
export function containerMounts(
  container: Container,
  volumes: ReadonlyMap<string, ReadonlyMap<string, string>>,
): Mount[] {
  return (container.volumeMounts ?? []).map((mount) => ({
    containerPath: mount.mountPath.replace(/\/+$/, ''),
    files: Object.fromEntries(volumes.get(mount.name) ?? []),
  }))
}
