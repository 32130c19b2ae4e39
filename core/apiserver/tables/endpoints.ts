/**
 * Endpoints and EndpointSlice rows: printEndpoints with formatEndpoints, and printEndpointSlice
 * with formatDiscoveryPorts and formatDiscoveryEndpoints, in kubernetes
 * pkg/printers/internalversion/printers.go (v1.32).
 *
 * formatEndpoints shows at most three "ip:port" pairs (addresses × ports, ready addresses only),
 * then " + N more..." where N counts every pair not shown; a headless subset without ports
 * shows bare IPs. No subsets at all prints "<none>", and a subset list with no ready address
 * prints "" (as upstream).
 */
import type { EndpointSlice, Endpoints } from '../../api/types'
import { ENDPOINT_SLICE, MISC } from './docs'
import { age, ageColumn, listWithMore, nameColumn, printer } from './format'
import { column } from './table'

const MAX = 3

/** net.JoinHostPort: IPv6 addresses go in brackets. */
const joinHostPort = (ip: string, port: number): string =>
  ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`

/** formatEndpoints(endpoints, nil), loop for loop. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? []
  if (subsets.length === 0) return '<none>'
  const list: string[] = []
  let more = false
  let count = 0
  const take = (text: string): boolean => {
    if (list.length === MAX) {
      more = true
      return false
    }
    list.push(text)
    return true
  }
  for (const subset of subsets) {
    const addresses = subset.addresses ?? []
    const ports = subset.ports ?? []
    if (ports.length === 0) {
      // A headless service may have no ports.
      count += addresses.length
      for (const address of addresses) if (!take(address.ip)) break
      continue
    }
    for (const port of ports) {
      count += addresses.length
      for (const address of addresses) if (!take(joinHostPort(address.ip, port.port))) break
    }
  }
  const text = list.join(',')
  return more ? `${text} + ${count - MAX} more...` : text
}

/** formatDiscoveryPorts: the port number, else its name, else "*". */
function formatSlicePorts(slice: EndpointSlice): string {
  return listWithMore(
    (slice.ports ?? []).map((p) =>
      p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'),
    ),
  )
}

/** formatDiscoveryEndpoints: every address of every endpoint, ready or not. */
function formatSliceEndpoints(slice: EndpointSlice): string {
  return listWithMore((slice.endpoints ?? []).flatMap((e) => e.addresses ?? []))
}

export const ENDPOINTS_PRINTER = printer<Endpoints>(
  [nameColumn(), column('Endpoints', MISC.endpointsSubsets), ageColumn()],
  (endpoints, context) => [
    endpoints.metadata.name ?? '',
    formatEndpoints(endpoints),
    age(endpoints.metadata.creationTimestamp, context),
  ],
)

export const ENDPOINT_SLICE_PRINTER = printer<EndpointSlice>(
  [
    nameColumn(),
    column('AddressType', ENDPOINT_SLICE.addressType),
    column('Ports', ENDPOINT_SLICE.ports),
    column('Endpoints', ENDPOINT_SLICE.endpoints),
    ageColumn(),
  ],
  (slice, context) => [
    slice.metadata.name ?? '',
    slice.addressType ?? '',
    formatSlicePorts(slice),
    formatSliceEndpoints(slice),
    age(slice.metadata.creationTimestamp, context),
  ],
)
