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
 */
import type { Node, Pod } from '../api/types'
import { NodeInfo } from './nodeInfo'
import { PodInfo, podKey } from './podInfo'

interface PodState {
  info: PodInfo
  nodeName: string
  assumed: boolean
}

export class SchedulerCache {
  private readonly infos = new Map<string, NodeInfo>()
  private readonly nodeList: NodeInfo[] = []
  private readonly podStates = new Map<string, PodState>()
  private readonly imageNodes = new Map<string, number>()

  /** Nodes known by a Node object, in the order they were added. */
  get nodes(): readonly NodeInfo[] {
    return this.nodeList
  }

  get numNodes(): number {
    return this.nodeList.length
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
    if (info.node === undefined) this.nodeList.push(info)
    this.setImages(info, -1)
    info.setNode(node)
    this.setImages(info, 1)
  }

  removeNode(name: string): void {
    const info = this.infos.get(name)
    if (info?.node === undefined) return
    this.setImages(info, -1)
    this.nodeList.splice(this.nodeList.indexOf(info), 1)
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
    this.infoFor(nodeName).addPod(info)
  }

  /** Removes a pod (deleted, finished, or an assumed pod whose binding failed). */
  removePod(key: string): PodInfo | undefined {
    const state = this.podStates.get(key)
    if (state === undefined) return undefined
    this.podStates.delete(key)
    const info = this.infos.get(state.nodeName)
    info?.removePod(key)
    if (info !== undefined && info.node === undefined && info.podCount === 0) {
      this.infos.delete(state.nodeName)
    }
    return state.info
  }

  /** AssumePod: counts the pod on the node now, before the API server confirms the binding. */
  assumePod(info: PodInfo, nodeName: string): void {
    this.removePod(info.key)
    this.podStates.set(info.key, { info, nodeName, assumed: true })
    this.infoFor(nodeName).addPod(info)
  }

  isAssumed(key: string): boolean {
    return this.podStates.get(key)?.assumed === true
  }

  /** The node a pod is counted on, if any. */
  nodeOf(key: string): string | undefined {
    return this.podStates.get(key)?.nodeName
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
