/**
 * The parts of kubectl's plaintext explain template (kubectl/pkg/explain/v2/templates/
 * plaintext.tmpl) below the GROUP/KIND/VERSION header: the FIELD line with its ENUM list, the
 * DESCRIPTION, and the FIELDS, each field with its description or, with --recursive, the field
 * tree alone.
 */
import { TYPES, type FieldSchema, type TypeSchema } from './schema'
import { wrap } from './wrap'

/** `wrap 76` for the description; `wrap (sub 78 indent)` for a field's, 76 at the first level. */
const WIDTH = 76

/** Sprig's indent: the pad before the text and after every newline, blank lines included. */
const indent = (text: string, amount: number): string => {
  const pad = ' '.repeat(amount)
  return pad + text.split('\n').join(`\n${pad}`)
}

/** `enum: A, B, C, D, ....` in a field list (four values at most), `ENUM:` and one a line on FIELD. */
function enumList(values: readonly string[], long: boolean, pad = 0): string {
  const shown = values.map((v) => (v === '' ? '""' : v))
  if (long) return `ENUM:${shown.map((v) => `\n    ${v}`).join('')}`
  const head = shown.slice(0, 4).join(', ')
  return `\n${' '.repeat(pad)}enum: ${shown.length > 4 ? `${head}, ....` : head}`
}

/** The FIELD line: the last field of the path with its type, then its values for an enum. */
export function fieldLine(name: string, field: FieldSchema): string {
  return `FIELD: ${name} <${field.type}>\n${field.enum ? enumList(field.enum, true) : ''}\n\n`
}

/**
 * The template's "description": each description on the way, a newline after each: the field's,
 * then the type it refers to (through an array or a map too), or the kind's alone.
 */
export function description(field: FieldSchema | undefined, type: TypeSchema | undefined): string {
  const parts = [field?.description, type?.description].filter((d) => d !== undefined)
  const text = parts.map((d) => `${d}\n`).join('')
  return `DESCRIPTION:\n${indent(wrap(text === '' ? '<empty>' : text, WIDTH), 4)}\n`
}

function fieldDetail(name: string, field: FieldSchema, level: number, short: boolean): string {
  const pad = level * 2
  let text = `${' '.repeat(pad)}${name}\t<${field.type}>${field.required ? ' -required-' : ''}`
  if (field.enum) text += enumList(field.enum, false, pad)
  text += '\n'
  if (!short) text += `${indent(wrap(field.description, 78 - pad), pad + 2)}\n\n`
  return text
}

/** The fields of a type, each with its description, or as a tree with `recursive`. */
function fieldList(type: TypeSchema, level: number, recursive: boolean, seen: string[]): string {
  let text = ''
  for (const name of Object.keys(type.fields ?? {}).sort()) {
    const field = type.fields![name]!
    text += fieldDetail(name, field, level, recursive)
    const next = field.ref === undefined ? undefined : TYPES[field.ref]
    if (recursive && next !== undefined && !seen.includes(field.ref!))
      text += fieldList(next, level + 1, recursive, [...seen, field.ref!])
  }
  return text
}

/** FIELDS: and the list, when the type has any fields KubeLab knows. */
export function fields(type: TypeSchema | undefined, recursive: boolean): string {
  if (type === undefined) return ''
  const list = fieldList(type, 1, recursive, [])
  return list === '' ? '' : `FIELDS:\n${list}`
}
