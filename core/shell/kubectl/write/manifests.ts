/**
 * `-f FILE|DIR|-`: the objects of manifests, as kubectl's resource builder visits them.
 *
 * 1. A missing path fails the whole command before anything is sent.
 * 2. A file holds YAML documents separated by `---` (JSON is YAML too); `kind: List` expands to
 *    its items; empty documents are skipped. A directory gives its .yaml, .yml and .json files in
 *    name order (subdirectories only with -R).
 * 3. A syntax error ends that file: documents before it are still used, those after are not, and
 *    the error is reported with the other failures. An unknown kind is reported and skipped.
 */
import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../../../api/types'
import { apiVersionOf, resourceForKind, type ResourceDef } from '../../../apiserver/resources'
import { clientError } from '../errors'
import type { FlagSpec } from '../flags'
import type { Invocation } from '../verb'
import type { Failure } from './outcome'
import { goYamlMessage } from './yamlErrors'

export const FILENAME_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
]

/** One object to send, with where it came from ("pod.yaml", "STDIN"). */
export interface Info {
  object: KubeObject
  def: ResourceDef
  namespace: string | undefined
  name: string
  source: string
}

export interface Manifests {
  infos: Info[]
  failures: Failure[]
}

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/

/** Reads every -f source; throws for a path that does not exist (nothing is sent then). */
export function readManifests(inv: Invocation): Manifests {
  const result: Manifests = { infos: [], failures: [] }
  const files: { text: string; source: string }[] = []
  for (const path of inv.flags.all('filename')) files.push(...sourcesOf(inv, path))
  for (const file of files) readDocuments(inv, file.text, file.source, result)
  return result
}

function sourcesOf(inv: Invocation, path: string): { text: string; source: string }[] {
  if (path === '-') return [{ text: inv.io.stdin, source: 'STDIN' }]
  const absolute = inv.context.resolve(path)
  const stat = inv.context.fs.stat(absolute)
  if (stat === undefined) throw clientError(`the path "${path}" does not exist`)
  if (stat.type !== 'dir') return [{ text: inv.context.fs.read(absolute).text, source: path }]
  return filesIn(inv, absolute, path)
}

function filesIn(inv: Invocation, dir: string, typed: string): { text: string; source: string }[] {
  const out: { text: string; source: string }[] = []
  for (const name of [...inv.context.fs.list(dir)].sort()) {
    const full = `${dir}/${name}`
    const shown = `${typed.replace(/\/$/, '')}/${name}`
    const type = inv.context.fs.stat(full)?.type
    if (type === 'dir') {
      if (inv.flags.bool('recursive')) out.push(...filesIn(inv, full, shown))
    } else if (MANIFEST_EXTENSIONS.test(name)) {
      out.push({ text: inv.context.fs.read(full).text, source: shown })
    }
  }
  return out
}

function readDocuments(inv: Invocation, text: string, source: string, into: Manifests): void {
  for (const doc of parseAllDocuments(text, { schema: 'yaml-1.1' })) {
    const error = doc.errors[0]
    if (error !== undefined) {
      const chunkStart = separatorLineBefore(text, error.pos[0])
      const message = goYamlMessage(error, chunkStart, text)
      into.failures.push({
        message: `error parsing ${source}: error converting YAML to JSON: ${message}`,
      })
      return
    }
    const value: unknown = doc.toJS()
    if (value === null || value === undefined) continue
    addObject(inv, value, source, into)
  }
}

/** The line number of the `---` that starts the document holding `offset` (0 for the first). */
function separatorLineBefore(text: string, offset: number): number {
  const lines = text.slice(0, offset).split('\n')
  for (let i = lines.length - 2; i >= 0; i--) if (lines[i]!.startsWith('---')) return i + 1
  return 0
}

function addObject(inv: Invocation, value: unknown, source: string, into: Manifests): void {
  const object = value as KubeObject
  if (typeof value !== 'object' || Array.isArray(value) || typeof object.kind !== 'string') {
    into.failures.push({
      message: `unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(value)}'`,
    })
    return
  }
  if (object.kind === 'List' && Array.isArray(object['items'])) {
    for (const item of object['items'] as unknown[]) addObject(inv, item, source, into)
    return
  }
  object.metadata ??= {}
  const def = resourceForKind(String(object.apiVersion ?? ''), object.kind)
  const name = object.metadata.name ?? ''
  if (def === undefined) {
    const ns = object.metadata.namespace ?? ''
    into.failures.push({
      message: `resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion ?? ''}"\nensure CRDs are installed first`,
    })
    return
  }
  into.infos.push({ object, def, namespace: namespaceOf(inv, def, object), name, source })
}

/** The object's namespace, else -n's; -n naming another one is kubectl's error. */
function namespaceOf(inv: Invocation, def: ResourceDef, object: KubeObject): string | undefined {
  if (!def.namespaced) return undefined
  const own = object.metadata.namespace
  if (own !== undefined && inv.namespaceGiven && own !== inv.namespace) {
    throw clientError(
      `the namespace from the provided object "${own}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
    )
  }
  return own ?? inv.namespace
}

/** "Resource: "apps/v1, Resource=deployments" …": how kubectl names an Info in some errors. */
export function describeInfo(info: Info): string {
  const version = apiVersionOf(info.def)
  const gv = info.def.group === '' ? `/${version}` : version
  return `Resource: "${gv}, Resource=${info.def.resource}", GroupVersionKind: "${gv}, Kind=${info.def.kind}"\nName: "${info.name}", Namespace: "${info.namespace ?? ''}"`
}
