/**
 * kubectl's connection to the cluster: which server the kubeconfig names, the discovery cache,
 * and requests through the simulated network to the API server's REST handler, as the real
 * kubectl sends them (Tables for get, JSON otherwise: KUBECTL-WIRE.md §2).
 *
 * Where the kubeconfig comes from, as on a kubeadm cluster: the laptop and the control-plane
 * nodes have /root/.kube/config (a copy of admin.conf); workers have none, so kubectl there
 * falls back to http://localhost:8080 and is refused, exactly as a real worker answers.
 * `--kubeconfig` and $KUBECONFIG name another file; a missing one is kubectl's own error.
 */
import { klogTime } from '../../api/time'
import type { ListOptions, WatchEvent } from '../../apiserver/apiserver'
import type { ApiRequest, ApiResponse } from '../../apiserver/request'
import type { TraceHop } from '../../protocol'
import type { ResourceDef } from '../../apiserver/resources'
import { ConnectionRefused } from '../../client/client'
import { LAPTOP, type CommandOutput, type ShellContext } from '../command'
import { clientError, KubectlError, serverError } from './errors'

/** kubectl keeps discovery on disk this long (~/.kube/cache/discovery, 6 hours). */
export const DISCOVERY_CACHE_MS = 6 * 3600 * 1000
/** What a failed discovery prints before the final line: client-go retries it five times. */
const DISCOVERY_ATTEMPTS = 5
const DEFAULT_CONFIG = '/root/.kube/config'
const NO_CONFIG_SERVER = 'localhost:8080'

export interface ConnectionOptions {
  /** --kubeconfig */
  kubeconfig?: string | undefined
  /** --request-timeout, as typed ("32s" when not given: the discovery timeout kubectl shows). */
  requestTimeout?: string | undefined
}

export class KubectlApi {
  /** "https://192.168.56.11:6443", or "http://localhost:8080" without a kubeconfig. */
  readonly serverUrl: string
  private readonly configured: boolean
  private discovered = false

  constructor(
    private readonly context: ShellContext,
    private readonly stderr: CommandOutput,
    private readonly options: ConnectionOptions = {},
    /** The kubectl process' id, which klog prints in its error lines. */
    readonly pid = 1,
  ) {
    const path = options.kubeconfig ?? context.env.get('KUBECONFIG') ?? DEFAULT_CONFIG
    const file = context.resolve(path)
    if (options.kubeconfig !== undefined || context.env.has('KUBECONFIG')) {
      if (context.fs.stat(file)?.type !== 'file')
        throw clientError(`stat ${path}: no such file or directory`)
    }
    this.configured = context.fs.stat(file)?.type === 'file'
    const cluster = context.host.kubernetes
    this.serverUrl =
      this.configured && cluster !== undefined
        ? `https://${cluster.endpoint(this.origin()).address}`
        : `http://${NO_CONFIG_SERVER}`
  }

  /** "192.168.56.11:6443", as kubectl names the server in "The connection to the server …". */
  get serverHost(): string {
    return this.serverUrl.replace(/^https?:\/\//, '')
  }

  /**
   * Makes sure kubectl knows the server's resources, as it does before most commands: from the
   * disk cache if fresh, else with GET /api (printing client-go's errors if that fails).
   */
  discover(): void {
    if (this.discovered) return
    const cacheDir = `/root/.kube/cache/discovery/${this.serverHost.replace(':', '_')}`
    const stamp = this.context.fs.stat(`${cacheDir}/servergroups.json`)
    if (stamp !== undefined && this.context.host.nowMs() - stamp.modifiedMs < DISCOVERY_CACHE_MS) {
      this.discovered = true
      return
    }
    try {
      this.send({ method: 'GET', path: '/api', query: { timeout: this.timeout() } })
    } catch (error) {
      if (error instanceof KubectlError && error.refused)
        this.logDiscoveryFailure(DISCOVERY_ATTEMPTS)
      throw error
    }
    this.discovered = true
    this.writeCache(cacheDir)
  }

  /** client-go's memcache error line for a refused discovery, `times` times. */
  logDiscoveryFailure(times: number): void {
    const line = `${this.klogPrefix()} memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: ${this.refusedGet('/api').replace(/"/g, '\\"')}"\n`
    this.stderr.err(line.repeat(times))
  }

  /** `Get "https://…/api?timeout=32s": dial tcp …: connect: connection refused` */
  refusedGet(path: string): string {
    return `Get "${this.serverUrl}${path}?timeout=${this.timeout()}": dial tcp ${this.dialAddress()}: connect: connection refused`
  }

  /** Sends a request; a Status error from the server becomes kubectl's "Error from server". */
  request(request: ApiRequest): ApiResponse {
    const response = this.send(request)
    if (response.status >= 400) throw serverError(statusOf(response.body))
    return response
  }

  /** Like request(), but hands back error responses (for verbs that print several results). */
  send(request: ApiRequest): ApiResponse {
    const cluster = this.context.host.kubernetes
    if (!this.configured || cluster === undefined) throw this.refused()
    try {
      const response = cluster.request(this.origin(), request)
      this.trace(request, true)
      // An API call takes virtual time only when the server waited (an etcd timeout).
      if (response.latencyMs > 0) this.context.host.advance(response.latencyMs)
      // client-go's default warning handler prints a Warning header's text to stderr.
      const warning = /^\d{3} \S+ "(.*)"$/.exec(response.headers['warning'] ?? '')
      if (warning !== null) this.stderr.err(`Warning: ${warning[1]}\n`)
      return response
    } catch (error) {
      if (error instanceof ConnectionRefused) {
        this.trace(request, false)
        throw this.refused()
      }
      throw error
    }
  }

  /**
   * Tells the topology the path of a request: this machine → kube-apiserver :6443, and on to
   * its etcd :2379 when the server answered (writes are stored there, and lists check etcd's
   * current revision before the watch cache answers).
   */
  private trace(request: ApiRequest, answered: boolean): void {
    const cluster = this.context.host.kubernetes
    if (cluster === undefined) return
    const ip = cluster.endpoint(this.origin()).address.split(':')[0]
    const cp = cluster.controlPlanes.find((m) => m.spec.internalIP === ip)?.metadata.name
    if (cp === undefined) return
    const apiserver = `kube-apiserver-${cp}`
    const hops: TraceHop[] = [{ from: this.context.machine.name, to: apiserver, port: 6443 }]
    if (answered) hops.push({ from: apiserver, to: `etcd-${cp}`, port: 2379 })
    const summary = `${request.method} ${request.path}${answered ? '' : ' (connection refused)'}`
    this.context.host.trace(summary, hops)
  }

  /**
   * A watch from a resourceVersion, as `kubectl get -w` keeps one open: events arrive on the
   * simulation clock; `onClose` runs when the API server ends the stream (its process stopped).
   * Returns the function that stops it.
   */
  watch(
    def: ResourceDef,
    namespace: string | undefined,
    options: ListOptions,
    fromResourceVersion: string,
    handler: (event: WatchEvent) => void,
    onClose: () => void,
  ): () => void {
    const cluster = this.context.host.kubernetes
    const server = this.configured ? cluster?.endpoint(this.origin()).server() : undefined
    if (server === undefined) throw this.refused()
    return server.watch(def, namespace, options, fromResourceVersion, handler, onClose)
  }

  /** The final line kubectl prints when the server refuses the connection. */
  refused(): KubectlError {
    const error = new KubectlError(
      `The connection to the server ${this.serverHost} was refused - did you specify the right host or port?`,
    )
    error.refused = true
    return error
  }

  private origin(): string {
    return this.context.machine.name === LAPTOP ? 'outside' : this.context.machine.name
  }

  private timeout(): string {
    return this.options.requestTimeout ?? '32s'
  }

  private dialAddress(): string {
    return this.serverHost === NO_CONFIG_SERVER ? '127.0.0.1:8080' : this.serverHost
  }

  private klogPrefix(): string {
    return `E${klogTime(this.context.host.nowMs())} ${String(this.pid).padStart(7)}`
  }

  private writeCache(dir: string): void {
    try {
      this.context.fs.mkdir(dir, { parents: true })
      this.context.fs.write(`${dir}/servergroups.json`, { text: '{"kind":"APIGroupList"}\n' })
    } catch {
      // A cache that cannot be written is only a slower next command, as for kubectl.
    }
  }
}

function statusOf(body: unknown): { reason?: string; message?: string } {
  if (typeof body === 'object' && body !== null) return body as { reason?: string }
  return { message: typeof body === 'string' ? body : '' }
}
