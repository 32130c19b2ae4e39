/**
 * `kubectl patch TYPE NAME -p PATCH [--type=strategic|merge|json]`, `kubectl replace -f FILE`,
 * and `kubectl edit`, which needs an editor the lab's machines do not have: it fails as kubectl
 * fails when it cannot start one.
 */
import { parse as parseYaml } from 'yaml'
import { deepEqual } from '../../../api/objects'
import type { KubeObject } from '../../../api/types'
import { clientError, KubectlError } from '../errors'
import { resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { FILENAME_FLAGS, readManifests } from './manifests'
import { failed, throwFailures, withSource, type Failure } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, OUTPUT_FLAG, report } from './printing'
import { fetch, parseTargets, typed } from './targets'

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
}

export const patch: KubectlVerb = {
  name: 'patch',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string', default: 'strategic' },
    { name: 'subresource', type: 'string' },
  ],
  run(inv) {
    const text = patchText(inv)
    const type = inv.flags.string('type') ?? 'strategic'
    if (CONTENT_TYPES[type] === undefined)
      throw clientError(`--type must be one of [json merge strategic], not "${type}"`)
    const dryRun = dryRunOf(inv)
    const { named } = parseTargets(inv, inv.args)
    inv.api.discover()
    const body = parsePatch(text)
    const failures: Failure[] = []
    for (const target of named) {
      const fetched = fetch(inv, target)
      if ('failure' in fetched) {
        failures.push(fetched.failure)
        continue
      }
      if (dryRun === 'client') {
        report(inv, typed(target.def, fetched.object), 'patched', dryRun)
        continue
      }
      const response = inv.api.send({
        method: 'PATCH',
        path: resourcePath(
          target.def,
          target.namespace,
          target.name,
          inv.flags.string('subresource'),
        ),
        query: { fieldManager: 'kubectl-patch' },
        headers: { 'content-type': CONTENT_TYPES[type]! },
        body,
      })
      if (response.status >= 400) {
        failures.push(failed(response))
        continue
      }
      const after = response.body as KubeObject
      const changed = !deepEqual(fetched.object, after)
      report(inv, after, changed ? 'patched' : 'patched (no change)', dryRun)
    }
    throwFailures(failures)
    return 0
  },
}

function patchText(inv: Invocation): string {
  const file = inv.flags.string('patch-file')
  if (file !== undefined && file !== '') {
    const path = inv.context.resolve(file)
    if (inv.context.fs.stat(path)?.type !== 'file')
      throw clientError(`unable to read patch file: open ${file}: no such file or directory`)
    return inv.context.fs.read(path).text
  }
  const text = inv.flags.string('patch')
  if (text === undefined || text === '')
    throw clientError('must specify --patch or --patch-file containing the contents of the patch')
  return text
}

/**
 * kubectl turns a YAML patch into JSON (yaml.ToJSON) and sends JSON as it is. A body that is
 * neither is refused by the server with Go's json error, which is computed here.
 */
function parsePatch(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (jsonError) {
    try {
      const value: unknown = parseYaml(text, { schema: 'yaml-1.1' })
      if (typeof value === 'object' && value !== null && !/^\s*[[{]/.test(text)) return value
    } catch {
      // Not YAML either: the server's JSON decoder says why.
    }
    throw new KubectlError(`Error from server (BadRequest): ${goJsonError(text, jsonError)}`)
  }
}

function goJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length)
  const char = text[position]
  if (char === undefined || /end of JSON/.test(message)) return 'unexpected end of JSON input'
  const shown = JSON.stringify(char).slice(1, -1)
  if (/property name/.test(message))
    return `invalid character '${shown}' looking for beginning of object key string`
  if (/after property value/.test(message))
    return `invalid character '${shown}' after object key:value pair`
  if (/after property name/.test(message)) return `invalid character '${shown}' after object key`
  return `invalid character '${shown}' looking for beginning of value`
}

export const replace: KubectlVerb = {
  name: 'replace',
  flags: [...FILENAME_FLAGS, DRY_RUN_FLAG, OUTPUT_FLAG, { name: 'force', type: 'bool' }],
  run(inv) {
    if (inv.flags.all('filename').length === 0) throw clientError('must specify one of -f and -k')
    const dryRun = dryRunOf(inv)
    const { infos, failures } = readManifests(inv)
    if (infos.length > 0) inv.api.discover()
    for (const info of infos) {
      if (dryRun !== 'none') {
        // The lab's server has no dry run for PUT: check the object exists, change nothing.
        const live = fetch(inv, { def: info.def, namespace: info.namespace, name: info.name })
        if ('failure' in live) failures.push(withSource('replacing', info.source, live.failure))
        else report(inv, info.object, 'replaced', dryRun)
        continue
      }
      const response = inv.api.send({
        method: 'PUT',
        path: resourcePath(info.def, info.namespace, info.name),
        query: { fieldManager: 'kubectl-replace' },
        headers: { 'content-type': 'application/json' },
        body: info.object,
      })
      if (response.status >= 400)
        failures.push(withSource('replacing', info.source, failed(response)))
      else report(inv, response.body as KubeObject, 'replaced', dryRun)
    }
    throwFailures(failures)
    return 0
  },
}

export const edit: KubectlVerb = {
  name: 'edit',
  flags: [OUTPUT_FLAG, ...FILENAME_FLAGS],
  run(inv) {
    const { named } = parseTargets(inv, inv.args)
    inv.api.discover()
    for (const target of named) {
      const fetched = fetch(inv, target)
      if ('failure' in fetched) throwFailures([fetched.failure])
    }
    // kubectl starts $KUBE_EDITOR, else $EDITOR, else vi; the lab's machines have no editor.
    const editor = inv.context.env.get('KUBE_EDITOR') ?? inv.context.env.get('EDITOR') ?? 'vi'
    throw clientError(`unable to launch the editor "${editor}"`)
  },
}
