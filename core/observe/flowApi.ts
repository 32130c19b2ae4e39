/**
 * Where the message flow sees API traffic: a component's requests to its kube-apiserver (and the
 * watch events coming back), kubectl's requests, and the API server's round trips to etcd.
 *
 * The vocabulary (`what`) is the request as `kubectl -v8` would show it, reduced to verb and
 * resource: "GET pods", "LIST pods", "WATCH pods", "POST pods/binding", "PUT nodes/status",
 * "PATCH pods/status", "DELETE pods"; a watch event delivered is "WATCH pods: MODIFIED"; a
 * non-resource path stays a path ("GET /version"). The API server's storage calls are etcd's
 * words on the resource's key prefix: "get /registry/pods", "range /registry/pods" (a list),
 * "put /registry/minions", "delete /registry/pods".
 *
 * Invariants:
 * 1. Each hook costs one boolean check while the recorder is off (FlowRecorder invariant 1).
 * 2. A request is recorded only if it reaches a running API server (a refused dial is no message).
 * 3. Storage messages are what etcd served: a read that got an answer (an object or NotFound) and
 *    a write that committed (etcd's revision moved). A no-op update, a conflict or an unavailable
 *    etcd sends nothing. A committed write is also replicated between the members (flowEtcd.ts).
 * 4. These classes only observe: they return exactly what ApiClient and ApiServer return.
 */
import type { KubeObject } from '../api/types'
import {
  ApiServer,
  type DeleteOptions,
  type ListOptions,
  type WatchEvent,
} from '../apiserver/apiserver'
import { parseResourcePath } from '../apiserver/handler'
import type { PatchType } from '../apiserver/patch'
import type { ApiRequest } from '../apiserver/request'
import { findResource, type ResourceDef } from '../apiserver/resources'
import { ApiError } from '../apiserver/status'
import { ApiClient, type ApiEndpoint, type ResourceName } from '../client/client'
import { OUTSIDE } from '../network/fabric'
import { LAPTOP } from '../shell/command'
import type { FlowTap } from './flow'
import { recordReplication } from './flowEtcd'

/** What names the two ends of a component's API connection, as the topology draws them. */
export interface ApiPeers {
  /** The calling component: "kube-scheduler-cp-1". */
  component: string
  /** The API server its endpoint leads to: "kube-apiserver-cp-1". */
  apiserver: string
}

/** A component's ApiClient that tells the flow about each request (see the file's comment). */
export class FlowApiClient extends ApiClient {
  constructor(
    endpoint: ApiEndpoint,
    userAgent: string,
    private readonly flow: FlowTap,
    private readonly peers: ApiPeers,
  ) {
    super(endpoint, userAgent)
  }

  override get<T extends KubeObject>(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
  ): T {
    if (this.flow.active) this.send('GET', resource)
    return super.get<T>(resource, namespace, name)
  }

  override list<T extends KubeObject>(
    resource: ResourceName,
    namespace?: string,
    options: ListOptions = {},
  ): { items: T[]; resourceVersion: string } {
    if (this.flow.active) this.send('LIST', resource)
    return super.list<T>(resource, namespace, options)
  }

  override create<T extends KubeObject>(
    resource: ResourceName,
    namespace: string | undefined,
    object: T,
  ): T {
    if (this.flow.active) this.send('POST', resource)
    return super.create(resource, namespace, object)
  }

  override update<T extends KubeObject>(resource: ResourceName, object: T): T {
    if (this.flow.active) this.send('PUT', resource)
    return super.update(resource, object)
  }

  override updateStatus<T extends KubeObject>(resource: ResourceName, object: T): T {
    if (this.flow.active) this.send('PUT', `${resource}/status`)
    return super.updateStatus(resource, object)
  }

  override finalizeNamespace(name: string, finalizers: string[]): KubeObject {
    if (this.flow.active) this.send('PUT', 'namespaces/finalize')
    return super.finalizeNamespace(name, finalizers)
  }

  override patch<T extends KubeObject>(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType = 'merge',
    subresource?: 'status',
  ): T {
    if (this.flow.active)
      this.send('PATCH', subresource === undefined ? resource : `${resource}/${subresource}`)
    return super.patch<T>(resource, namespace, name, patch, type, subresource)
  }

  override delete(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): { object: KubeObject; gone: boolean } {
    if (this.flow.active) this.send('DELETE', resource)
    return super.delete(resource, namespace, name, options)
  }

  override bind(namespace: string, name: string, nodeName: string): KubeObject {
    if (this.flow.active) this.send('POST', 'pods/binding')
    return super.bind(namespace, name, nodeName)
  }

  /** The watch request, then each event the API server sends down the stream. */
  override watch(
    resource: ResourceName,
    namespace: string | undefined,
    options: ListOptions,
    fromResourceVersion: string,
    handler: (event: WatchEvent) => void,
    onClose?: () => void,
  ): () => void {
    if (this.flow.active) this.send('WATCH', resource)
    const { component, apiserver } = this.peers
    const delivered = (event: WatchEvent): void => {
      if (this.flow.active)
        this.flow.record(apiserver, component, `WATCH ${resource}: ${event.type}`)
      handler(event)
    }
    return super.watch(resource, namespace, options, fromResourceVersion, delivered, onClose)
  }

  private send(verb: string, resource: string): void {
    if (this.reachable)
      this.flow.record(this.peers.component, this.peers.apiserver, `${verb} ${resource}`)
  }
}

/** kube-apiserver with its etcd round trips told to the flow (invariant 3). */
export class FlowApiServer extends ApiServer {
  private readonly self: string
  private readonly member: string
  private readonly machine: string

  constructor(
    private readonly flow: FlowTap,
    ...args: ConstructorParameters<typeof ApiServer>
  ) {
    super(...args)
    // The etcd member it talks to is the one on its own node (kubeadm), named after the machine.
    this.machine = args[3]
    this.self = `kube-apiserver-${this.machine}`
    this.member = `etcd-${this.machine}`
  }

  override create(...args: Parameters<ApiServer['create']>): KubeObject {
    if (!this.flow.active) return super.create(...args)
    const before = this.revision
    return this.written(args[0], before, 'put', super.create(...args))
  }

  override update(...args: Parameters<ApiServer['update']>): KubeObject {
    if (!this.flow.active) return super.update(...args)
    const before = this.revision
    return this.written(args[0], before, 'put', super.update(...args))
  }

  override patch(...args: Parameters<ApiServer['patch']>): KubeObject {
    if (!this.flow.active) return super.patch(...args)
    const before = this.revision
    return this.written(args[0], before, 'put', super.patch(...args))
  }

  override bindPod(...args: Parameters<ApiServer['bindPod']>): KubeObject {
    if (!this.flow.active) return super.bindPod(...args)
    const before = this.revision
    return this.written(PODS, before, 'put', super.bindPod(...args))
  }

  override delete(...args: Parameters<ApiServer['delete']>): { object: KubeObject; gone: boolean } {
    if (!this.flow.active) return super.delete(...args)
    const before = this.revision
    const result = super.delete(...args)
    return this.written(args[0], before, result.gone ? 'delete' : 'put', result)
  }

  override get(...args: Parameters<ApiServer['get']>): KubeObject {
    if (!this.flow.active) return super.get(...args)
    return this.read(args[0], 'get', () => super.get(...args))
  }

  override list(...args: Parameters<ApiServer['list']>): ReturnType<ApiServer['list']> {
    if (!this.flow.active) return super.list(...args)
    return this.read(args[0], 'range', () => super.list(...args))
  }

  private written<T>(def: ResourceDef, before: number, op: string, result: T): T {
    if (this.revision !== before) {
      this.flow.record(this.self, this.member, `${op} ${def.etcdPrefix}`)
      recordReplication(this.flow, this.etcd, this.machine)
    }
    return result
  }

  private read<T>(def: ResourceDef, op: string, work: () => T): T {
    try {
      const result = work()
      this.flow.record(this.self, this.member, `${op} ${def.etcdPrefix}`)
      return result
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'NotFound')
        this.flow.record(this.self, this.member, `${op} ${def.etcdPrefix}`)
      throw error
    }
  }
}

const PODS = findResource('', 'pods')!

/** A REST request kubectl (or `kubelab serve`) sent from a machine or the laptop. */
export function recordApiRequest(
  flow: FlowTap,
  fromMachine: string,
  apiserver: string,
  request: ApiRequest,
): void {
  const from = fromMachine === OUTSIDE ? LAPTOP : fromMachine
  flow.record(from, apiserver, requestWhat(request))
}

/** "POST deployments", "LIST pods", "WATCH pods", "GET pods/log", "GET /version". */
export function requestWhat(request: ApiRequest): string {
  const target = parseResourcePath(request.path)
  if (target === undefined) return `${request.method} ${request.path}`
  const { def, name, subresource } = target
  const resource = subresource === undefined ? def.resource : `${def.resource}/${subresource}`
  if (request.method !== 'GET' || name !== undefined) return `${request.method} ${resource}`
  return `${request.query?.['watch'] === 'true' ? 'WATCH' : 'LIST'} ${resource}`
}
