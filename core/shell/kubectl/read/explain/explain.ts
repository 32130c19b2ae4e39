/**
 * `kubectl explain TYPE[.FIELD…]` in kubectl 1.32's OpenAPI v3 plaintext layout: GROUP (for a
 * named group), KIND, VERSION, the FIELD line for a path, the DESCRIPTION wrapped at 76 columns
 * and indented by 4, then each field as "  name<TAB><type>" and its description, or with
 * --recursive the tree of fields alone. The schema is an extract of v1.32's (./schema).
 */
import { apiVersionOf } from '../../../../apiserver/resources'
import { KubectlError } from '../../errors'
import { resolveResourceType } from '../../resources'
import type { KubectlVerb } from '../../verb'
import { completeTypes } from '../complete'
import { description, fieldLine, fields } from './render'
import { TYPES, type FieldSchema, type TypeSchema } from './schema'

interface Walked {
  /** The last field of the path, for the FIELD line. */
  field?: { name: string; schema: FieldSchema }
  /** The type the path ends on; undefined for a string, a number or a list of them. */
  type?: TypeSchema
}

/**
 * Follows the path through the schema, into the element type of a list or a map as kubectl does.
 * A name the schema lacks is kubectl's error, which names the last field of the path, whatever
 * field was missing.
 */
function walk(kind: TypeSchema, path: string[]): Walked {
  const missing = (): KubectlError =>
    new KubectlError(`error: field "${path[path.length - 1]}" does not exist`)
  let walked: Walked = { type: kind }
  for (const name of path) {
    const type = walked.type
    if (type?.fields === undefined) {
      // A string or a number has no fields; a type KubeLab only describes has some it lacks.
      const ref = walked.field?.schema.ref
      if (ref === undefined) throw missing()
      throw new KubectlError(`error: the fields of ${ref} are not explained in KubeLab`)
    }
    const schema = type.fields[name]
    if (schema === undefined) throw missing()
    walked = {
      field: { name, schema },
      type: schema.ref === undefined ? undefined : TYPES[schema.ref],
    }
  }
  return walked
}

export const explainVerb: KubectlVerb = {
  name: 'explain',
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', type: 'string', default: 'plaintext' },
  ],
  run(inv) {
    if (inv.args.length === 0)
      throw new KubectlError(
        'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
      )
    if (inv.args.length > 1)
      throw new KubectlError('error: We accept only this format: explain RESOURCE')
    inv.api.discover()
    const [typed = '', ...path] = inv.args[0]!.split('.')
    const def = resolveResourceType(typed)
    const kind = TYPES[def.kind]
    if (kind === undefined)
      throw new KubectlError(
        `error: GVK ${def.group === '' ? '' : `${def.group}/`}${def.version}, Kind=${def.kind} is not explained in KubeLab`,
      )
    const { field, type } = walk(kind, path)
    let text = def.group === '' ? '' : `GROUP:      ${def.group}\n`
    text += `KIND:       ${def.kind}\nVERSION:    ${apiVersionOf(def).split('/').pop()}\n\n`
    if (field !== undefined) text += fieldLine(field.name, field.schema)
    text += description(field?.schema, type)
    text += fields(type, inv.flags.bool('recursive'))
    inv.io.out(`${text}\n`)
    return 0
  },
  complete: (words, partial) => (words.length === 0 ? completeTypes(partial) : []),
}
