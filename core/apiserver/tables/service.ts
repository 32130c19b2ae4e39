/**
 * Service rows: printService, getServiceExternalIP, loadBalancerStatusStringer and
 * makePortString in kubernetes pkg/printers/internalversion/printers.go (v1.32); FIDELITY.md §2.8.
 *
 * The apiserver prints with GenerateOptions{Wide: true} (pkg/printers/storage), so a long
 * load-balancer EXTERNAL-IP is never clipped to 16 characters here; only kubectl-side printing
 * of old servers did that.
 */
import type { Service } from '../../api/types'
import { SERVICE_SPEC } from './docs'
import { age, ageColumn, byteOrder, formatLabels, nameColumn, printer } from './format'
import { column } from './table'

type ServiceWithStatus = Service & {
  spec: { externalIPs?: string[] }
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } }
}

/** loadBalancerStatusStringer(wide=true): each ingress IP, else hostname; unique and sorted. */
function loadBalancerIPs(service: ServiceWithStatus): string[] {
  const found = new Set<string>()
  for (const ingress of service.status?.loadBalancer?.ingress ?? []) {
    if (ingress.ip) found.add(ingress.ip)
    else if (ingress.hostname) found.add(ingress.hostname)
  }
  return [...found].sort(byteOrder)
}

/** getServiceExternalIP. */
export function externalIP(service: ServiceWithStatus): string {
  const externalIPs = service.spec.externalIPs ?? []
  switch (service.spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>'
    case 'LoadBalancer': {
      const ips = [...loadBalancerIPs(service), ...externalIPs]
      return ips.length > 0 ? ips.join(',') : '<pending>'
    }
    case 'ExternalName':
      return service.spec.externalName ?? ''
  }
  return '<unknown>'
}

/** makePortString: "port/proto", or "port:nodePort/proto", joined with ","; "<none>" if empty. */
export function portString(service: Service): string {
  const pieces = (service.spec.ports ?? []).map((p) =>
    p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`,
  )
  return pieces.length === 0 ? '<none>' : pieces.join(',')
}

export const SERVICE_PRINTER = printer<ServiceWithStatus>(
  [
    nameColumn(),
    column('Type', SERVICE_SPEC.type),
    column('Cluster-IP', SERVICE_SPEC.clusterIP),
    column('External-IP', SERVICE_SPEC.externalIPs),
    column('Port(s)', SERVICE_SPEC.ports),
    ageColumn(),
    column('Selector', SERVICE_SPEC.selector, 1),
  ],
  (service, context) => [
    service.metadata.name ?? '',
    service.spec.type ?? '',
    service.spec.clusterIPs?.[0] ?? '<none>',
    externalIP(service),
    portString(service),
    age(service.metadata.creationTimestamp, context),
    formatLabels(service.spec.selector),
  ],
)
