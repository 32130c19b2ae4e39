/**
 * /livez, /readyz and /healthz, with the per-check lines of k8s.io/apiserver/pkg/server/healthz
 * (FIDELITY.md §7.5). The checks listed are a real v1.32 kube-apiserver's.
 */
export interface HealthCheck {
  name: string
  ok: boolean
}

const COMMON = [
  'ping',
  'log',
  'etcd',
  'poststarthook/start-apiserver-admission-initializer',
  'poststarthook/generic-apiserver-start-informers',
  'poststarthook/priority-and-fairness-config-consumer',
  'poststarthook/priority-and-fairness-filter',
  'poststarthook/storage-object-count-tracker-hook',
  'poststarthook/start-apiextensions-informers',
  'poststarthook/start-apiextensions-controllers',
  'poststarthook/crd-informer-synced',
  'poststarthook/start-system-namespaces-controller',
  'poststarthook/start-cluster-authentication-info-controller',
  'poststarthook/start-kube-apiserver-identity-lease-controller',
  'poststarthook/start-kube-apiserver-identity-lease-garbage-collector',
  'poststarthook/start-legacy-token-tracking-controller',
  'poststarthook/start-service-ip-repair-controllers',
  'poststarthook/rbac/bootstrap-roles',
  'poststarthook/scheduling/bootstrap-system-priority-classes',
  'poststarthook/priority-and-fairness-config-producer',
  'poststarthook/bootstrap-controller',
  'poststarthook/aggregator-reload-proxy-client-cert',
  'poststarthook/start-kube-aggregator-informers',
  'poststarthook/apiservice-status-local-available-controller',
  'poststarthook/apiservice-status-remote-available-controller',
  'poststarthook/apiservice-registration-controller',
  'poststarthook/apiservice-discovery-controller',
  'autoregister-completion',
  'poststarthook/apiservice-openapi-controller',
  'poststarthook/apiservice-openapiv3-controller',
]

export type HealthEndpoint = 'livez' | 'readyz' | 'healthz'

export function checkNames(endpoint: HealthEndpoint): string[] {
  if (endpoint === 'readyz')
    return [
      ...COMMON.slice(0, 3),
      'etcd-readiness',
      'informer-sync',
      ...COMMON.slice(3),
      'shutdown',
    ]
  return COMMON
}

/** The body and status of a health endpoint; `verbose` lists every check as `?verbose` does. */
export function healthReport(
  endpoint: HealthEndpoint,
  failing: ReadonlySet<string>,
  verbose: boolean,
): { status: number; body: string } {
  const checks = checkNames(endpoint).map((name) => ({ name, ok: !failing.has(name) }))
  const ok = checks.every((c) => c.ok)
  if (ok && !verbose) return { status: 200, body: 'ok' }
  const lines = checks.map((c) =>
    c.ok ? `[+]${c.name} ok` : `[-]${c.name} failed: reason withheld`,
  )
  return {
    status: ok ? 200 : 500,
    body: `${lines.join('\n')}\n${endpoint} check ${ok ? 'passed' : 'failed'}\n`,
  }
}
