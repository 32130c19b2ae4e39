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
