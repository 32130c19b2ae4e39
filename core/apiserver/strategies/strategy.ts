/**
 * What differs between kinds when the API server stores them: defaulting and admission on
 * create, validation, what an update may change, how deletion goes. The generic storage in
 * apiserver.ts calls these hooks, as kube-apiserver's registry calls its RESTStrategy.
 */
import type { KubeObject } from '../../api/types'
import type { Random } from '../../random'
import type { ClusterIPAllocator, NodePortAllocator } from '../allocators'
import type { FieldError } from '../status'

export interface StrategyContext {
  readonly nowMs: number
  readonly random: Random
  readonly clusterIPs: ClusterIPAllocator
  readonly nodePorts: NodePortAllocator
}

export interface Strategy {
  /** Defaulting and admission for a new object. May throw an ApiError. */
  prepareForCreate?(object: KubeObject, context: StrategyContext): void
  validate?(object: KubeObject): FieldError[]
  /** Carries over what an update may not change, and defaults new fields. */
  prepareForUpdate?(object: KubeObject, old: KubeObject, context: StrategyContext): void
  validateUpdate?(object: KubeObject, old: KubeObject): FieldError[]
  /** Seconds of graceful deletion, or 0 to delete at once. */
  gracePeriodSeconds?(object: KubeObject, requested: number | undefined): number
  /** Releases what the object held (ports, IPs) once it is gone. */
  afterDelete?(object: KubeObject, context: StrategyContext): void
  /** Whether this kind has a spec whose changes raise metadata.generation. */
  readonly tracksGeneration?: boolean
}
