/**
 * One describer per kind, each fetching what describe.go's does (the pods of a controller, the
 * events about the object, a node's Lease, a service's EndpointSlices) before printing.
 */
import type {
  ConfigMap,
  DaemonSet,
  Deployment,
  EndpointSlice,
  Event,
  KubeObject,
  Lease,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  Secret,
  Service,
} from '../../../../api/types'
import { findResource } from '../../../../apiserver/resources'
import { selectorString } from '../../../../apiserver/tables/format'
import type { KubectlApi } from '../../api'
import { KubectlError } from '../../errors'
import { getObject, listObjects } from '../request'
import {
  describeConfigMap,
  describeGeneric,
  describeNamespace,
  describeSecret,
  describeService,
} from './misc'
import { describeNode } from './node'
import { describePod } from './pod'
import {
  describeDaemonSet,
  describeDeployment,
  describeReplicaSet,
  splitReplicaSets,
} from './workloads'
import type { DescribeContext } from './writer'

export interface DescribeSettings {
  api: KubectlApi
  showEvents: boolean
  context: DescribeContext
}

type Describer = (object: KubeObject, s: DescribeSettings) => string

const def = (group: string, resource: string) => findResource(group, resource)!

/** searchEvents: the events whose involvedObject is this object (by name, namespace, kind, uid). */
export function searchEvents(
  s: DescribeSettings,
  ref: { name: string; namespace: string; kind?: string; uid?: string },
): Event[] {
  const fields = [
    `involvedObject.name=${ref.name}`,
    `involvedObject.namespace=${ref.namespace}`,
    ...(ref.kind ? [`involvedObject.kind=${ref.kind}`] : []),
    ...(ref.uid ? [`involvedObject.uid=${ref.uid}`] : []),
  ]
  const namespace = ref.namespace === '' ? undefined : ref.namespace
  try {
    return listObjects<Event>(s.api, def('', 'events'), namespace, {
      fieldSelector: fields.join(','),
    }).items
  } catch (error) {
    // describe ignores a failed event search and prints the object alone.
    if (error instanceof KubectlError && !error.refused) return []
    throw error
  }
}

function eventsOf(object: KubeObject, s: DescribeSettings, kind = true): Event[] | undefined {
  if (!s.showEvents) return undefined
  return searchEvents(s, {
    name: object.metadata.name ?? '',
    namespace: object.metadata.namespace ?? '',
    ...(kind ? { kind: object.kind } : {}),
    uid: object.metadata.uid ?? '',
  })
}

function podsMatching(
  s: DescribeSettings,
  namespace: string | undefined,
  selector: unknown,
): Pod[] {
  const labelSelector = selectorString(selector as Deployment['spec']['selector'])
  return listObjects<Pod>(s.api, def('', 'pods'), namespace, { labelSelector }).items
}

const DESCRIBERS: Record<string, Describer> = {
  Pod: (o, s) => {
    const pod = o as Pod
    const mirror = pod.metadata.annotations?.['kubernetes.io/config.mirror']
    // A static pod's events name the mirror's hash as uid, so describe searches by that.
    const events = s.showEvents
      ? searchEvents(s, {
          name: pod.metadata.name!,
          namespace: pod.metadata.namespace!,
          uid: mirror ?? pod.metadata.uid!,
        })
      : undefined
    return describePod(pod, events, s.context)
  },
  Node: (o, s) => {
    const node = o as Node
    const name = node.metadata.name!
    const pods = listObjects<Pod>(s.api, def('', 'pods'), undefined, {
      fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`,
    }).items
    const events = s.showEvents
      ? [
          ...searchEvents(s, { name, namespace: '', kind: 'Node', uid: node.metadata.uid! }),
          ...searchEvents(s, { name, namespace: '', kind: 'Node', uid: name }),
        ]
      : undefined
    let lease: Lease | string
    try {
      lease = getObject<Lease>(s.api, def('coordination.k8s.io', 'leases'), 'kube-node-lease', name)
    } catch (error) {
      if (!(error instanceof KubectlError) || error.refused) throw error
      lease = error.text.replace(/^Error from server \([A-Za-z]+\): /, '')
    }
    return describeNode({ node, pods, events, lease }, s.context)
  },
  Deployment: (o, s) => {
    const deployment = o as Deployment
    const sets = listObjects<ReplicaSet>(s.api, def('apps', 'replicasets'), o.metadata.namespace, {
      labelSelector: selectorString(deployment.spec.selector),
    }).items
    const split = splitReplicaSets(deployment, sets)
    return describeDeployment({ deployment, ...split, events: eventsOf(o, s) }, s.context)
  },
  ReplicaSet: (o, s) => {
    const rs = o as ReplicaSet
    const pods = podsMatching(s, o.metadata.namespace, rs.spec.selector)
    return describeReplicaSet(rs, pods, eventsOf(o, s), s.context)
  },
  DaemonSet: (o, s) => {
    const ds = o as DaemonSet
    const pods = podsMatching(s, o.metadata.namespace, ds.spec.selector)
    return describeDaemonSet(ds, pods, eventsOf(o, s), s.context)
  },
  Service: (o, s) => {
    let slices: EndpointSlice[] = []
    try {
      slices = listObjects<EndpointSlice>(
        s.api,
        def('discovery.k8s.io', 'endpointslices'),
        o.metadata.namespace,
        {
          labelSelector: `kubernetes.io/service-name=${o.metadata.name}`,
        },
      ).items
    } catch (error) {
      if (!(error instanceof KubectlError) || error.refused) throw error
    }
    return describeService(o as Service, slices, eventsOf(o, s), s.context)
  },
  Namespace: (o) => describeNamespace(o as Namespace),
  ConfigMap: (o, s) => describeConfigMap(o as ConfigMap, eventsOf(o, s), s.context),
  Secret: (o) => describeSecret(o as Secret),
}

export function describeObject(object: KubeObject, settings: DescribeSettings): string {
  const describer = DESCRIBERS[object.kind]
  if (describer !== undefined) return describer(object, settings)
  return describeGeneric(object, eventsOf(object, settings), settings.context)
}
