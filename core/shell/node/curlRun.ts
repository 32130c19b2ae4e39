/**
 * curl 8.5 (Ubuntu 24.04) through the simulated network, from a node, the laptop or a pod:
 * -s, -S, -k, -v, -I, -i, -f, -o FILE, -w '%{http_code}', -X, -m N, --connect-timeout N,
 * --cacert, --cert/--key. The tracer decides what happens to the packets; this file prints it as
 * curl would and lets the virtual time the request took pass (a dropped SYN takes 130 s).
 */
import { MONTHS } from '../../api/time'
import { fnv1a, Random } from '../../random'
import type { KubernetesCluster } from '../../kubernetes/cluster'
import type { TraceSource } from '../../network/tracer'
import { parseUrl } from '../../network/curl'
import { recordPath } from '../../observe/flowNode'
import type { CommandIO, ShellHost } from '../command'
import { nodeDirectory } from './hostServices'
import { systemdTime } from './timeText'

export interface CurlOptions {
  url: string | undefined
  silent: boolean
  showError: boolean
  insecure: boolean
  verbose: boolean
  head: boolean
  include: boolean
  fail: boolean
  method: string
  maxTimeMs: number | undefined
  connectTimeoutMs: number | undefined
  cacert: string | undefined
  clientCert: boolean
  output: string | undefined
  writeOut: string | undefined
}

const VALUED = new Set([
  '-m',
  '--max-time',
  '--connect-timeout',
  '-X',
  '--request',
  '--cacert',
  '--cert',
  '--key',
  '-o',
  '--output',
  '-w',
  '--write-out',
  '-H',
  '--header',
  '-d',
  '--data',
  '-A',
  '--user-agent',
])

export function parseCurl(args: readonly string[]): CurlOptions | string {
  const o: CurlOptions = {
    url: undefined,
    silent: false,
    showError: false,
    insecure: false,
    verbose: false,
    head: false,
    include: false,
    fail: false,
    method: 'GET',
    maxTimeMs: undefined,
    connectTimeoutMs: undefined,
    cacert: undefined,
    clientCert: false,
    output: undefined,
    writeOut: undefined,
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (VALUED.has(arg)) {
      const value = args[++i] ?? ''
      if (arg === '-m' || arg === '--max-time') o.maxTimeMs = Number(value) * 1000
      else if (arg === '--connect-timeout') o.connectTimeoutMs = Number(value) * 1000
      else if (arg === '-X' || arg === '--request') o.method = value
      else if (arg === '--cacert') o.cacert = value
      else if (arg === '--cert' || arg === '--key') o.clientCert = true
      else if (arg === '-o' || arg === '--output') o.output = value
      else if (arg === '-w' || arg === '--write-out') o.writeOut = value
      continue
    }
    const long: Record<string, keyof CurlOptions> = {
      '--silent': 'silent',
      '--show-error': 'showError',
      '--insecure': 'insecure',
      '--verbose': 'verbose',
      '--head': 'head',
      '--include': 'include',
      '--fail': 'fail',
    }
    if (long[arg] !== undefined) (o as unknown as Record<string, boolean>)[long[arg]] = true
    else if (arg === '-L' || arg === '--location') continue
    else if (/^-[sSkvIifL]+$/.test(arg)) {
      for (const letter of arg.slice(1)) {
        const flag = (
          {
            s: 'silent',
            S: 'showError',
            k: 'insecure',
            v: 'verbose',
            I: 'head',
            i: 'include',
            f: 'fail',
          } as const
        )[letter as 's']
        if (flag !== undefined) (o as unknown as Record<string, boolean>)[flag] = true
      }
    } else if (arg.startsWith('-'))
      return `curl: option ${arg}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`
    else o.url = arg
  }
  if (o.head) o.method = 'HEAD'
  return o
}

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** An HTTP Date header: "Mon, 05 Jan 2026 09:00:00 GMT". */
function httpDate(nowMs: number): string {
  const [weekday, date = '', time] = systemdTime(nowMs).split(' ')
  const [year, month, day] = date.split('-')
  return `${weekday}, ${day} ${MONTHS[Number(month) - 1]} ${year} ${time} GMT`
}

function headerLines(
  status: number,
  body: string,
  headers: Record<string, string> | undefined,
  https: boolean,
  nowMs: number,
): string[] {
  const version = https ? 'HTTP/2' : 'HTTP/1.1'
  const first = https
    ? `${version} ${status}`
    : `${version} ${status} ${REASONS[status] ?? ''}`.trimEnd()
  const fields = {
    ...(headers ?? {}),
    'Content-Length': String(body.length),
    Date: httpDate(nowMs),
  }
  return [first, ...Object.entries(fields).map(([k, v]) => `${https ? k.toLowerCase() : k}: ${v}`)]
}

/** Runs curl from `source`; returns its exit status. */
export function runCurl(
  source: TraceSource,
  options: CurlOptions,
  cluster: KubernetesCluster,
  host: ShellHost,
  io: CommandIO,
  writeFile: (path: string, text: string) => void,
): number {
  const complain = (text: string): void => {
    if (!options.silent || options.showError) io.err(`${text}\n`)
  }
  if (options.url === undefined) {
    complain("curl: try 'curl --help' or 'curl --manual' for more information")
    return 2
  }
  const parsed = parseUrl(options.url)
  const https = parsed.ok && parsed.url.scheme === 'https'
  const directory = nodeDirectory(cluster, {
    https,
    insecure: options.insecure,
    cacert: options.cacert,
    clientCert: options.clientCert,
    host: parsed.ok ? parsed.url.host : '',
  })
  const random = new Random(fnv1a(`curl ${options.url}`, Math.floor(host.nowMs())))
  const limit = Math.min(options.maxTimeMs ?? Infinity, options.connectTimeoutMs ?? Infinity)
  const result = cluster.network.tracer(directory, random).trace({
    from: source,
    url: options.url,
    method: options.method,
    ...(Number.isFinite(limit) ? { maxTimeMs: limit } : {}),
  })
  if (cluster.flow.active) recordPath(cluster.flow, source, result.hops, options.method)
  host.advance(result.elapsedMs)
  if (options.verbose && parsed.ok) io.err(`*   Trying ${parsed.url.host}:${parsed.url.port}...\n`)
  let error = result.error
  if (
    error !== undefined &&
    options.connectTimeoutMs !== undefined &&
    options.connectTimeoutMs === limit &&
    error.startsWith('curl: (28) Connection timed out') &&
    parsed.ok
  )
    error = `curl: (28) Failed to connect to ${parsed.url.host} port ${parsed.url.port} after ${result.elapsedMs} ms: Timeout was reached`
  if (error !== undefined || result.response === undefined) {
    complain(error ?? 'curl: (52) Empty reply from server')
    return result.exitCode
  }
  const response = result.response
  if (response.status < 0) {
    complain(response.body)
    return -response.status
  }
  if (response.status === 0) {
    complain('curl: (1) Received HTTP/0.9 when not allowed')
    return 1
  }
  if (https && !directory.servedTls()) {
    complain('curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number')
    return 35
  }
  const headers = headerLines(response.status, response.body, response.headers, https, host.nowMs())
  if (options.verbose && parsed.ok) {
    io.err(
      `* Connected to ${parsed.url.host} (${parsed.url.host}) port ${parsed.url.port}\n> ${options.method} ${parsed.url.path} ${https ? 'HTTP/2' : 'HTTP/1.1'}\n> Host: ${parsed.url.host}${parsed.url.port === 80 || parsed.url.port === 443 ? '' : `:${parsed.url.port}`}\n> User-Agent: curl/8.5.0\n> Accept: */*\n> \n`,
    )
    io.err(headers.map((h) => `< ${h}\n`).join('') + '< \n')
  }
  if (options.fail && response.status >= 400) {
    complain(`curl: (22) The requested URL returned error: ${response.status}`)
    return 22
  }
  let out = options.head
    ? headers.map((h) => `${h}\r\n`).join('') + '\r\n'
    : options.include
      ? headers.map((h) => `${h}\r\n`).join('') + '\r\n' + response.body
      : response.body
  if (options.output !== undefined && options.output !== '-') {
    if (options.output !== '/dev/null') writeFile(options.output, out)
    out = ''
  }
  if (options.writeOut !== undefined)
    out += options.writeOut
      .replace(/%\{http_code\}/g, String(response.status))
      .replace(/\\n/g, '\n')
  io.out(out)
  if (options.verbose && parsed.ok)
    io.err(`* Connection #0 to host ${parsed.url.host} left intact\n`)
  return 0
}
