/**
 * `kubectl rollout history` and `kubectl rollout undo` for Deployments, read from the
 * Deployment's ReplicaSets and their deployment.kubernetes.io/revision annotations, as
 * kubectl's history viewer and rollbacker do. Undo copies the chosen ReplicaSet's pod template
 * back into the Deployment with a JSON patch (pod-template-hash removed); the controller then
 * rolls out, reusing that ReplicaSet.
 */
import type { Deployment, KubeObject, PodTemplateSpec, ReplicaSet } from '../../../api/types'
import { clone, deepEqual } from '../../../api/objects'
import { clientError } from '../errors'
import { objectName } from '../print/object'
import { findResourceType, resourcePath } from '../resources'
import type { Invocation } from '../verb'
import { failed, throwFailures } from './outcome'
import { dryRunSuffix, type DryRun } from './printing'
import { describeTemplate } from './podTemplate'

const REVISION = 'deployment.kubernetes.io/revision'
const CHANGE_CAUSE = 'kubernetes.io/change-cause'
const HASH_LABEL = 'pod-template-hash'
/** Deployment annotations undo keeps rather than take from the ReplicaSet. */
const SKIPPED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
])

/** The Deployment's ReplicaSets (controlled by it), by revision. */
function revisions(inv: Invocation, d: Deployment): Map<number, ReplicaSet> {
  const def = findResourceType('replicasets')!
  const selector = Object.entries(d.spec.selector.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
  const response = inv.api.request({
    method: 'GET',
    path: resourcePath(def, d.metadata.namespace),
    query: selector === '' ? {} : { labelSelector: selector },
  })
  const items = (response.body as { items?: ReplicaSet[] }).items ?? []
  const owned = items.filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === d.metadata.uid),
  )
  const byRevision = new Map<number, ReplicaSet>()
  for (const rs of owned) {
    const revision = Number(rs.metadata.annotations?.[REVISION] ?? NaN)
    if (Number.isInteger(revision)) byRevision.set(revision, rs)
  }
  return byRevision
}

export function rolloutHistory(inv: Invocation, d: Deployment): number {
  const history = revisions(inv, d)
  const wanted = inv.flags.int('revision') ?? 0
  if (wanted > 0) {
    const rs = history.get(wanted)
    if (rs === undefined) throw clientError('unable to find the specified revision')
    const template = clone(rs.spec.template)
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE]
    if (cause !== undefined)
      template.metadata = {
        ...template.metadata,
        annotations: { ...template.metadata?.annotations, [CHANGE_CAUSE]: cause },
      }
    inv.io.out(`${objectName(d)} with revision #${wanted}\n${describeTemplate(template)}\n`)
    return 0
  }
  if (history.size === 0) {
    inv.io.out(`${objectName(d)} \nNo rollout history found.\n`)
    return 0
  }
  const rows = [...history.keys()]
    .sort((a, b) => a - b)
    .map((r) => [String(r), history.get(r)!.metadata.annotations?.[CHANGE_CAUSE] ?? '<none>'])
  const width = Math.max('REVISION'.length, ...rows.map((r) => r[0]!.length)) + 2
  const lines = [['REVISION', 'CHANGE-CAUSE'], ...rows].map(
    ([rev, cause]) => `${rev!.padEnd(width)}${cause}\n`,
  )
  inv.io.out(`${objectName(d)} \n${lines.join('')}\n`)
  return 0
}

/** The ReplicaSet to go back to: --to-revision, else the one before the newest. */
function revisionToRestore(inv: Invocation, d: Deployment): { rs: ReplicaSet; revision: number } {
  const history = revisions(inv, d)
  const wanted = inv.flags.int('to-revision') ?? 0
  if (wanted > 0) {
    const rs = history.get(wanted)
    if (rs === undefined)
      throw clientError(`unable to find specified revision ${wanted} in history`)
    return { rs, revision: wanted }
  }
  const sorted = [...history.keys()].sort((a, b) => b - a)
  if (sorted.length < 2)
    throw clientError(`no rollout history found for deployment "${d.metadata.name}"`)
  return { rs: history.get(sorted[1]!)!, revision: sorted[1]! }
}

function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const copy = clone(template)
  if (copy.metadata?.labels) delete copy.metadata.labels[HASH_LABEL]
  return copy
}

export function rolloutUndo(inv: Invocation, d: Deployment, dryRun: DryRun): number {
  if (d.spec.paused)
    throw clientError(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    )
  const { rs, revision } = revisionToRestore(inv, d)
  const template = withoutHash(rs.spec.template)
  if (deepEqual(template, withoutHash(d.spec.template))) {
    inv.io.out(
      `${objectName(d)} skipped rollback (current template already matches revision ${revision})\n`,
    )
    return 0
  }
  const annotations: Record<string, string> = {}
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
    if (SKIPPED.has(k)) annotations[k] = v
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {}))
    if (!SKIPPED.has(k)) annotations[k] = v
  if (dryRun === 'none') {
    const response = inv.api.send({
      method: 'PATCH',
      path: resourcePath(findResourceType('deployments')!, d.metadata.namespace, d.metadata.name),
      headers: { 'content-type': 'application/json-patch+json' },
      body: [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ],
    })
    if (response.status >= 400) throwFailures([failed(response)])
  }
  inv.io.out(`${objectName(d as KubeObject)} rolled back${dryRunSuffix(dryRun)}\n`)
  return 0
}
