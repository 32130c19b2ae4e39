/** One field of an API type as `kubectl explain` prints it. */
export interface FieldSchema {
  /** The type as kubectl's template guesses it: `string`, `[]Container`, `map[string]Quantity`… */
  type: string
  /** The OpenAPI description: the Go doc comment as kube-openapi writes it. */
  description: string
  /** Listed in the schema's `required`: no `omitempty` and no `+optional`. */
  required?: boolean
  /** The type the field refers to (through an array or a map too), for walking the path. */
  ref?: string
  /** An enum type's values, sorted, as the served OpenAPI lists them. */
  enum?: string[]
}

/** One type: its description and, where KubeLab's extract has them, its fields. */
export interface TypeSchema {
  description: string
  /** Absent when only the type's description is in the extract, not its fields. */
  fields?: Record<string, FieldSchema>
}

const CONVENTIONS =
  'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md'

/** The fields every kind begins with (TypeMeta and ObjectMeta), with their upstream texts. */
export const OBJECT_FIELDS: Record<string, FieldSchema> = {
  apiVersion: {
    type: 'string',
    description: `APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: ${CONVENTIONS}#resources`,
  },
  kind: {
    type: 'string',
    description: `Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: ${CONVENTIONS}#types-kinds`,
  },
  metadata: {
    type: 'ObjectMeta',
    ref: 'ObjectMeta',
    description: `Standard object's metadata. More info: ${CONVENTIONS}#metadata`,
  },
}
