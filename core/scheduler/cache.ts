/**
 * The scheduler cache (pkg/scheduler/backend/cache): NodeInfo per node, fed by the node and pod
 * informers, plus the pods the scheduler has assumed onto a node before the binding shows up in
 * its informer.
 *
 * Invariants:
 * 1. Every assigned, non-terminal pod the informer knows is counted on exactly one NodeInfo;
 *    an assumed pod is counted once, and stays counted when its binding is confirmed.
 * 2. `nodes` lists the NodeInfos that have a Node, in the order the nodes were added (the real
 *    node tree's order for a single zone); the filter loop walks it from a rotating index.
 * 3. The cache never mutates the objects it is given; it only keeps references to them.
 * 4. `table` mirrors `nodes` row by row (nodeTable.ts): every change to a NodeInfo with a Node
 *    goes through this class, which refreshes the node's row after it.
 */
import type { Node, Pod } from '../api/types'
import { ImageSets, NO_IMAGES } from './imageSets'
import { NodeInfo } from './nodeInfo'
import { NodeTable } from './nodeTable'
import { PodInfo, podKey } from './podInfo'

interface PodState {
  info: PodInfo
  nodeName: string
  assumed: boolean
}

export class SchedulerCache {
  /** The nodes' numbers as typed arrays, one row per node of `nodes`, for Filter and Score. */
  readonly table = new NodeTable()
  /** The distinct image lists of the nodes (ImageLocality scores each once per cycle). */
  readonly imageSets = new ImageSets()
  private readonly infos = new Map<string, NodeInfo>()
  private readonly podStates = new Map<string, PodState>()
  private readonly imageNodes = new Map<string, number>()

  /** Nodes known by a Node object, in the order they were added. */
  get nodes(): readonly NodeInfo[] {
    return this.table.infos
  }

  get numNodes(): number {
    return this.table.length
  }

  /** The NodeInfo of a node that exists (has a Node object). */
  get(name: string): NodeInfo | undefined {
    const info = this.infos.get(name)
    return info?.node === undefined ? undefined : info
  }

  /** How many nodes report an image (ImageStateSummary.NumNodes). */
  imageSpread(image: string): number {
    return this.imageNodes.get(image) ?? 0
  }

  addNode(node: Node): void {
    const name = node.metadata.name!
    const info = this.infoFor(name)
    const isNew = info.node === undefined
    this.setImages(info, -1)
    const previous = info.imageSet
    info.setNode(node, this.imageSets.acquire(node.status?.images, previous))
    this.imageSets.release(previous)
    this.setImages(info, 1)
    if (isNew) this.table.append(info)
    else this.table.refresh(info)
  }

  removeNode(name: string): void {
    const info = this.infos.get(name)
    if (info?.node === undefined) return
    this.setImages(info, -1)
    this.table.remove(info)
    this.imageSets.release(info.imageSet)
    info.imageSet = NO_IMAGES
    info.node = undefined
    if (info.podCount === 0) this.infos.delete(name)
  }

  /** An assigned pod seen by the informer (added, or updated with a nodeName). */
  addPod(pod: Pod): void {
    const key = podKey(pod)
    const nodeName = pod.spec.nodeName!
    const state = this.podStates.get(key)
    if (state !== undefined && state.nodeName === nodeName) {
      state.info.update(pod)
      state.assumed = false
      return
    }
    if (state !== undefined) this.removePod(key)
    const info = new PodInfo(pod)
    this.podStates.set(key, { info, nodeName, assumed: false })
    this.addTo(nodeName, info)
  }

  /** Removes a pod (deleted, finished, or an assumed pod whose binding failed). */
  removePod(key: string): PodInfo | undefined {
    const state = this.podStates.get(key)
    if (state === undefined) return undefined
    this.podStates.delete(key)
    const info = this.infos.get(state.nodeName)
    if (info !== undefined) {
      info.removePod(key)
      this.table.refresh(info)
      if (info.node === undefined && info.podCount === 0) this.infos.delete(state.nodeName)
    }
    return state.info
  }

  /** AssumePod: counts the pod on the node now, before the API server confirms the binding. */
  assumePod(info: PodInfo, nodeName: string): void {
    this.removePod(info.key)
    this.podStates.set(info.key, { info, nodeName, assumed: true })
    this.addTo(nodeName, info)
  }

  isAssumed(key: string): boolean {
    return this.podStates.get(key)?.assumed === true
  }

  /** The node a pod is counted on, if any. */
  nodeOf(key: string): string | undefined {
    return this.podStates.get(key)?.nodeName
  }

  private addTo(nodeName: string, pod: PodInfo): void {
    const info = this.infoFor(nodeName)
    info.addPod(pod)
    this.table.refresh(info)
  }

  private infoFor(name: string): NodeInfo {
    let info = this.infos.get(name)
    if (info === undefined) {
      info = new NodeInfo(name)
      this.infos.set(name, info)
    }
    return info
  }

  private setImages(info: NodeInfo, sign: 1 | -1): void {
    if (info.node === undefined) return
    for (const name of info.images.keys()) {
      const count = (this.imageNodes.get(name) ?? 0) + sign
      if (count <= 0) this.imageNodes.delete(name)
      else this.imageNodes.set(name, count)
    }
  }
}
