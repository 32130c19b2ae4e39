/**
 * The resources the lab's API server serves, as `kubectl api-resources` lists them, with the
 * etcd key prefixes kube-apiserver really uses (nodes live under /registry/minions, Services
 * under /registry/services/specs).
 */

export interface ResourceDef {
  group: string
  version: string
  /** Plural, lower case: "pods". */
  resource: string
  singular: string
  kind: string
  namespaced: boolean
  shortNames: string[]
  categories: string[]
  verbs: string[]
  subresources: string[]
  etcdPrefix: string
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

function def(
  group: string,
  resource: string,
  kind: string,
  options: Partial<
    Pick<
      ResourceDef,
      'namespaced' | 'shortNames' | 'categories' | 'verbs' | 'subresources' | 'etcdPrefix'
    >
  > = {},
): ResourceDef {
  return {
    group,
    version: 'v1',
    resource,
    singular: kind.toLowerCase(),
    kind,
    namespaced: options.namespaced ?? true,
    shortNames: options.shortNames ?? [],
    categories: options.categories ?? [],
    verbs: options.verbs ?? VERBS,
    subresources: options.subresources ?? [],
    etcdPrefix: options.etcdPrefix ?? `/registry/${resource}`,
  }
}

export const RESOURCES: readonly ResourceDef[] = [
  // Probed at each request (componentStatus.ts), never stored.
  def('', 'componentstatuses', 'ComponentStatus', {
    namespaced: false,
    shortNames: ['cs'],
    verbs: ['get', 'list'],
  }),
  def('', 'configmaps', 'ConfigMap', { shortNames: ['cm'] }),
  def('', 'endpoints', 'Endpoints', {
    shortNames: ['ep'],
    etcdPrefix: '/registry/services/endpoints',
  }),
  def('', 'events', 'Event', { shortNames: ['ev'] }),
  def('', 'namespaces', 'Namespace', {
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status', 'finalize'],
  }),
  def('', 'nodes', 'Node', {
    namespaced: false,
    shortNames: ['no'],
    subresources: ['status'],
    etcdPrefix: '/registry/minions',
  }),
  def('', 'pods', 'Pod', {
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'log', 'binding', 'eviction', 'exec'],
  }),
  def('', 'secrets', 'Secret'),
  def('', 'services', 'Service', {
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
    etcdPrefix: '/registry/services/specs',
  }),
  def('apps', 'daemonsets', 'DaemonSet', {
    shortNames: ['ds'],
    categories: ['all'],
    subresources: ['status'],
  }),
  def('apps', 'deployments', 'Deployment', {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  def('apps', 'replicasets', 'ReplicaSet', {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  def('coordination.k8s.io', 'leases', 'Lease'),
  def('discovery.k8s.io', 'endpointslices', 'EndpointSlice'),
]

export function apiVersionOf(def: ResourceDef): string {
  return def.group === '' ? def.version : `${def.group}/${def.version}`
}

/** Finds a resource by group and plural name. */
export function findResource(group: string, resource: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.group === group && r.resource === resource)
}

export function resourceForKind(apiVersion: string, kind: string): ResourceDef | undefined {
  return RESOURCES.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind)
}

/** The etcd key of an object: /registry/pods/default/web-1, /registry/minions/worker-1. */
export function etcdKey(def: ResourceDef, namespace: string | undefined, name: string): string {
  return def.namespaced ? `${def.etcdPrefix}/${namespace}/${name}` : `${def.etcdPrefix}/${name}`
}

/** The prefix to range over for a list: every namespace, or one. */
export function etcdListPrefix(def: ResourceDef, namespace: string | undefined): string {
  return def.namespaced && namespace !== undefined
    ? `${def.etcdPrefix}/${namespace}/`
    : `${def.etcdPrefix}/`
}
