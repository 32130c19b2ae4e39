/**
 * Objects as kubectl prints them with -o yaml, -o json and -o name.
 *
 * kubectl turns objects into YAML through JSON with sigs.k8s.io/yaml (go-yaml v2): map keys
 * sorted, sequences not indented under their key, strings that would read back as another type
 * ("1", "yes", a timestamp) in double quotes, other strings that cannot be plain in single
 * quotes, multi-line strings as literal blocks. JSON is indented by four spaces.
 */
import { Document, parse, visit } from 'yaml'
import { resourceForKind } from '../../../apiserver/resources'

export type ObjectFormat = 'yaml' | 'json' | 'name'

interface Printable {
  apiVersion?: string
  kind?: string
  metadata?: { name?: string }
}

/** One object in a format; `yaml` and `json` end with a newline. */
export function formatObject(object: Printable, format: ObjectFormat): string {
  switch (format) {
    case 'yaml':
      return toYaml(object)
    case 'json':
      return `${JSON.stringify(object, null, 4)}\n`
    case 'name':
      return `${objectName(object)}\n`
  }
}

/**
 * Several objects: YAML and JSON wrap them in a v1 List (as `kubectl get` does for more than
 * one), names are one per line.
 */
export function formatObjects(objects: readonly Printable[], format: ObjectFormat): string {
  if (format === 'name') return objects.map((o) => `${objectName(o)}\n`).join('')
  if (objects.length === 1) return formatObject(objects[0]!, format)
  return formatObject(
    {
      apiVersion: 'v1',
      items: objects,
      kind: 'List',
      metadata: { resourceVersion: '' },
    } as Printable,
    format,
  )
}

/** "pod/web-1", "deployment.apps/web": kubectl's -o name. */
export function objectName(object: Printable): string {
  const def = resourceForKind(object.apiVersion ?? '', object.kind ?? '')
  const group = def?.group ?? groupOf(object.apiVersion ?? '')
  const kind = (object.kind ?? '').toLowerCase()
  return `${group === '' ? kind : `${kind}.${group}`}/${object.metadata?.name ?? ''}`
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''
}

export function toYaml(value: unknown): string {
  const doc = new Document(value, {
    schema: 'yaml-1.1',
    sortMapEntries: true,
    // Go's YAML has no anchors: an object shared twice is printed twice.
    aliasDuplicateObjects: false,
  })
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string') return
      if (node.value === '' || readsAsOtherScalar(node.value)) node.type = 'QUOTE_DOUBLE'
    },
  })
  return doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0 })
}

/** Whether YAML 1.1 would read the text back as a number, bool, null or timestamp. */
function readsAsOtherScalar(text: string): boolean {
  try {
    const value: unknown = parse(text, { schema: 'yaml-1.1' })
    return value === null || ['number', 'boolean'].includes(typeof value) || value instanceof Date
  } catch {
    return false
  }
}
