/** kubectl verbs that read the cluster (get, describe, logs, …). */
import type { KubectlVerb } from '../verb'
import { clusterInfoVerb } from './clusterInfo'
import { configVerb } from './config'
import { describeVerb } from './describe/describe'
import { apiResourcesVerb, apiVersionsVerb } from './discovery'
import { eventsVerb } from './events'
import { explainVerb } from './explain/explain'
import { getVerb } from './get/get'
import { logsVerb } from './logs'
import { topVerb } from './top'
import { versionVerb } from './version'

export const READ_VERBS: readonly KubectlVerb[] = [
  getVerb,
  describeVerb,
  logsVerb,
  eventsVerb,
  topVerb,
  apiResourcesVerb,
  apiVersionsVerb,
  clusterInfoVerb,
  versionVerb,
  explainVerb,
  configVerb,
]
