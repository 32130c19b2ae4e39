/** kubectl verbs that run programs in containers (exec). */
import type { KubectlVerb } from '../verb'
import { exec } from './exec'

export const EXEC_VERBS: readonly KubectlVerb[] = [exec]
