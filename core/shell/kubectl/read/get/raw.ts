/**
 * `kubectl get --raw /path?query`: any GET through the API server, the body printed as the
 * server sent it (KUBECTL-WIRE.md §3.21). An error status becomes client-go's error: the
 * Status' reason and message, or for a text body the generic "an error on the server (…)".
 */
import { KubectlError, statusText } from '../../errors'
import type { Invocation } from '../../verb'

const GENERIC: Record<number, { reason: string; message: string }> = {
  404: { reason: 'NotFound', message: 'the server could not find the requested resource' },
  503: {
    reason: 'ServiceUnavailable',
    message: 'the server is currently unable to handle the request',
  },
}

export function rawGet(inv: Invocation, raw: string): number {
  const [path = '/', search = ''] = raw.split(/\?(.*)/s)
  const query: Record<string, string> = {}
  for (const pair of search.split('&').filter((p) => p !== '')) {
    const eq = pair.indexOf('=')
    query[decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq))] =
      eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1))
  }
  const response = inv.api.send({ method: 'GET', path, query, headers: { accept: '*/*' } })
  const { body, status } = response
  if (status >= 200 && status < 300) {
    inv.io.out(typeof body === 'string' ? body : bodyJson(path, body))
    return 0
  }
  if (typeof body === 'object' && body !== null && (body as { kind?: string }).kind === 'Status')
    throw new KubectlError(statusText(body as { reason?: string; message?: string }))
  const generic = GENERIC[status] ?? {
    reason: 'InternalError',
    message: `an error on the server (${JSON.stringify(String(body))}) has prevented the request from succeeding`,
  }
  throw new KubectlError(statusText(generic))
}

/**
 * JSON as the API server writes it: discovery and /version indented by two spaces
 * (WriteRawJSON), objects compact with a final newline (the streaming encoder).
 */
function bodyJson(path: string, body: unknown): string {
  const discovery = /^\/(version|api|apis|api\/v1|apis\/[^/]+|apis\/[^/]+\/v1)\/?$/.test(path)
  return discovery ? JSON.stringify(body, null, 2) : `${JSON.stringify(body)}\n`
}
