/**
 * The objects `kubectl create deployment|namespace|configmap|secret|service` and `kubectl run`
 * build, field for field as kubectl's generators do: `--dry-run=client -o yaml` prints exactly
 * these (creationTimestamp: null, resources: {}, strategy: {}, status: {} included), and the
 * learner often saves them as the start of a manifest.
 */
import { base64Encode } from '../../../apiserver/strategies/base64'
import type { KubeObject } from '../../../api/types'
import { clientError } from '../errors'

/** kubectl's container name for an image: "registry.k8s.io/pause:3.9" → "pause". */
export function containerNameOf(image: string): string {
  const last = image.slice(image.lastIndexOf('/') + 1)
  return last.replace(/@.*$/, '').replace(/:.*$/, '')
}

/** Generated metadata: kubectl's generators leave creationTimestamp as an explicit null. */
function meta(
  name: string,
  namespace: string | undefined,
  labels?: Record<string, string>,
): KubeObject['metadata'] {
  const metadata = {
    creationTimestamp: null,
    ...(labels === undefined ? {} : { labels }),
    name,
    ...(namespace === undefined ? {} : { namespace }),
  }
  return metadata as unknown as KubeObject['metadata']
}

export function deploymentFor(
  name: string,
  namespace: string | undefined,
  images: readonly string[],
  replicas: number,
  port: number | undefined,
): KubeObject {
  const labels = { app: name }
  const containers = images.map((image) => ({
    image,
    name: containerNameOf(image),
    ...(port === undefined || port < 0 ? {} : { ports: [{ containerPort: port }] }),
    resources: {},
  }))
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, namespace, labels),
    spec: {
      replicas,
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
    },
    status: {},
  }
}

export function namespaceFor(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name, undefined),
    spec: {},
    status: {},
  }
}

/** --from-literal=k=v and --from-file=[key=]path, as configmap and secret read them. */
export interface DataSources {
  literals: readonly string[]
  files: readonly string[]
  read(path: string): string | undefined
}

function collectData(sources: DataSources): Record<string, string> {
  const data: Record<string, string> = {}
  for (const literal of sources.literals) {
    const eq = literal.indexOf('=')
    if (eq <= 0) throw clientError(`invalid literal source ${literal}, expected key=value`)
    data[literal.slice(0, eq)] = literal.slice(eq + 1)
  }
  for (const spec of sources.files) {
    const eq = spec.indexOf('=')
    const path = eq < 0 ? spec : spec.slice(eq + 1)
    const key = eq < 0 ? path.slice(path.lastIndexOf('/') + 1) : spec.slice(0, eq)
    const text = sources.read(path)
    if (text === undefined) throw clientError(`error reading ${path}: no such file or directory`)
    data[key] = text
  }
  return data
}

export function configMapFor(
  name: string,
  namespace: string | undefined,
  sources: DataSources,
): KubeObject {
  const data = collectData(sources)
  return {
    apiVersion: 'v1',
    ...(Object.keys(data).length === 0 ? {} : { data }),
    kind: 'ConfigMap',
    metadata: meta(name, namespace),
  }
}

export function secretFor(
  name: string,
  namespace: string | undefined,
  sources: DataSources,
  type: string | undefined,
): KubeObject {
  const plain = collectData(sources)
  const data = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, base64Encode(v)]))
  return {
    apiVersion: 'v1',
    ...(Object.keys(data).length === 0 ? {} : { data }),
    kind: 'Secret',
    metadata: meta(name, namespace),
    ...(type === undefined || type === '' ? {} : { type }),
  }
}

/** `--tcp=80:8080` → one port named "80-8080" (kubectl names each port after its spec). */
export function servicePorts(tcp: readonly string[], nodePort: number | undefined): unknown[] {
  return tcp.map((spec) => {
    const [portText, targetText] = spec.split(':') as [string, string | undefined]
    const port = parseUint(portText)
    const target = targetText === undefined ? port : intOrString(targetText)
    return {
      name: spec.replace(/:/g, '-'),
      ...(nodePort === undefined || nodePort === 0 ? {} : { nodePort }),
      port,
      protocol: 'TCP',
      targetPort: target,
    }
  })
}

function parseUint(text: string): number {
  if (!/^\d+$/.test(text))
    throw clientError(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`)
  return Number(text)
}

function intOrString(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text
}

export function serviceFor(
  name: string,
  namespace: string | undefined,
  type: 'ClusterIP' | 'NodePort',
  ports: unknown[],
): KubeObject {
  const labels = { app: name }
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, namespace, labels),
    spec: { ports, selector: labels, type },
    status: { loadBalancer: {} },
  }
}
