/**
 * The simulation DSL for tests: sentences such as
 *   const t = sim({ seed: 1 }); t.sh('sleep 90s'); expect(t.nowMs).toBe(90_000)
 */
import { createSimulation, type Simulation } from '../../core/simulation'
import type {
  ActiveFault,
  ClusterSpec,
  FaultKindId,
  FaultTarget,
  Language,
  ShellResult,
  SimulationEvent,
} from '../../core/protocol'
import type { KubeObject } from '../../core/api/types'
import type { KubernetesCluster } from '../../core/kubernetes/cluster'
import type { ApiResponse } from '../../core/apiserver/request'

export interface SimTest {
  readonly simulation: Simulation
  readonly events: SimulationEvent[]
  readonly nowMs: number
  /** Runs a line in the test's shell session. */
  sh(line: string, language?: Language): ShellResult
  /** Advances virtual time by a duration such as '90s', '5m', '1h' or a number of ms. */
  advance(duration: string | number): void
  /** The running Kubernetes cluster. */
  readonly kube: KubernetesCluster
  /** A REST call as kubectl on cp-1 makes it (throws ConnectionRefused when it cannot connect). */
  api(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): ApiResponse
  /** POSTs an object to its collection, like `kubectl create -f`. */
  create(object: KubeObject): ApiResponse
  /** The objects of a resource from etcd (an admin view, whatever the API server's state). */
  stored<T extends KubeObject>(prefix: string): T[]
  fault(kind: FaultKindId, target: FaultTarget): ActiveFault
  heal(id: string): void
}

const COLLECTIONS: Record<string, (ns: string) => string> = {
  Pod: (ns) => `/api/v1/namespaces/${ns}/pods`,
  Service: (ns) => `/api/v1/namespaces/${ns}/services`,
  ConfigMap: (ns) => `/api/v1/namespaces/${ns}/configmaps`,
  Namespace: () => '/api/v1/namespaces',
  Deployment: (ns) => `/apis/apps/v1/namespaces/${ns}/deployments`,
  DaemonSet: (ns) => `/apis/apps/v1/namespaces/${ns}/daemonsets`,
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

export function parseDuration(duration: string | number): number {
  if (typeof duration === 'number') return duration
  const match = /^(\d+)(ms|s|m|h)$/.exec(duration)
  if (match === null) throw new Error(`bad duration ${duration}`)
  return Number(match[1]) * UNITS[match[2]!]!
}

export function sim(options: {
  seed: number
  cluster?: ClusterSpec
  kubernetes?: boolean
}): SimTest {
  const simulation = createSimulation(options)
  const events: SimulationEvent[] = []
  simulation.onEvent((event) => events.push(event))
  return {
    simulation,
    events,
    get nowMs() {
      return simulation.clock.nowMs
    },
    sh: (line, language = 'en') =>
      simulation.handle({ kind: 'shell/exec', session: 'test', line, language }),
    advance: (duration) =>
      void simulation.handle({ kind: 'clock/advance', ms: parseDuration(duration) }),
    get kube() {
      if (simulation.kubernetes === undefined) throw new Error('this simulation runs no Kubernetes')
      return simulation.kubernetes
    },
    api(method, path, body) {
      return this.kube.request('cp-1', { method, path, ...(body === undefined ? {} : { body }) })
    },
    create(object) {
      const collection = COLLECTIONS[object.kind]
      if (collection === undefined) throw new Error(`sim: no collection for ${object.kind}`)
      return this.api('POST', collection(object.metadata.namespace ?? 'default'), object)
    },
    stored: <T extends KubeObject>(prefix: string) =>
      simulation.kubernetes!.etcd.kv.list(prefix) as T[],
    fault: (kind, target) => simulation.handle({ kind: 'fault/apply', fault: kind, target }),
    heal: (id) => void simulation.handle({ kind: 'fault/heal', id }),
  }
}
