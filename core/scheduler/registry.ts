/**
 * The in-tree plugin registry (name → factory) and the default profile: the v1.32 MultiPoint
 * list with its score weights (FIDELITY.md §3.6), less the volume, topology-spread and
 * inter-pod-affinity plugins the lab does not model.
 */
import type { PluginFactory } from './plugin'
import {
  BalancedAllocation,
  NODE_RESOURCES_BALANCED_ALLOCATION,
} from './plugins/balancedAllocation'
import { DEFAULT_BINDER, DefaultBinder } from './plugins/defaultBinder'
import { IMAGE_LOCALITY, ImageLocality } from './plugins/imageLocality'
import { NODE_AFFINITY, NodeAffinity } from './plugins/nodeAffinity'
import { NODE_NAME, NodeName } from './plugins/nodeName'
import { NODE_PORTS, NodePorts } from './plugins/nodePorts'
import { NODE_RESOURCES_FIT, NodeResourcesFit } from './plugins/nodeResourcesFit'
import { NODE_UNSCHEDULABLE, NodeUnschedulable } from './plugins/nodeUnschedulable'
import { PRIORITY_SORT, PrioritySort } from './plugins/prioritySort'
import { TAINT_TOLERATION, TaintToleration } from './plugins/taintToleration'
import { DEFAULT_PREEMPTION, DefaultPreemption } from './preemption'

export type Registry = Readonly<Record<string, PluginFactory>>

export const IN_TREE_REGISTRY: Registry = {
  [PRIORITY_SORT]: () => new PrioritySort(),
  [NODE_UNSCHEDULABLE]: () => new NodeUnschedulable(),
  [NODE_NAME]: () => new NodeName(),
  [TAINT_TOLERATION]: () => new TaintToleration(),
  [NODE_AFFINITY]: () => new NodeAffinity(),
  [NODE_PORTS]: () => new NodePorts(),
  [NODE_RESOURCES_FIT]: () => new NodeResourcesFit(),
  [DEFAULT_PREEMPTION]: (handle) => new DefaultPreemption(handle),
  [NODE_RESOURCES_BALANCED_ALLOCATION]: () => new BalancedAllocation(),
  [IMAGE_LOCALITY]: (handle) => new ImageLocality(handle.cache),
  [DEFAULT_BINDER]: (handle) => new DefaultBinder(handle),
}

export interface ProfilePlugin {
  name: string
  /** Score weight; plugins without a score extension ignore it. Default 1. */
  weight?: number
}

/** A KubeSchedulerProfile: a scheduler name and its plugins, in MultiPoint order. */
export interface Profile {
  schedulerName: string
  plugins: readonly ProfilePlugin[]
  /** 0 means adaptive (50% − nodes/125, at least 5%), as the default configuration. */
  percentageOfNodesToScore: number
}

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler'

export const DEFAULT_PROFILE: Profile = {
  schedulerName: DEFAULT_SCHEDULER_NAME,
  percentageOfNodesToScore: 0,
  plugins: [
    { name: PRIORITY_SORT },
    { name: NODE_UNSCHEDULABLE },
    { name: NODE_NAME },
    { name: TAINT_TOLERATION, weight: 3 },
    { name: NODE_AFFINITY, weight: 2 },
    { name: NODE_PORTS },
    { name: NODE_RESOURCES_FIT, weight: 1 },
    { name: DEFAULT_PREEMPTION },
    { name: NODE_RESOURCES_BALANCED_ALLOCATION, weight: 1 },
    { name: IMAGE_LOCALITY, weight: 1 },
    { name: DEFAULT_BINDER },
  ],
}
