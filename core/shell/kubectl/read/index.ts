/** kubectl verbs that read the cluster (get, describe, logs, …). */
import type { KubectlVerb } from '../verb'

export const READ_VERBS: readonly KubectlVerb[] = []
