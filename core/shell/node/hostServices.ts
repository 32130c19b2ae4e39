/**
 * Who answers on a node's own addresses, for curl: the cluster's directory (hostNetwork
 * containers: kube-proxy's health port, Weave's status…) completed with what the simulation runs
 * outside containers or answers itself — sshd on 22, the kubelet's healthz (127.0.0.1:10248) and
 * API (10250), the API server's health and version endpoints on 6443 (through its REST handler,
 * so /readyz?verbose reports etcd as the handler sees it), etcd's metrics port 2381.
 *
 * Responses with status 0 mean "not HTTP" (sshd's banner); curl.ts words them.
 */
import type { KubernetesCluster } from '../../kubernetes/cluster'
import type { HttpRequest, HttpResponse } from '../../node/program'
import type { HostListener, NetworkDirectory } from '../../network/directory'
import { mainProcess } from './units'

/** Ports served over TLS, and by whom (the name is only for the certificate check). */
export const TLS_PORTS: ReadonlySet<number> = new Set([6443, 10250, 10257, 10259, 2379, 2380])

const SSH_BANNER = 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n'
const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' }
const JSON_TYPE = { 'Content-Type': 'application/json' }

function text(status: number, body: string): HttpResponse {
  return { status, body, headers: TEXT }
}

function apiserver(
  cluster: KubernetesCluster,
  machine: string,
  request: HttpRequest,
): HttpResponse {
  const [path = '/', queryText = ''] = request.path.split('?')
  const query = Object.fromEntries(
    queryText
      .split('&')
      .filter((q) => q !== '')
      .map((q) => [q.split('=')[0]!, q.split('=')[1] ?? '']),
  )
  const open = /^\/(livez|readyz|healthz)(\/.*)?$/.test(path) || path === '/version'
  if (!open) {
    // No client certificate: the request is system:anonymous, allowed only the public paths.
    const body = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `forbidden: User "system:anonymous" cannot get path "${path}"`,
      reason: 'Forbidden',
      details: {},
      code: 403,
    }
    return { status: 403, body: `${JSON.stringify(body, undefined, 2)}`, headers: JSON_TYPE }
  }
  const response = cluster.handlers.get(machine)!.handle({ method: 'GET', path, query })
  const body =
    typeof response.body === 'string' ? response.body : JSON.stringify(response.body, undefined, 2)
  return { status: response.status, body, headers: response.headers ?? TEXT }
}

function etcdMetrics(
  cluster: KubernetesCluster,
  machine: string,
  request: HttpRequest,
): HttpResponse {
  if (request.path.split('?')[0] !== '/health') return text(404, '404 page not found\n')
  const healthy = cluster.etcd.canServe(machine)
  return healthy
    ? { status: 200, body: '{"health":"true","reason":""}', headers: JSON_TYPE }
    : { status: 503, body: '{"health":"false","reason":"RAFT NO LEADER"}', headers: JSON_TYPE }
}

function kubelet(port: number, request: HttpRequest): HttpResponse {
  if (port === 10250) return text(401, 'Unauthorized')
  return request.path.split('?')[0] === '/healthz'
    ? text(200, 'ok')
    : text(404, '404 page not found\n')
}

/** A listener the simulation provides on `machine`:`port`, if one runs there now. */
function ownListener(
  cluster: KubernetesCluster,
  machine: string,
  port: number,
): HostListener | undefined {
  const node = cluster.nodes.get(machine)
  if (node === undefined) return undefined
  const host = { cluster, node }
  if (port === 22) return { http: () => ({ status: 0, body: SSH_BANNER }) }
  if ((port === 10248 || port === 10250) && mainProcess(host, 'kubelet') !== undefined)
    return { http: (request) => kubelet(port, request) }
  if (port === 6443 && cluster.isApiserverUp(machine))
    return { http: (request) => apiserver(cluster, machine, request) }
  if (port === 2381 && cluster.etcd.member(machine)?.up === true)
    return { http: (request) => etcdMetrics(cluster, machine, request) }
  return undefined
}

function controllerHealth(request: HttpRequest): HttpResponse {
  const path = request.path.split('?')[0]!
  if (/^\/(healthz|livez|readyz)$/.test(path)) return text(200, 'ok')
  return text(
    403,
    `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"forbidden: User \\"system:anonymous\\" cannot get path \\"${path}\\"","reason":"Forbidden","details":{},"code":403}`,
  )
}

/** How the client speaks to the server: the URL's scheme and curl's TLS options. */
export interface Tls {
  https: boolean
  insecure: boolean
  cacert: string | undefined
  clientCert: boolean
  /** The host as typed, for the certificate's names. */
  host: string
}

/** A curl failure carried as a response (status < 0): exit code and curl's message. */
export function curlFailure(exitCode: number, message: string): HttpResponse {
  return { status: -exitCode, body: message }
}

const VERIFY_FAILED = `
More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the web page mentioned above.`

/** The names kubeadm's API server certificate holds. */
function apiserverNames(cluster: KubernetesCluster, machine: string): string[] {
  const ip = cluster.nodes.get(machine)?.machine.spec.internalIP ?? ''
  return [
    machine,
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    'kubernetes.default.svc.cluster.local',
    '10.96.0.1',
    ip,
  ]
}

/** The TLS handshake, then the request: what a TLS port answers to this client. */
function overTls(
  cluster: KubernetesCluster,
  machine: string,
  port: number,
  tls: Tls,
  serve: (r: HttpRequest) => HttpResponse | undefined,
): HostListener {
  return {
    http(request) {
      if (!tls.https) return text(400, 'Client sent an HTTP request to an HTTPS server.\n')
      if ((port === 2379 || port === 2380) && !tls.clientCert)
        return curlFailure(
          56,
          'curl: (56) OpenSSL SSL_read: OpenSSL/3.0.13: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0',
        )
      if (!tls.insecure) {
        if (tls.cacert === undefined || (port !== 6443 && port !== 2379))
          return curlFailure(
            60,
            `curl: (60) SSL certificate problem: ${tls.cacert === undefined ? 'unable to get local issuer certificate' : 'self-signed certificate in certificate chain'}${VERIFY_FAILED}`,
          )
        if (port === 6443 && !apiserverNames(cluster, machine).includes(tls.host))
          return curlFailure(
            60,
            `curl: (60) SSL: no alternative certificate subject name matches target host name '${tls.host}'${VERIFY_FAILED}`,
          )
      }
      return serve(request)
    },
  }
}

/** The cluster's directory, with the node's own services in front, speaking TLS where they do. */
export function nodeDirectory(
  cluster: KubernetesCluster,
  tls: Tls,
): NetworkDirectory & { servedTls(): boolean } {
  const base = cluster.directory()
  let served = false
  const mark = (listener: HostListener | undefined, isTls: boolean): HostListener | undefined =>
    listener === undefined
      ? undefined
      : {
          http: (request) => ((served = isTls), listener.http?.(request)),
          ...(listener.hangs === undefined ? {} : { hangs: listener.hangs }),
        }
  return {
    servedTls: () => served,
    podByIP: (ip) => base.podByIP(ip),
    hostListener(machine, port) {
      const own = ownListener(cluster, machine, port)
      if (TLS_PORTS.has(port)) {
        const plain = own ?? base.hostListener(machine, port)
        if (plain === undefined) return undefined
        const serve = (r: HttpRequest): HttpResponse | undefined =>
          port === 10257 || port === 10259
            ? controllerHealth(r)
            : port === 2379
              ? etcdMetrics(cluster, machine, { ...r, path: r.path })
              : plain.http?.(r)
        return mark(overTls(cluster, machine, port, tls, serve), true)
      }
      return mark(own ?? base.hostListener(machine, port), false)
    },
  }
}
