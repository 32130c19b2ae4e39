/**
 * The kubelet's pod sources and workers: API pods from an informer on spec.nodeName=<node>,
 * static pods from the manifest folder, one PodWorker per pod UID, the status manager, and the
 * housekeeping of a restarted kubelet (adopt the runtime's containers, kill what nobody claims).
 *
 * Invariants:
 * 1. Mirror pods are never run: they stand for static pods, which run from their manifests.
 * 2. A status-only change of a pod (the echo of our own write) does not sync it; a change of
 *    spec or deletionTimestamp does.
 * 3. A pod's runtime leftovers are removed once its worker finished and its source dropped it.
 */
import { deepEqual } from '../api/objects'
import type { Pod } from '../api/types'
import type { ScheduledTask } from '../clock'
import { Informer } from '../client/informer'
import { CriError, LABEL_POD_UID, type ContainerStatus, type PodSandboxStatus } from './cri'
import type { KubeletCore } from './kubeletCore'
import { gracePeriodSeconds } from './podSpecs'
import { PodWorker } from './podWorker'
import type { PodWorkerHost } from './podWorkerHost'
import { StaticPodSource, type StaticPodHost } from './staticPodSource'
import { isMirrorPod, type StaticPodManifests } from './staticPods'
import { StatusManager } from './statusManager'

/** HandlePodCleanups runs every 2 s; orphans get the minimum grace period of 2 s. */
const CLEANUP_PERIOD_MS = 2_000
const ORPHAN_GRACE_SECONDS = 2

interface RuntimePod {
  sandboxes: PodSandboxStatus[]
  containers: ContainerStatus[]
}

export class KubeletPods implements StaticPodHost {
  private readonly workers = new Map<string, PodWorker>()
  private readonly removed = new Set<string>()
  private readonly mirrored = new Set<string>()
  private readonly status: StatusManager
  private readonly staticPods: StaticPodSource
  private informer: Informer<Pod> | undefined
  private adoptable = new Map<string, RuntimePod>()
  private cleanupTask: ScheduledTask | undefined

  constructor(
    private readonly host: KubeletCore & PodWorkerHost,
    manifests: StaticPodManifests,
    readonly nodeUid: () => string | undefined,
  ) {
    this.status = new StatusManager(
      host,
      host.nodeIP,
      () => this.workers,
      (w) => this.hasMirror(w),
    )
    this.staticPods = new StaticPodSource(host, manifests, this)
  }

  start(): void {
    this.adoptable = this.runtimePods()
    this.staticPods.start()
    const informer = new Informer<Pod>(this.host.clock, this.host.client, 'pods', {
      fieldSelector: `spec.nodeName=${this.host.nodeName}`,
    })
    informer.addHandlers({
      onAdd: (pod) => this.podChanged(pod),
      onUpdate: (old, pod) => this.podChanged(pod, wentBack(old, pod)),
      onDelete: (pod) => this.podDeleted(pod),
    })
    this.informer = informer
    informer.start()
    if (this.adoptable.size > 0)
      this.cleanupTask = this.host.clock.schedule(CLEANUP_PERIOD_MS, 'pod cleanups', () =>
        this.cleanup(),
      )
  }

  stop(): void {
    this.informer?.stop()
    this.informer = undefined
    this.staticPods.stop()
    this.status.stop()
    this.cleanupTask?.cancel()
    this.cleanupTask = undefined
    for (const worker of this.workers.values()) worker.dispose()
    this.workers.clear()
    this.removed.clear()
    this.mirrored.clear()
    this.adoptable.clear()
  }

  /** The Node exists now: mirror pods can be created. */
  registered(): void {
    this.staticPods.syncMirrors()
  }

  list(): PodWorker[] {
    return [...this.workers.values()]
  }

  find(namespace: string, name: string): PodWorker | undefined {
    for (const worker of this.workers.values()) {
      if (worker.pod.metadata.namespace === namespace && worker.pod.metadata.name === name)
        return worker
    }
    return undefined
  }

  publish(worker: PodWorker): void {
    this.status.set(worker)
  }

  finished(worker: PodWorker): void {
    if (worker.source === 'file' || this.removed.has(worker.uid)) this.forget(worker)
    else this.status.finished(worker)
  }

  containerExited(uid: string): void {
    this.workers.get(uid)?.containerExited()
  }

  resyncAll(): void {
    for (const worker of this.workers.values()) worker.requestSync()
  }

  // --- StaticPodHost -------------------------------------------------------------------------

  mirrorPods(): Pod[] {
    return (this.informer?.list() ?? []).filter(isMirrorPod)
  }

  addPod(pod: Pod): void {
    const existing = this.workers.get(pod.metadata.uid!)
    if (existing !== undefined) return existing.update(pod)
    this.workerFor(pod, 'file').requestSync()
  }

  removePod(pod: Pod): void {
    const worker = this.workers.get(pod.metadata.uid!)
    this.mirrored.delete(pod.metadata.uid!)
    if (worker === undefined) return
    this.removed.add(worker.uid)
    worker.terminate(pod.spec.terminationGracePeriodSeconds ?? 30)
  }

  mirrorReady(pod: Pod): void {
    this.mirrored.add(pod.metadata.uid!)
    const worker = this.workers.get(pod.metadata.uid!)
    if (worker !== undefined) this.status.resend(worker)
  }

  // --- Sources -------------------------------------------------------------------------------

  /** `restored`: the API's copy went back in time (etcd restored), see StatusManager.observe. */
  private podChanged(pod: Pod, restored = false): void {
    if (isMirrorPod(pod)) {
      this.staticPods.mirrorObserved(pod, false)
      const staticPod = this.staticPods.byName(pod.metadata.namespace!, pod.metadata.name!)
      if (staticPod !== undefined) this.status.observe(staticPod.metadata.uid!, pod, restored)
      return
    }
    const uid = pod.metadata.uid!
    let worker = this.workers.get(uid)
    if (worker === undefined) {
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
      if (terminal && !this.adoptable.has(uid)) return
      this.host.log(
        'I',
        'kubelet.go:2461',
        `"SyncLoop ADD" source="api" pods=["${pod.metadata.namespace!}/${pod.metadata.name!}"]`,
      )
      worker = this.workerFor(pod, 'api')
      worker.requestSync()
    } else if (!deepEqual(worker.pod.spec, pod.spec)) worker.update(pod)
    else worker.pod = pod
    this.status.observe(uid, pod, restored)
    if (pod.metadata.deletionTimestamp !== undefined) worker.terminate(gracePeriodSeconds(pod))
  }

  private podDeleted(pod: Pod): void {
    if (isMirrorPod(pod)) return this.staticPods.mirrorObserved(pod, true)
    const worker = this.workers.get(pod.metadata.uid!)
    if (worker === undefined) return
    this.removed.add(worker.uid)
    if (worker.done) this.forget(worker)
    else worker.terminate(gracePeriodSeconds(pod))
  }

  private workerFor(pod: Pod, source: 'api' | 'file'): PodWorker {
    const worker = new PodWorker(this.host, pod, source)
    const runtime = this.adoptable.get(worker.uid)
    this.adoptable.delete(worker.uid)
    if (runtime !== undefined) worker.adopt(runtime.sandboxes, runtime.containers)
    this.workers.set(worker.uid, worker)
    return worker
  }

  private forget(worker: PodWorker): void {
    worker.cleanup()
    this.workers.delete(worker.uid)
    this.removed.delete(worker.uid)
    this.status.forget(worker.uid)
  }

  private hasMirror(worker: PodWorker): boolean {
    const { namespace, name } = worker.pod.metadata
    return this.mirrored.has(worker.uid) || this.informer?.get(namespace, name!) !== undefined
  }

  /** What containerd has, grouped by pod UID (a restarted kubelet's starting point). */
  private runtimePods(): Map<string, RuntimePod> {
    const pods = new Map<string, RuntimePod>()
    const entry = (uid: string): RuntimePod => {
      let pod = pods.get(uid)
      if (pod === undefined) pods.set(uid, (pod = { sandboxes: [], containers: [] }))
      return pod
    }
    try {
      for (const sandbox of this.host.containerd.listPodSandbox())
        entry(sandbox.metadata.uid).sandboxes.push(sandbox)
      for (const container of this.host.containerd.listContainers()) {
        const uid = container.labels[LABEL_POD_UID]
        if (uid !== undefined) entry(uid).containers.push(container)
      }
    } catch (error) {
      if (!(error instanceof CriError)) throw error
    }
    return pods
  }

  /** HandlePodCleanups: once the API's pods are known, kill what no pod claims. */
  private cleanup(): void {
    this.cleanupTask = undefined
    if (this.informer?.hasSynced !== true) {
      this.cleanupTask = this.host.clock.schedule(CLEANUP_PERIOD_MS, 'pod cleanups', () =>
        this.cleanup(),
      )
      return
    }
    for (const [uid, orphan] of this.adoptable) {
      this.host.log(
        'I',
        'kubelet_pods.go:1205',
        `"Clean up orphaned pod containers" podUID="${uid}"`,
      )
      this.killOrphan(orphan)
    }
    this.adoptable.clear()
  }

  private killOrphan(orphan: RuntimePod): void {
    const containerd = this.host.containerd
    const removeSandboxes = (): void => {
      for (const sandbox of orphan.sandboxes) {
        try {
          containerd.removePodSandbox(sandbox.id)
          if (!sandbox.hostNetwork && sandbox.state === 'SANDBOX_READY')
            this.host.podIPs.release(sandbox.ip)
        } catch (error) {
          if (!(error instanceof CriError)) throw error
        }
      }
    }
    const running = orphan.containers.filter((c) => c.state === 'CONTAINER_RUNNING')
    let left = running.length
    if (left === 0) return removeSandboxes()
    for (const c of running)
      containerd.stopContainer(c.id, ORPHAN_GRACE_SECONDS, () => --left === 0 && removeSandboxes())
  }
}

/** A relist gave an older copy than the one held: etcd was restored from a snapshot. */
function wentBack(old: Pod, pod: Pod): boolean {
  return Number(pod.metadata.resourceVersion) < Number(old.metadata.resourceVersion)
}
