/** kubectl verbs that run programs in containers (exec). */
import type { KubectlVerb } from '../verb'

export const EXEC_VERBS: readonly KubectlVerb[] = []
