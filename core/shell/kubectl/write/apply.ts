/**
 * `kubectl apply -f`: client-side apply (KUBECTL-WIRE.md §3.8–3.9). Each object is read from the
 * server; a missing one is created with the last-applied-configuration annotation, an existing
 * one gets a three-way strategic merge patch, or nothing when the patch is empty ("unchanged").
 * Failures are collected and printed at the end; the other objects are still applied.
 */
import { clone } from '../../../api/objects'
import type { KubeObject } from '../../../api/types'
import { applyPatch } from '../../../apiserver/patch'
import { clientError } from '../errors'
import { resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { describeInfo, FILENAME_FLAGS, readManifests, type Info } from './manifests'
import { failed, throwFailures, withSource, type Failure } from './outcome'
import {
  DRY_RUN_FLAG,
  dryRunOf,
  OUTPUT_FLAG,
  outputOf,
  printAll,
  report,
  type DryRun,
} from './printing'
import { sortedJson, threeWayPatch } from './threeWay'

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
const FIELD_MANAGER = 'kubectl-client-side-apply'

export const apply: KubectlVerb = {
  name: 'apply',
  flags: [
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'server-side', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'record', type: 'bool' },
    { name: 'prune', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run(inv) {
    if (inv.flags.all('filename').length === 0) throw clientError('must specify one of -f and -k')
    const dryRun = dryRunOf(inv)
    outputOf(inv)
    const { infos, failures } = readManifests(inv)
    if (infos.length === 0 && failures.length === 0) throw clientError('no objects passed to apply')
    if (infos.length > 0) inv.api.discover()
    const printed: KubeObject[] = []
    for (const info of infos) {
      const result = applyOne(inv, info, dryRun)
      if ('failure' in result) failures.push(result.failure)
      else printed.push(result.object)
    }
    printAll(inv, printed)
    throwFailures(failures)
    return 0
  },
}

type Outcome = { object: KubeObject } | { failure: Failure }

function applyOne(inv: Invocation, info: Info, dryRun: DryRun): Outcome {
  const path = resourcePath(info.def, info.namespace, info.name)
  const live = inv.api.send({ method: 'GET', path })
  const modified = withLastApplied(info)
  if (live.status === 404) return create(inv, info, modified, dryRun)
  if (live.status >= 400) {
    const verb = `retrieving current configuration of:\n${describeInfo(info)}\nfrom server for:`
    return { failure: withSource(verb, info.source, failed(live)) }
  }
  return update(inv, info, modified, live.body as KubeObject, dryRun)
}

function create(inv: Invocation, info: Info, modified: KubeObject, dryRun: DryRun): Outcome {
  let object = modified
  if (dryRun !== 'client') {
    const response = inv.api.send({
      method: 'POST',
      path: resourcePath(info.def, info.namespace),
      query: query(dryRun),
      headers: { 'content-type': 'application/json' },
      body: modified,
    })
    if (response.status >= 400)
      return { failure: withSource('creating', info.source, failed(response)) }
    object = response.body as KubeObject
  }
  if (outputOf(inv) === undefined) report(inv, object, 'created', dryRun)
  return { object }
}

function update(
  inv: Invocation,
  info: Info,
  modified: KubeObject,
  live: KubeObject,
  dryRun: DryRun,
): Outcome {
  if (dryRun === 'client') {
    // kubectl does not compute the patch under a client dry run: it always says "configured".
    if (outputOf(inv) === undefined) report(inv, live, 'configured', dryRun)
    return { object: live }
  }
  const lastApplied = live.metadata.annotations?.[LAST_APPLIED]
  if (lastApplied === undefined) {
    inv.io.err(
      `Warning: resource ${info.def.group === '' ? info.def.resource : `${info.def.resource}.${info.def.group}`}/${info.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    )
  }
  const patch = threeWayPatch(parseLastApplied(lastApplied), modified, live)
  if (Object.keys(patch).length === 0) {
    if (outputOf(inv) === undefined) report(inv, live, 'unchanged', dryRun)
    return { object: live }
  }
  // The lab's server does not dry-run a PATCH: a server dry run is computed here instead.
  if (dryRun === 'server') {
    const object = applyPatch(clone(live), patch, 'strategic')
    if (outputOf(inv) === undefined) report(inv, object, 'configured', dryRun)
    return { object }
  }
  const response = inv.api.send({
    method: 'PATCH',
    path: resourcePath(info.def, info.namespace, info.name),
    query: query(dryRun),
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    body: patch,
  })
  if (response.status >= 400) {
    const verb = `applying patch:\n${sortedJson(patch)}\nto:\n${describeInfo(info)}\nfor:`
    return { failure: withSource(verb, info.source, failed(response)) }
  }
  const object = response.body as KubeObject
  if (outputOf(inv) === undefined) report(inv, object, 'configured', dryRun)
  return { object }
}

function query(dryRun: DryRun): Record<string, string> {
  return {
    fieldManager: FIELD_MANAGER,
    fieldValidation: 'Strict',
    ...(dryRun === 'server' ? { dryRun: 'All' } : {}),
  }
}

/**
 * The manifest as kubectl sends it: its namespace filled in, and the annotation holding the
 * manifest itself (sorted JSON, without that annotation, "annotations":{} kept).
 */
export function withLastApplied(info: Info): KubeObject {
  const object = clone(info.object)
  if (info.namespace !== undefined) object.metadata.namespace = info.namespace
  const annotations = { ...object.metadata.annotations }
  delete annotations[LAST_APPLIED]
  object.metadata.annotations = annotations
  const text = `${sortedJson(object)}\n`
  object.metadata.annotations = { ...annotations, [LAST_APPLIED]: text }
  return object
}

function parseLastApplied(text: string | undefined): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
