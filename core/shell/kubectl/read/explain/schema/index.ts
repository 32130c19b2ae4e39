/**
 * The Kubernetes v1.32 OpenAPI schema as `kubectl explain` reads it, for the kinds KubeLab
 * explains and the types a learner walks into from them.
 *
 * The data files beside this one are generated, not hand-written: each description is the Go doc
 * comment of k8s.io/api and k8s.io/apimachinery v0.32 (the source of the served OpenAPI) run
 * through kube-openapi's rules (lines joined, blank lines kept as paragraphs, indented lines kept,
 * `+markers` and `TODO` lines dropped, nothing after a `---` line, and an enum type's constants
 * appended as "Possible enum values"). Types print as kubectl's template guesses them: a
 * reference to `Time` prints `string`, to `IntOrString` and `Quantity` their names.
 *
 * A type listed with a description but no `fields` is one KubeLab has not extracted further:
 * explaining a field of that type still prints the field, not the type's own fields.
 */
import { CONTAINER } from './container'
import { CONTAINER_STATUS } from './containerStatus'
import { DAEMON_SET } from './daemonSet'
import { DEPLOYMENT } from './deployment'
import { ENV } from './env'
import { META } from './meta'
import { NAMESPACE } from './namespace'
import { NODE } from './node'
import { POD } from './pod'
import { POD_SPEC_PARTS } from './podSpecParts'
import { POD_STATUS } from './podStatus'
import { PROBE } from './probe'
import { REPLICA_SET } from './replicaSet'
import { SCHEDULING } from './scheduling'
import { SECURITY } from './security'
import { SERVICE } from './service'
import { VOLUME } from './volume'
import { VOLUME_PLUGINS } from './volumePlugins'
import { VOLUME_SOURCES } from './volumeSources'
import type { TypeSchema } from './types'

export type { FieldSchema, TypeSchema } from './types'

/** Every type by its name; a kind's type is named as the kind. */
export const TYPES: Record<string, TypeSchema> = {
  ...META,
  ...POD,
  ...POD_SPEC_PARTS,
  ...POD_STATUS,
  ...CONTAINER_STATUS,
  ...CONTAINER,
  ...ENV,
  ...PROBE,
  ...SECURITY,
  ...VOLUME,
  ...VOLUME_SOURCES,
  ...VOLUME_PLUGINS,
  ...SCHEDULING,
  ...SERVICE,
  ...NODE,
  ...NAMESPACE,
  ...DEPLOYMENT,
  ...REPLICA_SET,
  ...DAEMON_SET,
}
