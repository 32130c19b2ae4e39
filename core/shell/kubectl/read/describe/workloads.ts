/** `kubectl describe deployment|replicaset|daemonset`, as describe.go prints them. */
import type { DaemonSet, Deployment, Event, Pod, ReplicaSet } from '../../../../api/types'
import { selectorString } from '../../../../apiserver/tables/format'
import { formatLabels } from '../../print/table'
import { describePodTemplate } from './containers'
import {
  controllerText,
  printAnnotations,
  printEvents,
  printLabels,
  rfc1123z,
  type DescribeContext,
  PrefixWriter,
} from './writer'

/** getPodStatusForController: the phases of the pods this controller owns. */
export function podStatusLine(pods: Pod[], uid: string | undefined): string {
  const owned = pods.filter((p) =>
    (p.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === uid),
  )
  const count = (phase: string): number => owned.filter((p) => p.status?.phase === phase).length
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`
}

export interface DeploymentDescription {
  deployment: Deployment
  oldReplicaSets: ReplicaSet[]
  newReplicaSet: ReplicaSet | undefined
  events: Event[] | undefined
}

export function describeDeployment(d: DeploymentDescription, context: DescribeContext): string {
  const { deployment } = d
  const { metadata, spec } = deployment
  const status = deployment.status ?? {}
  const w = new PrefixWriter()
  w.write(0, `Name:\t${metadata.name}\n`)
  w.write(0, `Namespace:\t${metadata.namespace}\n`)
  w.write(0, `CreationTimestamp:\t${rfc1123z(metadata.creationTimestamp)}\n`)
  printLabels(w, 'Labels', metadata.labels)
  printAnnotations(w, 'Annotations', metadata.annotations)
  w.write(0, `Selector:\t${selectorString(spec.selector) ?? ''}\n`)
  w.write(
    0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
  )
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? 'RollingUpdate'}\n`)
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`)
  const rolling = spec.strategy?.rollingUpdate
  if (rolling !== undefined)
    w.write(
      0,
      `RollingUpdateStrategy:\t${rolling.maxUnavailable ?? '25%'} max unavailable, ${rolling.maxSurge ?? '25%'} max surge\n`,
    )
  describePodTemplate(w, spec.template)
  conditionsTable(w, status.conditions)
  if (d.oldReplicaSets.length > 0 || d.newReplicaSet !== undefined) {
    w.write(0, `OldReplicaSets:\t${replicaSetList(d.oldReplicaSets)}\n`)
    w.write(0, `NewReplicaSet:\t${replicaSetList(d.newReplicaSet ? [d.newReplicaSet] : [])}\n`)
  }
  if (d.events !== undefined) printEvents(w, d.events, context)
  return w.toString()
}

function conditionsTable(
  w: PrefixWriter,
  conditions: { type: string; status: string; reason?: string }[] | undefined,
) {
  if (!conditions || conditions.length === 0) return
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n')
  w.write(1, '----\t------\t------\n')
  for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
}

function replicaSetList(sets: ReplicaSet[]): string {
  const list = sets
    .map(
      (rs) =>
        `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`,
    )
    .join(', ')
  return list === '' ? '<none>' : list
}

/** deploymentutil: the deployment's ReplicaSets, the one whose template is the deployment's, and the others. */
export function splitReplicaSets(
  deployment: Deployment,
  sets: ReplicaSet[],
): { newReplicaSet: ReplicaSet | undefined; oldReplicaSets: ReplicaSet[] } {
  const owned = sets
    .filter((rs) =>
      (rs.metadata.ownerReferences ?? []).some(
        (o) => o.controller && o.uid === deployment.metadata.uid,
      ),
    )
    .sort((a, b) =>
      (a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? -1 : 0,
    )
  const wanted = templateKey(deployment.spec.template)
  const newReplicaSet = owned.find((rs) => templateKey(rs.spec.template) === wanted)
  return { newReplicaSet, oldReplicaSets: owned.filter((rs) => rs !== newReplicaSet) }
}

/** The template without the pod-template-hash label (EqualIgnoreHash). */
function templateKey(template: unknown): string {
  const copy = JSON.parse(JSON.stringify(template ?? {})) as {
    metadata?: { labels?: Record<string, string> }
  }
  delete copy.metadata?.labels?.['pod-template-hash']
  return JSON.stringify(sortDeep(copy))
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortDeep((value as Record<string, unknown>)[k])]),
  )
}

export function describeReplicaSet(
  rs: ReplicaSet,
  pods: Pod[],
  events: Event[] | undefined,
  context: DescribeContext,
): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${rs.metadata.name}\n`)
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`)
  const selector = selectorString(rs.spec.selector)
  w.write(0, `Selector:\t${selector === undefined ? '<error>' : selector || '<none>'}\n`)
  printLabels(w, 'Labels', rs.metadata.labels)
  printAnnotations(w, 'Annotations', rs.metadata.annotations)
  const controller = controllerText(rs.metadata.ownerReferences)
  if (controller) w.write(0, `Controlled By:\t${controller}\n`)
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired\n`)
  w.write(0, `Pods Status:\t${podStatusLine(pods, rs.metadata.uid)}\n`)
  describePodTemplate(w, rs.spec.template)
  conditionsTable(w, (rs.status as { conditions?: [] } | undefined)?.conditions)
  if (events !== undefined) printEvents(w, events, context)
  return w.toString()
}

export function describeDaemonSet(
  ds: DaemonSet,
  pods: Pod[],
  events: Event[] | undefined,
  context: DescribeContext,
): string {
  const w = new PrefixWriter()
  const status = ds.status
  w.write(0, `Name:\t${ds.metadata.name}\n`)
  w.write(0, `Namespace:\t${ds.metadata.namespace}\n`)
  w.write(0, `Selector:\t${selectorString(ds.spec.selector) ?? ''}\n`)
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec.template.spec.nodeSelector)}\n`)
  printLabels(w, 'Labels', ds.metadata.labels)
  printAnnotations(w, 'Annotations', ds.metadata.annotations)
  w.write(0, `Desired Number of Nodes Scheduled: ${status?.desiredNumberScheduled ?? 0}\n`)
  w.write(0, `Current Number of Nodes Scheduled: ${status?.currentNumberScheduled ?? 0}\n`)
  w.write(
    0,
    `Number of Nodes Scheduled with Up-to-date Pods: ${status?.updatedNumberScheduled ?? 0}\n`,
  )
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${status?.numberAvailable ?? 0}\n`)
  w.write(0, `Number of Nodes Misscheduled: ${status?.numberMisscheduled ?? 0}\n`)
  w.write(0, `Pods Status:\t${podStatusLine(pods, ds.metadata.uid)}\n`)
  describePodTemplate(w, ds.spec.template)
  if (events !== undefined) printEvents(w, events, context)
  return w.toString()
}
