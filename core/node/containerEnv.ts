/**
 * A container's environment as the kubelet builds it before creating the container
 * (kubelet_pods.go makeEnvironmentVariables, v1.32):
 *
 * 1. envFrom, in order: every key of a ConfigMap or Secret, with the source's prefix.
 * 2. env, in order: a value with its $(VAR) references expanded (from the variables so far, then
 *    the Service variables), or a valueFrom resolved: a ConfigMap or Secret key, a field of the
 *    pod (fieldRef) or a resource of the container (resourceFieldRef).
 * 3. The Service variables (serviceEnv.ts) not set by 1 or 2.
 *
 * A missing ConfigMap, Secret or key that is not `optional` is an error: the container is not
 * created, and the kubelet reports CreateContainerConfigError with that message.
 */
import { milliValueOrZero } from '../api/quantity'
import type { Container, Pod, Service } from '../api/types'
import { serviceEnv } from './serviceEnv'

export type SourceKind = 'configmap' | 'secret'

/** What the kubelet reads to build an environment: its caches of the API server's objects. */
export interface EnvSources {
  /** A ConfigMap's or Secret's data (a Secret's decoded), or undefined when it does not exist. */
  data(kind: SourceKind, namespace: string, name: string): Record<string, string> | undefined
  services(): readonly Service[]
  /** The node's allocatable CPU and memory, in thousandths: resourceFieldRef's default limits. */
  allocatableMilli(): { cpu: number; memory: number }
}

export type EnvResult = { env: Record<string, string> } | { error: string }

interface KeyRef {
  name?: string
  key: string
  optional?: boolean
}

interface EnvVarSource {
  configMapKeyRef?: KeyRef
  secretKeyRef?: KeyRef
  fieldRef?: { fieldPath: string }
  resourceFieldRef?: { containerName?: string; resource: string; divisor?: string }
}

interface EnvFromSource {
  prefix?: string
  configMapRef?: { name?: string; optional?: boolean }
  secretRef?: { name?: string; optional?: boolean }
}

/** The kubelet's words for a ConfigMap or Secret that does not exist. */
export function notFound(kind: SourceKind, name: string): string {
  return `${kind} "${name}" not found`
}

/** Thrown inside and turned into the result: the message the kubelet reports. */
class ConfigError extends Error {}

/** What EnvSources throw when they cannot tell (the API server out of reach). */
export class EnvSourceError extends Error {}

export function containerEnv(
  pod: Pod,
  container: Container,
  podIP: string,
  hostIP: string,
  sources: EnvSources,
): EnvResult {
  const namespace = pod.metadata.namespace ?? 'default'
  const services = serviceEnv(sources.services(), namespace, pod.spec.enableServiceLinks !== false)
  const env = new Map<string, string>()
  // Each object is read once, however many variables refer to it (the kubelet keeps a cache).
  const read = new Map<string, Record<string, string> | undefined>()
  const lookup = (kind: SourceKind, name: string, optional = false) => {
    const key = `${kind}/${name}`
    if (!read.has(key)) read.set(key, sources.data(kind, namespace, name))
    const data = read.get(key)
    if (data === undefined && !optional) throw new ConfigError(notFound(kind, name))
    return data
  }
  try {
    const spec = container as Container & { envFrom?: EnvFromSource[] }
    for (const from of spec.envFrom ?? []) {
      const ref = from.configMapRef ?? from.secretRef
      const kind = from.configMapRef !== undefined ? 'configmap' : 'secret'
      const data = ref === undefined ? undefined : lookup(kind, ref.name ?? '', ref.optional)
      for (const [key, value] of Object.entries(data ?? {}))
        env.set(`${from.prefix ?? ''}${key}`, value)
    }
    for (const e of container.env ?? []) {
      const from = (e as { valueFrom?: EnvVarSource }).valueFrom
      if (from === undefined) {
        env.set(
          e.name,
          expand(e.value ?? '', (name) => env.get(name) ?? services.get(name)),
        )
        continue
      }
      const value = resolve(pod, container, from, { podIP, hostIP, sources, lookup, namespace })
      if (value !== undefined) env.set(e.name, value)
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EnvSourceError)
      return { error: error.message }
    throw error
  }
  for (const [name, value] of services) if (!env.has(name)) env.set(name, value)
  return { env: Object.fromEntries(env) }
}

interface Resolving {
  podIP: string
  hostIP: string
  namespace: string
  sources: EnvSources
  lookup(kind: SourceKind, name: string, optional?: boolean): Record<string, string> | undefined
}

/** A valueFrom's value; undefined for an optional reference that is missing. */
function resolve(
  pod: Pod,
  container: Container,
  from: EnvVarSource,
  r: Resolving,
): string | undefined {
  const keyRef = from.configMapKeyRef ?? from.secretKeyRef
  if (keyRef !== undefined) {
    const kind = from.configMapKeyRef !== undefined ? 'configmap' : 'secret'
    const data = r.lookup(kind, keyRef.name ?? '', keyRef.optional)
    if (data === undefined) return undefined
    const value = data[keyRef.key]
    if (value === undefined && keyRef.optional !== true) {
      const kindName = kind === 'configmap' ? 'ConfigMap' : 'Secret'
      throw new ConfigError(
        `couldn't find key ${keyRef.key} in ${kindName} ${r.namespace}/${keyRef.name ?? ''}`,
      )
    }
    return value
  }
  if (from.fieldRef !== undefined) return fieldValue(pod, from.fieldRef.fieldPath, r)
  if (from.resourceFieldRef !== undefined)
    return resourceValue(container, from.resourceFieldRef, r.sources.allocatableMilli())
  return undefined
}

/** podFieldSelectorRuntimeValue: the downward API's fields of the pod. */
function fieldValue(pod: Pod, path: string, r: Resolving): string {
  const meta = pod.metadata
  const indexed = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path)
  if (indexed !== null)
    return (meta[indexed[1] as 'labels' | 'annotations'] ?? {})[indexed[2]!] ?? ''
  const fields: Record<string, string | undefined> = {
    'metadata.name': meta.name,
    'metadata.namespace': meta.namespace,
    'metadata.uid': meta.uid,
    'spec.nodeName': pod.spec.nodeName,
    'spec.serviceAccountName': pod.spec.serviceAccountName,
    'status.hostIP': r.hostIP,
    'status.hostIPs': r.hostIP,
    'status.podIP': r.podIP,
    'status.podIPs': r.podIP,
  }
  if (!(path in fields)) throw new ConfigError(`unsupported fieldPath: ${path}`)
  return fields[path] ?? ''
}

/**
 * ExtractContainerResourceValue: a request or limit divided by the divisor (1 by default) and
 * rounded up; limits not set are the node's allocatable.
 */
function resourceValue(
  container: Container,
  ref: { resource: string; divisor?: string },
  allocatableMilli: { cpu: number; memory: number },
): string {
  const [kind, resource] = ref.resource.split('.') as ['limits' | 'requests', string]
  const given = container.resources?.[kind]?.[resource]
  let milli = milliValueOrZero(given)
  if (given === undefined && kind === 'limits')
    milli = resource === 'cpu' ? allocatableMilli.cpu : allocatableMilli.memory
  const divisor = milliValueOrZero(ref.divisor) || 1000
  return String(Math.ceil(milli / divisor))
}

/**
 * third_party/forked/golang/expansion: $(VAR) becomes VAR's value when VAR is known, and stays
 * as written when it is not; $$ is a literal $.
 */
export function expand(text: string, lookup: (name: string) => string | undefined): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c !== '$' || i + 1 >= text.length) {
      out += c
      continue
    }
    const next = text[i + 1]!
    if (next === '$') {
      out += '$'
      i++
    } else if (next === '(') {
      const close = text.indexOf(')', i + 2)
      if (close < 0) {
        out += text.slice(i)
        break
      }
      const name = text.slice(i + 2, close)
      out += lookup(name) ?? `$(${name})`
      i = close
    } else out += c
  }
  return out
}
