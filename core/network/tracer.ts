/**
 * `curl` through the simulated network: from a node's shell, from a pod (kubectl exec), or from
 * the learner's laptop. It resolves the name as the source would (a pod asks CoreDNS through the
 * kube-dns Service, so DNS breaks when CoreDNS or the rules to it break), follows the connection
 * hop by hop (path.ts), and reports what curl would print, with the virtual time it took.
 *
 * Invariants:
 * 1. The caller advances the clock by `elapsedMs`; the tracer never touches the clock.
 * 2. Every random choice (which endpoint a statistic rule picks) comes from the injected seeded
 *    stream, so the same seed and the same requests give the same endpoints.
 * 3. Errors are curl's own texts (curl.ts), the host named as the learner typed it.
 * 4. A node or the laptop resolves machine names only (their /etc/hosts); only pods use the
 *    cluster DNS.
 */
import { DNS_SERVICE_IP } from '../kubeadm/addons'
import type { HttpResponse } from '../node/program'
import {
  connectTimedOut,
  couldNotConnect,
  couldNotResolve,
  emptyReply,
  HOST_UNREACHABLE_MS,
  HUNG_WAIT_MS,
  maxTimeReached,
  operationTimedOut,
  parseUrl,
  REFUSED_MS,
  SYN_TIMEOUT_MS,
  type CurlFailure,
  type CurlUrl,
} from './curl'
import { DNS_PORT, DNS_TIMEOUT_MS, podSearchPath, queryNames } from './dns'
import { OUTSIDE } from './fabric'
import { isIPv4 } from './ip'
import { PathWalker, type Hop, type HopPoint, type PathDeps, type Server } from './path'

export type TraceSource =
  | { kind: 'machine'; machine: string }
  | { kind: 'pod'; machine: string; namespace: string; name: string; ip: string }
  | { kind: 'outside' }

export interface TraceRequest {
  from: TraceSource
  url: string
  /** -X; GET by default. */
  method?: string
  /** -m / --max-time, in ms. */
  maxTimeMs?: number
}

export interface TraceResult {
  /** The path, for the topology animation and for "why?". */
  hops: Hop[]
  response?: HttpResponse
  /** curl's message on stderr, when it failed. */
  error?: string
  exitCode: number
  /** Virtual time the command took; the caller advances the clock by it. */
  elapsedMs: number
}

export interface TracerDeps extends PathDeps {
  /** The kube-dns Service's ClusterIP (10.96.0.10). */
  dnsServiceIP?: string
}

type Failure = 'refused' | 'unreachable' | 'dropped'

/** One curl run: the walk, the clock it has used so far, and its limit. */
class Run {
  elapsedMs = 0
  constructor(
    readonly walker: PathWalker,
    readonly maxTimeMs: number | undefined,
  ) {}

  result(extra: Partial<TraceResult> & { exitCode: number }): TraceResult {
    return { hops: this.walker.hops, elapsedMs: this.elapsedMs, ...extra }
  }

  /**
   * Connected to a stopped process: no answer comes. curl gives up at -m (exit 28); without it
   * a real curl waits until interrupted, the lab's after HUNG_WAIT_MS (docs/terminal.md).
   */
  waitForAnswer(): TraceResult {
    const limit = this.maxTimeMs ?? HUNG_WAIT_MS
    this.elapsedMs = Math.max(this.elapsedMs, limit) + 1
    return this.result(operationTimedOut(this.elapsedMs))
  }

  /** Spends `ms`; if -m runs out first, curl stops at max-time + 1 ms. */
  spend(ms: number, phase: 'resolve' | 'connect', otherwise: () => CurlFailure): TraceResult {
    this.elapsedMs += ms
    if (this.maxTimeMs !== undefined && this.elapsedMs > this.maxTimeMs) {
      this.elapsedMs = this.maxTimeMs + 1
      return this.result(maxTimeReached(phase, this.elapsedMs))
    }
    return this.result(otherwise())
  }
}

export class Tracer {
  constructor(private readonly deps: TracerDeps) {}

  trace(request: TraceRequest): TraceResult {
    const run = new Run(new PathWalker(this.deps), request.maxTimeMs)
    const parsed = parseUrl(request.url)
    if (!parsed.ok) return run.result({ error: parsed.error, exitCode: parsed.exitCode })
    const url = parsed.url
    const source = this.sourcePoint(request.from, run.walker)
    const resolved = this.resolve(run, request.from, source, url.host)
    if (typeof resolved !== 'string') return resolved
    const delivery = run.walker.send(source, resolved, url.port, 'TCP')
    if (!delivery.ok) return this.connectFailed(run, delivery.failure, url)
    return this.exchange(run, delivery.server, url, request.method ?? 'GET')
  }

  private sourcePoint(from: TraceSource, walker: PathWalker): HopPoint {
    if (from.kind === 'pod') {
      return {
        machine: from.machine,
        ip: from.ip,
        pod: { namespace: from.namespace, name: from.name },
      }
    }
    return walker.nodePoint(from.kind === 'machine' ? from.machine : OUTSIDE)
  }

  /** The address to connect to, or the finished run when resolution failed (invariant 4). */
  private resolve(
    run: Run,
    from: TraceSource,
    source: HopPoint,
    host: string,
  ): string | TraceResult {
    if (isIPv4(host)) return host
    if (host === 'localhost') return '127.0.0.1'
    if (from.kind !== 'pod') {
      const ip = this.deps.fabric.ipOf(host)
      return ip ?? run.result(couldNotResolve(host))
    }
    const server = this.deps.dnsServiceIP ?? DNS_SERVICE_IP
    for (const name of queryNames(host, podSearchPath(from.namespace))) {
      const delivery = run.walker.send(source, server, DNS_PORT, 'UDP')
      if (!delivery.ok && delivery.failure !== 'refused') {
        return run.spend(DNS_TIMEOUT_MS, 'resolve', () => couldNotResolve(host))
      }
      const answer = delivery.ok ? delivery.server.dns?.(name) : undefined
      // ICMP port unreachable (kube-proxy's REJECT, or no CoreDNS process): the resolver gives up.
      if (answer === undefined) return run.result(couldNotResolve(host))
      run.elapsedMs += 1
      if (answer.rcode === 'NOERROR' && answer.addresses[0] !== undefined)
        return answer.addresses[0]
    }
    return run.result(couldNotResolve(host))
  }

  private connectFailed(run: Run, failure: Failure, url: CurlUrl): TraceResult {
    switch (failure) {
      case 'refused':
        return run.spend(REFUSED_MS, 'connect', () =>
          couldNotConnect(url.host, url.port, run.elapsedMs),
        )
      case 'unreachable':
        return run.spend(HOST_UNREACHABLE_MS, 'connect', () =>
          couldNotConnect(url.host, url.port, run.elapsedMs),
        )
      case 'dropped':
        return run.spend(SYN_TIMEOUT_MS, 'connect', () =>
          connectTimedOut(url.host, url.port, run.elapsedMs),
        )
    }
  }

  /** The connection is up: one HTTP request and its answer. */
  private exchange(run: Run, server: Server, url: CurlUrl, method: string): TraceResult {
    if (server.hangs === true) return run.waitForAnswer()
    const response = server.http?.({ method, path: url.path, port: server.port })
    if (response === undefined) {
      // A program that does not list its ports serves exactly what it answers.
      if (!server.knownListening) return this.connectFailed(run, 'refused', url)
      return run.result(emptyReply())
    }
    run.elapsedMs += 1
    return run.result({ response, exitCode: 0 })
  }
}
