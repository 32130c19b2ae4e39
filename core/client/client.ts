/**
 * The in-process API client of components (client-go's role): typed calls with the semantics of
 * the REST handler, going to the kube-apiserver this component is configured to use. When that
 * API server is not running, every call fails as a dial does: connection refused on :6443.
 */
import type { KubeObject } from '../api/types'
import type { ApiServer, DeleteOptions, ListOptions, WatchEvent } from '../apiserver/apiserver'
import type { PatchType } from '../apiserver/patch'
import { RESOURCES, type ResourceDef } from '../apiserver/resources'
import { ApiError } from '../apiserver/status'

export class ConnectionRefused extends Error {
  constructor(readonly address: string) {
    super(`dial tcp ${address}: connect: connection refused`)
    this.name = 'ConnectionRefused'
  }
}

/** Where a component's requests go: an API server, if its process is up and reachable. */
export interface ApiEndpoint {
  /** "192.168.56.11:6443" */
  readonly address: string
  /** The API server, or undefined when its process is down or the path to it is cut. */
  server(): ApiServer | undefined
}

export type ResourceName =
  | 'pods'
  | 'nodes'
  | 'services'
  | 'endpoints'
  | 'events'
  | 'namespaces'
  | 'configmaps'
  | 'secrets'
  | 'leases'
  | 'deployments'
  | 'replicasets'
  | 'daemonsets'
  | 'endpointslices'

export function resourceDef(resource: ResourceName): ResourceDef {
  // Plural names are unique across the groups the lab serves.
  return RESOURCES.find((r) => r.resource === resource)!
}

export class ApiClient {
  constructor(
    readonly endpoint: ApiEndpoint,
    /** Who is calling, e.g. "kube-scheduler" or "kubelet/worker-1" (for "why?" and traces). */
    readonly userAgent: string,
  ) {}

  get<T extends KubeObject>(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
  ): T {
    return this.server().get(resourceDef(resource), namespace, name) as T
  }

  /** get, or undefined when the object does not exist. */
  find<T extends KubeObject>(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    try {
      return this.get<T>(resource, namespace, name)
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'NotFound') return undefined
      throw error
    }
  }

  list<T extends KubeObject>(
    resource: ResourceName,
    namespace?: string,
    options: ListOptions = {},
  ): { items: T[]; resourceVersion: string } {
    return this.server().list(resourceDef(resource), namespace, options) as {
      items: T[]
      resourceVersion: string
    }
  }

  create<T extends KubeObject>(
    resource: ResourceName,
    namespace: string | undefined,
    object: T,
  ): T {
    return this.server().create(resourceDef(resource), namespace, object) as T
  }

  update<T extends KubeObject>(resource: ResourceName, object: T): T {
    return this.server().update(resourceDef(resource), object.metadata.namespace, object) as T
  }

  updateStatus<T extends KubeObject>(resource: ResourceName, object: T): T {
    return this.server().update(
      resourceDef(resource),
      object.metadata.namespace,
      object,
      'status',
    ) as T
  }

  /** PUT namespaces/{name}/finalize: sets the namespace's spec.finalizers. */
  finalizeNamespace(name: string, finalizers: string[]): KubeObject {
    const server = this.server()
    const def = resourceDef('namespaces')
    const current = server.get(def, undefined, name)
    return server.update(def, undefined, { ...current, spec: { finalizers } }, 'finalize')
  }

  patch<T extends KubeObject>(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType = 'merge',
    subresource?: 'status',
  ): T {
    return this.server().patch(
      resourceDef(resource),
      namespace,
      name,
      patch,
      type,
      subresource,
    ) as T
  }

  delete(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): { object: KubeObject; gone: boolean } {
    return this.server().delete(resourceDef(resource), namespace, name, options)
  }

  /** Binds a pod to a node (POST pods/binding), as the scheduler's DefaultBinder does. */
  bind(namespace: string, name: string, nodeName: string): KubeObject {
    return this.server().bindPod(namespace, name, nodeName)
  }

  watch(
    resource: ResourceName,
    namespace: string | undefined,
    options: ListOptions,
    fromResourceVersion: string,
    handler: (event: WatchEvent) => void,
    onClose?: () => void,
  ): () => void {
    return this.server().watch(
      resourceDef(resource),
      namespace,
      options,
      fromResourceVersion,
      handler,
      onClose,
    )
  }

  /** True when a request would reach a running API server now. */
  get reachable(): boolean {
    return this.endpoint.server() !== undefined
  }

  private server(): ApiServer {
    const server = this.endpoint.server()
    if (server === undefined) throw new ConnectionRefused(this.endpoint.address)
    return server
  }
}
