/**
 * The Service environment variables the kubelet gives every container (pkg/kubelet/envvars
 * FromServices and the kubelet's getServiceEnvVarMap, v1.32): for `kubernetes` in `default`
 * always, and for each Service of the pod's namespace while spec.enableServiceLinks is true (its
 * default). Only Services that existed when the container was created are there: that is why
 * DNS, not these variables, is the way to find a Service created later.
 *
 *   WEB_SERVICE_HOST=10.96.45.2  WEB_SERVICE_PORT=80  WEB_SERVICE_PORT_HTTP=80
 *   WEB_PORT=tcp://10.96.45.2:80  WEB_PORT_80_TCP=tcp://10.96.45.2:80
 *   WEB_PORT_80_TCP_PROTO=tcp  WEB_PORT_80_TCP_PORT=80  WEB_PORT_80_TCP_ADDR=10.96.45.2
 */
import type { Service } from '../api/types'

/** Services whose variables the kubelet always adds, whatever enableServiceLinks says. */
const MASTER_SERVICES = ['kubernetes']

/** makeEnvVariableName: "my-web" → "MY_WEB". */
function envName(name: string): string {
  return name.replace(/-/g, '_').toUpperCase()
}

function hasClusterIP(service: Service): boolean {
  const ip = service.spec.clusterIP
  return ip !== undefined && ip !== '' && ip !== 'None'
}

/** FromServices: each Service's variables, in the order the kubelet writes them. */
function fromService(service: Service): [string, string][] {
  const prefix = envName(service.metadata.name ?? '')
  const ip = service.spec.clusterIP!
  const ports = service.spec.ports ?? []
  if (ports.length === 0) return []
  const out: [string, string][] = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(ports[0]!.port)],
  ]
  for (const p of ports)
    if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)])
  // The Docker-link variables; Docker special-cases the first port.
  ports.forEach((p, i) => {
    const protocol = (p.protocol ?? 'TCP').toLowerCase()
    const url = `${protocol}://${ip}:${p.port}`
    if (i === 0) out.push([`${prefix}_PORT`, url])
    const portPrefix = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`
    out.push(
      [portPrefix, url],
      [`${portPrefix}_PROTO`, protocol],
      [`${portPrefix}_PORT`, String(p.port)],
      [`${portPrefix}_ADDR`, ip],
    )
  })
  return out
}

/**
 * getServiceEnvVarMap: the variables a container of a pod in `namespace` gets, Services taken in
 * name order (the kubelet walks a map, whose order Go leaves random).
 */
export function serviceEnv(
  services: readonly Service[],
  namespace: string,
  enableServiceLinks: boolean,
): Map<string, string> {
  const chosen = new Map<string, Service>()
  for (const s of services) {
    if (!hasClusterIP(s)) continue
    const name = s.metadata.name ?? ''
    if (s.metadata.namespace === 'default' && MASTER_SERVICES.includes(name)) {
      if (!chosen.has(name)) chosen.set(name, s)
    } else if (s.metadata.namespace === namespace && enableServiceLinks) chosen.set(name, s)
  }
  const sorted = [...chosen.values()].sort((a, b) =>
    (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1,
  )
  return new Map(sorted.flatMap(fromService))
}
