/**
 * The kubelet's file source and mirror-pod manager: it turns the manifest folder into static pods
 * (at once on a change, as inotify tells it, and at least every fileCheckFrequency), and keeps a
 * mirror pod in the API for each while it can reach the API server. Static pods run without the
 * API server: that is how the control plane starts.
 *
 * Invariants:
 * 1. A manifest whose content changed is a new pod (new hash, new UID): the old one is stopped.
 * 2. A mirror pod without a static pod is deleted (HandlePodCleanups' orphaned mirrors), within
 *    seconds of its manifest's removal; a deleted or outdated mirror is re-created.
 * 3. Mirror writes that fail are retried every MIRROR_RETRY_MS.
 */
import type { Pod } from '../api/types'
import type { ScheduledTask } from '../clock'
import { ApiError } from '../apiserver/status'
import type { KubeletCore } from './kubeletCore'
import {
  ANNOTATION_CONFIG_MIRROR,
  FILE_CHECK_FREQUENCY_MS,
  mirrorPod,
  staticPodFromManifest,
  type StaticPodManifests,
} from './staticPods'

const MIRROR_RETRY_MS = 10_000

export interface StaticPodHost {
  nodeUid(): string | undefined
  /** The mirror pods of this node, as the pod informer sees them. */
  mirrorPods(): Pod[]
  addPod(pod: Pod): void
  removePod(pod: Pod): void
  /** A mirror pod now exists for this static pod: its status can be written. */
  mirrorReady(pod: Pod): void
}

export class StaticPodSource {
  private readonly pods = new Map<string, Pod>()
  private unsubscribe: (() => void) | undefined
  private poll: ScheduledTask | undefined
  private retry: ScheduledTask | undefined

  constructor(
    private readonly core: KubeletCore,
    private readonly manifests: StaticPodManifests,
    private readonly host: StaticPodHost,
  ) {}

  start(): void {
    // inotify tells the kubelet after the write, not inside it.
    this.unsubscribe = this.manifests.onChange(() => {
      this.core.clock.schedule(0, 'static pods changed', () => {
        if (this.unsubscribe !== undefined) this.reconcile()
      })
    })
    this.reconcile()
  }

  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.poll?.cancel()
    this.retry?.cancel()
    this.poll = this.retry = undefined
    this.pods.clear()
  }

  /** The static pod a mirror stands for, by namespace and name. */
  byName(namespace: string, name: string): Pod | undefined {
    for (const pod of this.pods.values())
      if (pod.metadata.namespace === namespace && pod.metadata.name === name) return pod
    return undefined
  }

  /** Reads the folder and starts, stops or replaces static pods to match it. */
  reconcile(): void {
    const seen = new Set<string>()
    for (const { path, pod: manifest } of this.manifests.list()) {
      const pod = staticPodFromManifest(path, manifest, this.core.nodeName, this.core.clock.nowMs)
      if (pod === undefined) continue
      seen.add(path)
      const existing = this.pods.get(path)
      if (existing?.metadata.uid === pod.metadata.uid) continue
      if (existing !== undefined) this.host.removePod(existing)
      this.pods.set(path, pod)
      this.core.log(
        'I',
        'kubelet.go:2461',
        `"SyncLoop ADD" source="file" pods=["${pod.metadata.namespace!}/${pod.metadata.name!}"]`,
      )
      this.host.addPod(pod)
    }
    for (const [path, pod] of [...this.pods]) {
      if (seen.has(path)) continue
      this.pods.delete(path)
      this.core.log(
        'I',
        'kubelet.go:2477',
        `"SyncLoop REMOVE" source="file" pods=["${pod.metadata.namespace!}/${pod.metadata.name!}"]`,
      )
      this.host.removePod(pod)
    }
    this.poll?.cancel()
    this.poll =
      this.pods.size === 0
        ? undefined
        : this.core.clock.schedule(FILE_CHECK_FREQUENCY_MS, 'static pods', () => this.reconcile())
    this.syncMirrors()
  }

  /** Creates missing mirrors, replaces outdated ones and deletes orphans. */
  syncMirrors(): void {
    if (this.host.nodeUid() === undefined || !this.core.client.reachable)
      return this.scheduleRetry()
    let ok = true
    for (const pod of this.pods.values()) ok = this.ensureMirror(pod) && ok
    for (const mirror of this.host.mirrorPods()) {
      if (this.byName(mirror.metadata.namespace!, mirror.metadata.name!) === undefined)
        ok = this.deleteMirror(mirror) && ok
    }
    if (!ok) this.scheduleRetry()
  }

  /** The informer saw a mirror pod change (or go). */
  mirrorObserved(mirror: Pod, deleted: boolean): void {
    const pod = this.byName(mirror.metadata.namespace!, mirror.metadata.name!)
    if (pod === undefined) {
      if (!deleted) this.deleteMirror(mirror)
      return
    }
    const outdated = mirror.metadata.annotations?.[ANNOTATION_CONFIG_MIRROR] !== pod.metadata.uid
    if (deleted || outdated || mirror.metadata.deletionTimestamp !== undefined) {
      if (!this.ensureMirror(pod)) this.scheduleRetry()
    }
  }

  private ensureMirror(pod: Pod): boolean {
    const nodeUid = this.host.nodeUid()
    if (nodeUid === undefined) return false
    const { namespace, name } = pod.metadata
    try {
      const existing = this.core.client.find<Pod>('pods', namespace, name!)
      const current =
        existing !== undefined &&
        existing.metadata.annotations?.[ANNOTATION_CONFIG_MIRROR] === pod.metadata.uid &&
        existing.metadata.deletionTimestamp === undefined
      if (current) return true
      if (existing !== undefined) {
        this.core.log(
          'I',
          'kubelet.go:1915',
          `"Deleting mirror pod because it is outdated" pod="${namespace!}/${name!}"`,
        )
        this.core.client.delete('pods', namespace, name!, {
          gracePeriodSeconds: 0,
          preconditions: { uid: existing.metadata.uid! },
        })
      }
      this.core.log(
        'I',
        'kubelet.go:1934',
        `"Creating a mirror pod for static pod" pod="${namespace!}/${name!}"`,
      )
      this.core.client.create('pods', namespace, mirrorPod(pod, nodeUid))
      this.host.mirrorReady(pod)
      return true
    } catch {
      return false
    }
  }

  private deleteMirror(mirror: Pod): boolean {
    const { namespace, name, uid } = mirror.metadata
    try {
      this.core.log(
        'I',
        'kubelet_pods.go:1139',
        `"Deleting orphaned mirror pod" podName="${namespace!}/${name!}"`,
      )
      this.core.client.delete('pods', namespace, name!, {
        gracePeriodSeconds: 0,
        preconditions: { uid: uid! },
      })
      return true
    } catch (error) {
      return (
        error instanceof ApiError && (error.reason === 'NotFound' || error.reason === 'Conflict')
      )
    }
  }

  private scheduleRetry(): void {
    if (this.retry !== undefined || (this.pods.size === 0 && this.host.mirrorPods().length === 0))
      return
    this.retry = this.core.clock.schedule(MIRROR_RETRY_MS, 'mirror pods', () => {
      this.retry = undefined
      this.syncMirrors()
    })
  }
}
