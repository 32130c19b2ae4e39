/**
 * The REST front of the API server: routes a request to the storage (apiserver.ts), subresources,
 * discovery and health, and answers with JSON objects, Tables or text, errors as Status.
 */
import type { KubeObject, Pod } from '../api/types'
import type { Clock } from '../clock'
import type { ApiServer } from './apiserver'
import { type DeleteOptions } from './apiserver'
import { COMPONENT_STATUS_WARNING, type ComponentStatus } from './componentStatus'
import { apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery'
import { healthReport, type HealthEndpoint } from './health'
import { PATCH_CONTENT_TYPES } from './patch'
import type { ApiRequest, ApiResponse } from './request'
import { apiVersionOf, findResource, type ResourceDef } from './resources'
import { ApiError, errors, field, success } from './status'
import { toTable, type IncludeObject } from './tables/index'

export interface RouteTarget {
  def: ResourceDef
  namespace: string | undefined
  name: string | undefined
  subresource: string | undefined
}

/** Hooks into the rest of the cluster that the API server proxies (logs come from kubelets). */
export interface HandlerHooks {
  podLogs?(
    pod: Pod,
    options: { container?: string; tailLines?: number; previous?: boolean },
  ): string
  /** Health checks currently failing, e.g. 'etcd' when etcd cannot serve. */
  failingChecks?(): ReadonlySet<string>
  /** The components this API server probes for `get componentstatuses`, probed now. */
  componentStatuses?(): ComponentStatus[]
}

const JSON_HEADERS = { 'content-type': 'application/json' }
const TEXT_HEADERS = { 'content-type': 'text/plain; charset=utf-8' }

export class RestHandler {
  constructor(
    private readonly apiserver: ApiServer,
    private readonly clock: Clock,
    private readonly serverAddress: string,
    private readonly hooks: HandlerHooks = {},
  ) {}

  handle(request: ApiRequest): ApiResponse {
    try {
      return this.route(request)
    } catch (error) {
      if (error instanceof ApiError) {
        return {
          status: error.code,
          headers: JSON_HEADERS,
          body: error.status,
          latencyMs: error.waitedMs,
        }
      }
      throw error
    }
  }

  private route(request: ApiRequest): ApiResponse {
    const path = request.path.replace(/\/+$/, '') || '/'
    const health = /^\/(livez|readyz|healthz)$/.exec(path)
    if (health) return this.health(health[1] as HealthEndpoint, request)
    if (path === '/version') return json(200, versionInfo())
    if (path === '/api') return json(200, apiVersions(this.serverAddress))
    if (path === '/apis') return json(200, apiGroupList())
    const discovery = /^\/(?:api\/(v1)|apis\/([^/]+\/v1))$/.exec(path)
    if (discovery) {
      const list = apiResourceList(discovery[1] ?? discovery[2]!)
      if (list === undefined) throw errors.notFoundPath()
      return json(200, list)
    }
    const target = parseResourcePath(path)
    if (target === undefined) throw errors.notFoundPath()
    return this.resource(request, target)
  }

  private resource(request: ApiRequest, target: RouteTarget): ApiResponse {
    const { def, namespace, name, subresource } = target
    const query = request.query ?? {}
    const api = this.apiserver
    if (subresource !== undefined && !def.subresources.includes(subresource))
      throw errors.notFoundPath()
    if (def.kind === 'ComponentStatus') return this.componentStatuses(request, def, name)
    switch (request.method) {
      case 'GET': {
        if (name === undefined) {
          if (query['watch'] === 'true' || query['watch'] === '1')
            throw errors.badRequest('watch requests are served by the streaming front')
          const list = api.list(def, namespace, {
            labelSelector: query['labelSelector'],
            fieldSelector: query['fieldSelector'],
          })
          return this.objects(request, def, list.items, list.resourceVersion, true)
        }
        if (subresource === 'log') return this.logs(def, namespace, name, query)
        const object = api.get(def, namespace, name)
        if (subresource === 'scale') return json(200, scaleOf(object))
        return this.objects(request, def, [object], object.metadata.resourceVersion!, false)
      }
      case 'POST': {
        if (name === undefined) {
          const created = api.create(
            def,
            namespace,
            request.body as KubeObject,
            query['dryRun'] === 'All',
          )
          return json(201, created)
        }
        if (subresource === 'binding') return this.bind(namespace!, name, request.body)
        if (subresource === 'eviction') return this.evict(def, namespace!, name)
        throw errors.methodNotAllowed('POST', def.resource)
      }
      case 'PUT': {
        if (name === undefined) throw errors.methodNotAllowed('PUT', def.resource)
        if (subresource === 'scale')
          return json(200, this.setScale(def, namespace, name, request.body))
        const body = request.body as KubeObject
        if (body?.metadata?.name !== undefined && body.metadata.name !== name) {
          throw errors.badRequest(
            'the name of the object (' +
              body.metadata.name +
              ') does not match the name on the URL (' +
              name +
              ')',
          )
        }
        const updated = api.update(
          def,
          namespace,
          { ...body, metadata: { ...body?.metadata, name } },
          subresource === 'status' || subresource === 'finalize' ? subresource : undefined,
        )
        return json(200, updated)
      }
      case 'PATCH': {
        if (name === undefined) throw errors.methodNotAllowed('PATCH', def.resource)
        const type =
          PATCH_CONTENT_TYPES[(request.headers?.['content-type'] ?? '').split(';')[0]!.trim()]
        if (type === undefined) {
          return {
            status: 415,
            headers: JSON_HEADERS,
            body: errors.badRequest('the body of the request was in an unknown format').status,
            latencyMs: 0,
          }
        }
        if (subresource === 'scale') {
          const replicas = (request.body as { spec?: { replicas?: number } })?.spec?.replicas
          return json(200, this.setScale(def, namespace, name, { spec: { replicas } }))
        }
        return json(
          200,
          api.patch(
            def,
            namespace,
            name,
            request.body,
            type,
            subresource === 'status' ? 'status' : undefined,
          ),
        )
      }
      case 'DELETE': {
        const options = deleteOptions(query, request.body)
        if (name === undefined) {
          const list = api.list(def, namespace, {
            labelSelector: query['labelSelector'],
            fieldSelector: query['fieldSelector'],
          })
          const items = list.items.map(
            (o) => api.delete(def, o.metadata.namespace, o.metadata.name!, options).object,
          )
          return json(200, {
            kind: `${def.kind}List`,
            apiVersion: apiVersionOf(def),
            metadata: { resourceVersion: String(api.revision) },
            items,
          })
        }
        const { object, gone } = api.delete(def, namespace, name, options)
        // Pods and objects still terminating come back as themselves; others as a Status.
        if (def.kind === 'Pod' || !gone) return json(200, object)
        return json(
          200,
          success({
            name,
            ...(def.group === '' ? {} : { group: def.group }),
            kind: def.resource,
            uid: object.metadata.uid!,
          }),
        )
      }
    }
  }

  private objects(
    request: ApiRequest,
    def: ResourceDef,
    items: KubeObject[],
    resourceVersion: string,
    isList: boolean,
  ): ApiResponse {
    const accept = request.headers?.['accept'] ?? ''
    if (accept.includes('as=Table')) {
      const include = (request.query?.['includeObject'] as IncludeObject | undefined) ?? 'Metadata'
      return json(
        200,
        toTable(
          def.kind,
          items,
          { nowMs: this.clock.nowMs },
          { resourceVersion, includeObject: include },
        ),
      )
    }
    if (!isList) return json(200, items[0])
    return json(200, {
      kind: `${def.kind}List`,
      apiVersion: apiVersionOf(def),
      metadata: { resourceVersion },
      items,
    })
  }

  /** GET only; the answer carries the deprecation warning (componentStatus.ts). */
  private componentStatuses(
    request: ApiRequest,
    def: ResourceDef,
    name: string | undefined,
  ): ApiResponse {
    // The deprecation warning comes with every answer, errors included.
    const warned = (response: ApiResponse): ApiResponse => ({
      ...response,
      headers: { ...response.headers, warning: COMPONENT_STATUS_WARNING },
    })
    const all = this.hooks.componentStatuses?.() ?? []
    const items = name === undefined ? all : all.filter((cs) => cs.metadata.name === name)
    const error =
      request.method !== 'GET'
        ? errors.methodNotAllowed(request.method, def.resource)
        : name !== undefined && items.length === 0
          ? errors.notFound(def.resource, '', name)
          : undefined
    if (error !== undefined)
      return warned({ status: error.code, headers: JSON_HEADERS, body: error.status, latencyMs: 0 })
    return warned(this.objects(request, def, items, '', name === undefined))
  }

  private logs(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    query: Record<string, string>,
  ): ApiResponse {
    const pod = this.apiserver.get(def, namespace, name) as Pod
    const containers = pod.spec.containers.map((c) => c.name)
    const container = query['container'] ?? (containers.length === 1 ? containers[0] : undefined)
    if (container === undefined) {
      throw errors.badRequest(
        `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`,
      )
    }
    if (!containers.includes(container))
      throw errors.badRequest(`container ${container} is not valid for pod ${name}`)
    const tail = query['tailLines'] === undefined ? undefined : Number(query['tailLines'])
    let text: string
    try {
      text =
        this.hooks.podLogs?.(pod, {
          container,
          ...(tail === undefined ? {} : { tailLines: tail }),
          previous: query['previous'] === 'true',
        }) ?? ''
    } catch (error) {
      // What the kubelet answered (or why it could not be reached) comes back reason-less, as
      // the API server's proxy passes it through.
      if (!(error instanceof Error)) throw error
      throw errors.storage(error.message)
    }
    return { status: 200, headers: TEXT_HEADERS, body: text, latencyMs: 0 }
  }

  private bind(namespace: string, name: string, body: unknown): ApiResponse {
    const target = (body as { target?: { name?: string } } | undefined)?.target?.name
    if (target === undefined || target === '') {
      throw errors.invalid('Binding', '', name, [field.required('target.name', '')])
    }
    this.apiserver.bindPod(namespace, name, target)
    return json(201, success(undefined))
  }

  private evict(def: ResourceDef, namespace: string, name: string): ApiResponse {
    this.apiserver.delete(def, namespace, name, {})
    return json(201, success(undefined))
  }

  private setScale(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    body: unknown,
  ): unknown {
    const replicas = (body as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw errors.invalid('Scale', 'autoscaling', name, [])
    }
    const object = this.apiserver.patch(def, namespace, name, { spec: { replicas } }, 'merge')
    return scaleOf(object)
  }

  private health(endpoint: HealthEndpoint, request: ApiRequest): ApiResponse {
    const verbose = request.query?.['verbose'] !== undefined
    const report = healthReport(endpoint, this.hooks.failingChecks?.() ?? new Set(), verbose)
    return { status: report.status, headers: TEXT_HEADERS, body: report.body, latencyMs: 0 }
  }
}

function json(status: number, body: unknown): ApiResponse {
  return { status, headers: JSON_HEADERS, body, latencyMs: 0 }
}

function scaleOf(object: KubeObject): unknown {
  const spec = object['spec'] as {
    replicas?: number
    selector?: { matchLabels?: Record<string, string> }
  }
  const status = object['status'] as { replicas?: number } | undefined
  const selector = Object.entries(spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
      creationTimestamp: object.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status?.replicas ?? 0, selector },
  }
}

function deleteOptions(query: Record<string, string>, body: unknown): DeleteOptions {
  const fromBody = (typeof body === 'object' && body !== null ? body : {}) as DeleteOptions
  const grace = query['gracePeriodSeconds'] ?? fromBody.gracePeriodSeconds
  const policy = query['propagationPolicy'] ?? fromBody.propagationPolicy
  return {
    ...(grace === undefined ? {} : { gracePeriodSeconds: Number(grace) }),
    ...(policy === undefined
      ? {}
      : { propagationPolicy: policy as DeleteOptions['propagationPolicy'] }),
    ...(fromBody.preconditions ? { preconditions: fromBody.preconditions } : {}),
  }
}

/**
 * /api/v1/namespaces/default/pods/web/log → pods, default, web, log.
 * /api/v1/namespaces/default → the namespace "default" itself.
 */
export function parseResourcePath(path: string): RouteTarget | undefined {
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/v1)\/(.*)$/.exec(path)
  if (m === null) return undefined
  const group = m[1] ?? ''
  const parts = m[2]!.split('/').filter((p) => p !== '')
  const known = (resource: string): ResourceDef | undefined => findResource(group, resource)
  let namespace: string | undefined
  if (parts[0] === 'namespaces' && parts.length >= 3 && known(parts[2]!)?.namespaced) {
    namespace = parts[1]
    parts.splice(0, 2)
  }
  const [resource, name, subresource, ...extra] = parts
  const def = resource === undefined ? undefined : known(resource)
  if (def === undefined || extra.length > 0) return undefined
  if (!def.namespaced && namespace !== undefined) return undefined
  return { def, namespace, name, subresource }
}
