/**
 * `kubectl explain TYPE[.FIELD…]` in kubectl's OpenAPI v3 plaintext layout: GROUP (for a named
 * group), KIND, VERSION, the FIELD line for a path, DESCRIPTION wrapped at 74 columns and
 * indented by 4, then each field as "  name<TAB><type>" and its description.
 */
import { apiVersionOf } from '../../../../apiserver/resources'
import { KubectlError } from '../../errors'
import { resolveResourceType } from '../../resources'
import type { KubectlVerb } from '../../verb'
import { completeTypes } from '../complete'
import { TYPES, type FieldSchema, type TypeSchema } from './schema'

/** Descriptions wrap at 74 columns (78 with their indent), as kubectl's template wraps them. */
const WIDTH = 74

/** go-wordwrap's WrapString: greedy, breaking only at spaces, keeping the text's own newlines. */
export function wrap(text: string, limit: number): string {
  return text
    .split('\n')
    .map((paragraph) => {
      const lines: string[] = []
      let line = ''
      for (const word of paragraph.split(' ')) {
        if (line !== '' && line.length + 1 + word.length > limit) {
          lines.push(line)
          line = word
        } else line = line === '' ? word : `${line} ${word}`
      }
      lines.push(line)
      return lines.join('\n')
    })
    .join('\n')
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')

function describeFields(type: TypeSchema): string {
  let text = 'FIELDS:\n'
  for (const name of Object.keys(type.fields).sort()) {
    const field = type.fields[name]!
    text += `  ${name}\t<${field.type}>${field.required ? ' -required-' : ''}\n`
    text += `${indent(wrap(field.description, WIDTH))}\n\n`
  }
  return text
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
    let type = TYPES[def.kind]
    if (type === undefined)
      throw new KubectlError(
        `error: GVK ${def.group === '' ? '' : `${def.group}/`}${def.version}, Kind=${def.kind} is not explained in KubeLab`,
      )
    let field: { name: string; schema: FieldSchema } | undefined
    for (const name of path) {
      const schema: FieldSchema | undefined = type?.fields[name]
      if (schema === undefined) throw new KubectlError(`error: field "${name}" does not exist`)
      field = { name, schema }
      type = schema.ref === undefined ? undefined : TYPES[schema.ref]
    }
    let text = def.group === '' ? '' : `GROUP:      ${def.group}\n`
    text += `KIND:       ${def.kind}\nVERSION:    ${apiVersionOf(def).split('/').pop()}\n\n`
    let description = type?.description ?? ''
    if (field !== undefined) {
      text += `FIELD: ${field.name} <${field.schema.type}>\n\n\n`
      description = [field.schema.description, type?.description].filter(Boolean).join('\n')
    }
    text += `DESCRIPTION:\n${indent(wrap(description, WIDTH))}\n`
    if (type !== undefined) text += `    \n${describeFields(type)}`
    inv.io.out(`${text}\n`)
    return 0
  },
  complete: (words, partial) => (words.length === 0 ? completeTypes(partial) : []),
}
