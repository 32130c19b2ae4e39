/**
 * A bare API server on etcd, for tests of one component at a time:
 *   const h = apiHarness({ seed: 1 }); h.client('kube-scheduler').create('pods', 'default', pod)
 * Namespaces default, kube-system and kube-node-lease exist; time starts at 0.
 */
import { ApiServer } from '../../core/apiserver/apiserver'
import { RestHandler } from '../../core/apiserver/handler'
import type { KubeObject } from '../../core/api/types'
import { Clock } from '../../core/clock'
import { ApiClient } from '../../core/client/client'
import { EtcdCluster } from '../../core/etcd/etcd'
import { ExplainLog } from '../../core/explain/explain'
import type { ComponentContext } from '../../core/components/component'
import { Random } from '../../core/random'
import { findResource } from '../../core/apiserver/resources'

export interface ApiHarness {
  clock: Clock
  random: Random
  etcd: EtcdCluster<KubeObject>
  apiserver: ApiServer
  handler: RestHandler
  explain: ExplainLog
  /** Set to false to make every client call fail with connection refused (and end watches). */
  apiserverUp: boolean
  client(userAgent: string): ApiClient
  context(name: string, machine?: string): ComponentContext & { logs: string[] }
  /** Advances virtual time by ms, running everything due. */
  advance(ms: number): void
}

export function apiHarness(options: { seed: number; controlPlanes?: number }): ApiHarness {
  const clock = new Clock()
  const random = new Random(options.seed)
  const nodes = Array.from({ length: options.controlPlanes ?? 1 }, (_, i) => ({
    name: `cp-${i + 1}`,
    ip: `192.168.56.${11 + i}`,
  }))
  const etcd = new EtcdCluster<KubeObject>(clock, random.fork('etcd'), nodes)
  const apiserver = new ApiServer(clock, random.fork('apiserver'), etcd, 'cp-1')
  const explain = new ExplainLog(() => clock.nowMs)
  let up = true
  const harness: ApiHarness = {
    clock,
    random,
    etcd,
    apiserver,
    handler: new RestHandler(apiserver, clock, '192.168.56.11:6443'),
    explain,
    get apiserverUp() {
      return up
    },
    set apiserverUp(value: boolean) {
      if (up && !value) apiserver.closeWatches()
      up = value
    },
    client: (userAgent) =>
      new ApiClient(
        {
          address: '192.168.56.11:6443',
          server: () => (harness.apiserverUp ? apiserver : undefined),
        },
        userAgent,
      ),
    context(name, machine = 'cp-1') {
      const logs: string[] = []
      return {
        clock,
        random: random.fork(name),
        client: harness.client(name),
        explain,
        machine,
        logs,
        log: (line: string) => void logs.push(line),
      }
    },
    advance: (ms) => void clock.advance(ms),
  }
  const ns = findResource('', 'namespaces')!
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    apiserver.create(ns, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
  }
  return harness
}
