/**
 * What curl (8.5, Ubuntu 24.04's) makes of a URL and how it words its failures. The tracer
 * decides what happened to the packets; this file only says it as curl would.
 *
 * Timing (virtual ms, all reported in the messages):
 * - refused (RST or ICMP port unreachable, e.g. kube-proxy's REJECT): at once.
 * - host unreachable (no ARP answer: host off or cut off): after ARP's three probes, ~3 s.
 * - dropped (firewall DROP, no Weave link, no route): the kernel gives up on SYN retries after
 *   about 130 s (tcp_syn_retries=6), unless `-m/--max-time` ends curl first.
 */

export const REFUSED_MS = 0
export const HOST_UNREACHABLE_MS = 3_070
/**
 * How long the lab's curl waits for a server that never answers (a stopped process) when no -m
 * was given; a real curl would wait until interrupted (docs/terminal.md).
 */
export const HUNG_WAIT_MS = 300_000
export const SYN_TIMEOUT_MS = 130_001

export interface CurlUrl {
  scheme: 'http' | 'https'
  host: string
  port: number
  path: string
}

export type ParsedUrl = { ok: true; url: CurlUrl } | { ok: false; error: string; exitCode: number }

/** curl's URL handling: "web", "web:8080/x", "http://10.96.0.12/", "https://host:6443/livez". */
export function parseUrl(text: string): ParsedUrl {
  const bad = {
    ok: false as const,
    error: 'curl: (3) URL using bad/illegal format or missing URL',
    exitCode: 3,
  }
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text)
  const scheme = (schemeMatch?.[1] ?? 'http').toLowerCase()
  if (scheme !== 'http' && scheme !== 'https') {
    return { ok: false, error: `curl: (1) Protocol "${scheme}" not supported`, exitCode: 1 }
  }
  const rest = schemeMatch === null ? text : text.slice(schemeMatch[0].length)
  const match = /^([^/:?#]+)(?::(\d*))?([/?#].*)?$/.exec(rest)
  if (match === null) return bad
  const host = match[1]!.toLowerCase()
  const portText = match[2]
  const port =
    portText === undefined || portText === '' ? (scheme === 'https' ? 443 : 80) : Number(portText)
  if (!Number.isInteger(port) || port < 1 || port > 65535) return bad
  let path = match[3] ?? '/'
  if (!path.startsWith('/')) path = `/${path}`
  return { ok: true, url: { scheme, host, port, path: path.replace(/#.*$/, '') } }
}

export interface CurlFailure {
  error: string
  exitCode: number
}

export function couldNotResolve(host: string): CurlFailure {
  return { error: `curl: (6) Could not resolve host: ${host}`, exitCode: 6 }
}

/** Connection refused or host unreachable: exit 7. */
export function couldNotConnect(host: string, port: number, elapsedMs: number): CurlFailure {
  return {
    error: `curl: (7) Failed to connect to ${host} port ${port} after ${elapsedMs} ms: Couldn't connect to server`,
    exitCode: 7,
  }
}

/** The kernel gave up on the SYN retries: exit 28. */
export function connectTimedOut(host: string, port: number, elapsedMs: number): CurlFailure {
  return {
    error: `curl: (28) Failed to connect to ${host} port ${port} after ${elapsedMs} ms: Couldn't connect to server`,
    exitCode: 28,
  }
}

/** `-m/--max-time` ran out. */
export function maxTimeReached(phase: 'resolve' | 'connect', elapsedMs: number): CurlFailure {
  const what = phase === 'resolve' ? 'Resolving' : 'Connection'
  return { error: `curl: (28) ${what} timed out after ${elapsedMs} milliseconds`, exitCode: 28 }
}

/** Connected, and nothing came back before the time ran out. */
export function operationTimedOut(elapsedMs: number): CurlFailure {
  return {
    error: `curl: (28) Operation timed out after ${elapsedMs} milliseconds with 0 bytes received`,
    exitCode: 28,
  }
}

/** The server accepted the connection and closed it without an HTTP answer. */
export function emptyReply(): CurlFailure {
  return { error: 'curl: (52) Empty reply from server', exitCode: 52 }
}
