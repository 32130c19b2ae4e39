/**
 * The -o/--output formats of the read verbs and the printing of whole objects (yaml, json,
 * name, jsonpath, custom-columns), as cli-runtime's PrintFlags choose a printer.
 */
import type { KubectlError } from '../errors'
import { clientError } from '../errors'
import { parseCustomColumns, printCustomColumns } from '../print/customColumns'
import { goJson, JsonPath, JsonPathError } from '../print/jsonpath'
import { objectName, toYaml } from '../print/object'

export type Output =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; path: JsonPath }
  | { kind: 'custom-columns'; spec: string }

const ALLOWED_FORMATS = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
]

/** kubectl's NoCompatiblePrinterError. */
export function noPrinterError(format: string): KubectlError {
  return clientError(
    `unable to match a printer suitable for the output format "${format}", allowed formats are: ${ALLOWED_FORMATS.join(',')}`,
  )
}

/** Parses -o; throws kubectl's error for a format the lab cannot print. */
export function parseOutput(value: string | undefined): Output {
  const format = value ?? ''
  if (format === '' || format === 'wide') return { kind: 'table', wide: format === 'wide' }
  if (format === 'yaml' || format === 'json' || format === 'name') return { kind: format }
  const eq = format.indexOf('=')
  const [name, arg] = eq < 0 ? [format, ''] : [format.slice(0, eq), format.slice(eq + 1)]
  if (name === 'jsonpath') {
    if (arg === '') throw clientError('template format specified but no template given')
    try {
      return { kind: 'jsonpath', path: new JsonPath(arg) }
    } catch (error) {
      if (error instanceof JsonPathError)
        throw clientError(`error parsing jsonpath ${arg}, ${error.message}\n`)
      throw error
    }
  }
  if (name === 'custom-columns') {
    parseCustomColumns(arg)
    return { kind: 'custom-columns', spec: arg }
  }
  throw noPrinterError(format)
}

interface Printable {
  apiVersion?: string
  kind?: string
  metadata?: { name?: string }
}

/** kubectl's List wrapper for zero or several objects (printGeneric). */
export function asList(objects: readonly unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } }
}

/** Prints objects for a non-table format: one object alone when `single`, else a List. */
export function printObjects(
  objects: readonly Printable[],
  output: Exclude<Output, { kind: 'table' }>,
  single: boolean,
  noHeaders = false,
): string {
  if (output.kind === 'name') return objects.map((o) => `${objectName(o)}\n`).join('')
  if (output.kind === 'custom-columns')
    return printCustomColumns(parseCustomColumns(output.spec), objects, noHeaders)
  const value = single && objects.length === 1 ? objects[0] : asList(objects)
  return printValue(value, output)
}

/** One value (an object or a List) as yaml, json or jsonpath. */
export function printValue(value: unknown, output: { kind: string; path?: JsonPath }): string {
  if (output.kind === 'yaml') return toYaml(value)
  if (output.kind === 'json') return `${goJson(value, '    ')}\n`
  try {
    return output.path!.execute(value)
  } catch (error) {
    if (error instanceof JsonPathError)
      throw clientError(
        `error executing jsonpath "${output.path!.template}": Error executing template: ${error.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${output.path!.template}\n\tobject given to jsonpath engine was:\n\t\t${goJson(value)}\n\n`,
      )
    throw error
  }
}
