/**
 * What Kubernetes' HTTP prober (pkg/probe/http) reports when a GET fails: the kubelet's
 * liveness and readiness probes and the API server's componentstatuses use the same prober,
 * so they word a refused or hung server alike.
 */

/** `Get "URL": dial tcp HOST:PORT: connect: connection refused` */
export function httpProbeRefused(url: string, hostPort: string): string {
  return `Get "${url}": dial tcp ${hostPort}: connect: connection refused`
}

/** The client's timeout while the server accepted the connection and never answered. */
export function httpProbeTimedOut(url: string): string {
  return `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`
}
