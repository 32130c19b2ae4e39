/**
 * etcd in an HA cluster (three stacked members): a write the API server acknowledged (201) was
 * committed by a quorum, so it survives any later loss of members short of the whole cluster,
 * and no write is acknowledged while fewer than a quorum (2 of 3) of members run.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConnectionRefused } from '../../../core/client/client'
import { sim, type SimTest } from '../../support/sim'
import { parameters } from './parameters'

const CONTROL_PLANES = ['cp-1', 'cp-2', 'cp-3'] as const
const QUORUM = 2

type EtcdCommand =
  | { kind: 'configmap/create' }
  | { kind: 'etcd/stop'; machine: string }
  | { kind: 'etcd/start'; machine: string }

interface EtcdStep {
  command: EtcdCommand
  thenSeconds: number
}

const member = fc.constantFrom(...CONTROL_PLANES)
const etcdStep: fc.Arbitrary<EtcdStep> = fc.record({
  command: fc.oneof(
    { arbitrary: fc.constant({ kind: 'configmap/create' as const }), weight: 3 },
    {
      arbitrary: fc.record({ kind: fc.constant('etcd/stop' as const), machine: member }),
      weight: 2,
    },
    {
      arbitrary: fc.record({ kind: fc.constant('etcd/start' as const), machine: member }),
      weight: 1,
    },
  ),
  thenSeconds: fc.integer({ min: 1, max: 60 }),
})

const configMap = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data: { written: name },
})

/** POSTs a ConfigMap as kubectl on cp-1 does; the status, or 0 if the dial is refused. */
function create(t: SimTest, name: string): number {
  try {
    return t.create(configMap(name)).status
  } catch (error) {
    if (error instanceof ConnectionRefused) return 0
    throw error
  }
}

/** Runs the plan; returns the acknowledged names and the writes acknowledged without quorum. */
function run(t: SimTest, plan: EtcdStep[]): { acknowledged: string[]; withoutQuorum: string[] } {
  const stopped = new Map<string, string>()
  const acknowledged: string[] = []
  const withoutQuorum: string[] = []
  plan.forEach(({ command, thenSeconds }, i) => {
    if (command.kind === 'configmap/create') {
      const name = `cm-${i}`
      const up = t.kube.etcd.members.filter((m) => m.up).map((m) => m.name)
      if (create(t, name) === 201) {
        acknowledged.push(name)
        if (up.length < QUORUM) withoutQuorum.push(`${name} with only [${up.join(', ')}] up`)
      }
    } else if (command.kind === 'etcd/stop' && !stopped.has(command.machine)) {
      const target = { kind: 'component' as const, type: 'etcd' as const, machine: command.machine }
      stopped.set(command.machine, t.fault('process/stop', target).id)
    } else if (command.kind === 'etcd/start' && stopped.has(command.machine)) {
      t.heal(stopped.get(command.machine)!)
      stopped.delete(command.machine)
    }
    t.advance(thenSeconds * 1000)
  })
  return { acknowledged, withoutQuorum }
}

describe('properties: etcd', () => {
  it('properties: etcd: no acknowledged write is lost while etcd has quorum', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.array(etcdStep, { minLength: 1, maxLength: 14 }),
        (seed, plan) => {
          const t = sim({ seed, cluster: { controlPlanes: 3, workers: 1 } })
          const { acknowledged, withoutQuorum } = run(t, plan)
          expect(withoutQuorum).toEqual([])
          t.simulation.handle({ kind: 'fault/heal-all' })
          // Beyond the 5-minute CrashLoopBackOff cap: the API server's liveness probe fails
          // while its etcd member is down, so the kubelet may be backing off its restarts.
          t.advance('6m')
          const lost = acknowledged.filter((name) => {
            const response = t.api('GET', `/api/v1/namespaces/default/configmaps/${name}`)
            const data = (response.body as { data?: Record<string, string> }).data
            return response.status !== 200 || data?.['written'] !== name
          })
          expect(lost).toEqual([])
          // Healed, the cluster takes writes again.
          expect(create(t, 'after-healing')).toBe(201)
        },
      ),
      parameters(15),
    )
  })
})
