/**
 * `kubectl cluster-info` (KUBECTL-WIRE.md §3.20): the control plane's URL and one line per
 * kube-system Service labelled kubernetes.io/cluster-service=true, with its API proxy URL.
 * kubectl colours the names only on a terminal it detects; the lab prints them plain.
 */
import type { Service } from '../../../api/types'
import { findResource } from '../../../apiserver/resources'
import { KubectlError } from '../errors'
import type { KubectlVerb } from '../verb'
import { listObjects } from './request'

const FOOTER =
  "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"

export const clusterInfoVerb: KubectlVerb = {
  name: 'cluster-info',
  flags: [],
  run(inv) {
    if (inv.args[0] === 'dump') {
      throw new KubectlError('error: kubectl cluster-info dump is not available in KubeLab')
    }
    let lines = ''
    try {
      inv.api.discover()
      const services = listObjects<Service>(inv.api, findResource('', 'services')!, 'kube-system', {
        labelSelector: 'kubernetes.io/cluster-service=true',
      }).items
      lines += `Kubernetes control plane is running at ${inv.api.serverUrl}\n`
      for (const service of services) {
        lines += `${service.metadata.labels?.['kubernetes.io/name'] ?? service.metadata.name} is running at ${proxyUrl(inv.api.serverUrl, service)}\n`
      }
    } finally {
      // kubectl prints the hint even when the server could not be reached.
      inv.io.out(lines + FOOTER)
    }
    return 0
  },
}

/** <server>/api/v1/namespaces/NS/services/[scheme:]NAME:PORT-NAME/proxy (JoinSchemeNamePort). */
function proxyUrl(server: string, service: Service): string {
  let name = service.metadata.name!
  const port = service.spec.ports?.[0]
  if (port !== undefined) {
    const scheme = port.name === 'https' || port.port === 443 ? 'https' : ''
    const portName = port.name ?? ''
    if (scheme !== '') name = `${scheme}:${name}:${portName}`
    else if (portName !== '') name = `${name}:${portName}`
  }
  return `${server}/api/v1/namespaces/${service.metadata.namespace}/services/${name}/proxy`
}
