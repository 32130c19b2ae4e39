/**
 * `kubectl describe` for services, namespaces, ConfigMaps and Secrets, and describe.go's
 * genericDescriber for every other kind (each field of the object, labels made readable).
 */
import type {
  ConfigMap,
  EndpointSlice,
  Event,
  KubeObject,
  Namespace,
  Secret,
  Service,
} from '../../../../api/types'
import { formatLabels } from '../../print/table'
import {
  printAnnotations,
  printEvents,
  printLabels,
  type DescribeContext,
  PrefixWriter,
} from './writer'

export function describeService(
  service: Service,
  slices: EndpointSlice[],
  events: Event[] | undefined,
  context: DescribeContext,
): string {
  const w = new PrefixWriter()
  const spec = service.spec
  w.write(0, `Name:\t${service.metadata.name}\n`)
  w.write(0, `Namespace:\t${service.metadata.namespace}\n`)
  printLabels(w, 'Labels', service.metadata.labels)
  printAnnotations(w, 'Annotations', service.metadata.annotations)
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`)
  w.write(0, `Type:\t${spec.type ?? ''}\n`)
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`)
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`)
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`)
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`)
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`)
  for (const port of spec.ports ?? []) {
    const name = port.name || '<unset>'
    const protocol = port.protocol ?? 'TCP'
    w.write(0, `Port:\t${name}\t${port.port}/${protocol}\n`)
    w.write(0, `TargetPort:\t${port.targetPort ?? port.port}/${protocol}\n`)
    if (port.nodePort) w.write(0, `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`)
    w.write(0, `Endpoints:\t${endpointsText(slices, port.name ?? '')}\n`)
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`)
  if (spec.externalTrafficPolicy)
    w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`)
  if (spec.internalTrafficPolicy)
    w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`)
  if (events !== undefined) printEvents(w, events, context)
  return w.toString()
}

/** formatEndpointSlices: ready "ip:port" for the named port, three at most, then "+ N more...". */
export function endpointsText(slices: EndpointSlice[], portName: string): string {
  if (slices.length === 0) return '<none>'
  const list: string[] = []
  let count = 0
  for (const slice of slices) {
    for (const port of (slice.ports ?? []).filter((p) => (p.name ?? '') === portName)) {
      for (const endpoint of slice.endpoints) {
        if (endpoint.conditions?.ready === false) continue
        if (list.length < 3) list.push(`${endpoint.addresses[0]}:${port.port}`)
        count++
      }
    }
  }
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',')
}

export function describeNamespace(namespace: Namespace): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${namespace.metadata.name}\n`)
  printLabels(w, 'Labels', namespace.metadata.labels)
  printAnnotations(w, 'Annotations', namespace.metadata.annotations)
  w.write(0, `Status:\t${namespace.status?.phase ?? ''}\n`)
  // A kubeadm cluster serves ResourceQuotas and LimitRanges; the lab has none of either.
  w.write(0, '\nNo resource quota.\n')
  w.write(0, '\nNo LimitRange resource.\n')
  return w.toString()
}

export function describeConfigMap(
  configMap: ConfigMap,
  events: Event[] | undefined,
  context: DescribeContext,
): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${configMap.metadata.name}\n`)
  w.write(0, `Namespace:\t${configMap.metadata.namespace}\n`)
  printLabels(w, 'Labels', configMap.metadata.labels)
  printAnnotations(w, 'Annotations', configMap.metadata.annotations)
  w.write(0, '\nData\n====\n')
  for (const key of Object.keys(configMap.data ?? {}).sort()) {
    w.write(0, `${key}:\n----\n`)
    w.write(0, `${configMap.data![key]}\n`)
    w.write(0, '\n')
  }
  w.write(0, '\nBinaryData\n====\n')
  w.write(0, '\n')
  if (events !== undefined) printEvents(w, events, context)
  return w.toString()
}

export function describeSecret(secret: Secret): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${secret.metadata.name}\n`)
  w.write(0, `Namespace:\t${secret.metadata.namespace}\n`)
  printLabels(w, 'Labels', secret.metadata.labels)
  printAnnotations(w, 'Annotations', secret.metadata.annotations)
  w.write(0, `\nType:\t${secret.type ?? 'Opaque'}\n`)
  w.write(0, '\nData\n====\n')
  for (const key of Object.keys(secret.data ?? {}).sort()) {
    w.write(0, `${key}:\t${base64Length(secret.data![key]!)} bytes\n`)
  }
  return w.toString()
}

function base64Length(text: string): number {
  const clean = text.replace(/=+$/, '')
  return Math.floor((clean.length * 3) / 4)
}

const SKIPPED = [
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
]

/** genericDescriber: Name, Namespace, Labels, Annotations, then every other field, sorted. */
export function describeGeneric(
  object: KubeObject,
  events: Event[] | undefined,
  context: DescribeContext,
): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${object.metadata.name}\n`)
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ''}\n`)
  printLabels(w, 'Labels', object.metadata.labels)
  printAnnotations(w, 'Annotations', object.metadata.annotations)
  printContent(w, 0, object as unknown as Record<string, unknown>, '')
  if (events !== undefined) printEvents(w, events, context)
  return w.toString()
}

function printContent(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
) {
  for (const field of Object.keys(content).sort()) {
    const value = content[field]
    const path = `${prefix}.${field}`
    if (SKIPPED.includes(path)) continue
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`)
      for (const child of value) {
        if (typeof child === 'object' && child !== null && !Array.isArray(child))
          printContent(w, level + 1, child as Record<string, unknown>, path)
        else w.write(level + 1, `${String(child)}\n`)
      }
    } else if (typeof value === 'object' && value !== null) {
      w.write(level, `${smartLabel(field)}:\n`)
      printContent(w, level + 1, value as Record<string, unknown>, path)
    } else w.write(level, `${smartLabel(field)}:\t${value === null ? '<nil>' : String(value)}\n`)
  }
}

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID']

/** smartLabelFor: "holderIdentity" → "Holder Identity", "apiVersion" → "API Version". */
export function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|-+/g) ?? [field]
  return parts
    .map((p) =>
      ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1),
    )
    .join(' ')
}
