/** kubectl verbs that change the cluster (apply, create, delete, scale, …). */
import type { KubectlVerb } from '../verb'

export const WRITE_VERBS: readonly KubectlVerb[] = []
