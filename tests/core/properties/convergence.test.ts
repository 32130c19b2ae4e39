/**
 * Convergence: whatever a learner changes and breaks, once every fault is healed the cluster
 * settles on what the API objects ask for. This is the controllers' level-driven promise.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Deployment, Node, Pod } from '../../../core/api/types'
import { FAULT_KINDS } from '../../../core/faults/catalogue'
import { sim, type SimTest } from '../../support/sim'
import { faultCommand, killContainerCommand, runStep, steps, type Command } from './commands'
import { parameters } from './parameters'

/**
 * After healing, the longest waits are the 5-minute back-off caps (CrashLoopBackOff,
 * ImagePullBackOff) and the 300 s eviction after a node's taint: ten minutes covers them.
 */
const RECOVERY = '10m'

const describePod = (p: Pod): string =>
  `${p.metadata.name} on ${p.spec.nodeName ?? '-'} ${p.status?.phase ?? '-'} ` +
  `${p.spec.containers[0]?.image ?? '-'} ready=${isReady(p)}` +
  (p.metadata.deletionTimestamp === undefined ? '' : ' terminating')

const isReady = (p: Pod): boolean =>
  p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True'

/** Every way the cluster differs from its desired state, as sentences; empty when converged. */
function divergences(t: SimTest): string[] {
  const problems: string[] = []
  const deployments = t.stored<Deployment>('/registry/deployments/default/')
  const pods = t.stored<Pod>('/registry/pods/default/')
  const live = pods.filter((p) => p.metadata.deletionTimestamp === undefined)
  for (const d of deployments) {
    const image = d.spec.template.spec.containers[0]!.image
    const own = live.filter((p) => p.metadata.labels?.['app'] === d.metadata.name)
    const good = own.filter(
      (p) => p.status?.phase === 'Running' && p.spec.containers[0]?.image === image && isReady(p),
    )
    if (own.length !== d.spec.replicas || good.length !== own.length) {
      problems.push(
        `Deployment ${d.metadata.name} wants ${d.spec.replicas} × ${image}, has ` +
          `[${own.map(describePod).join('; ')}]`,
      )
    }
  }
  const names = new Set(deployments.map((d) => d.metadata.name))
  for (const p of pods.filter((p) => !names.has(p.metadata.labels?.['app']))) {
    problems.push(`Pod of no Deployment left: ${describePod(p)}`)
  }
  for (const p of pods.filter((p) => p.metadata.deletionTimestamp !== undefined)) {
    if (names.has(p.metadata.labels?.['app']))
      problems.push(`Pod still terminating: ${describePod(p)}`)
  }
  // The add-ons and the control plane's mirror pods are desired state too.
  for (const p of t.stored<Pod>('/registry/pods/kube-system/')) {
    const terminating = p.metadata.deletionTimestamp !== undefined
    if (terminating || p.status?.phase !== 'Running' || !isReady(p))
      problems.push(`System Pod not ready: ${describePod(p)}`)
  }
  for (const node of t.stored<Node>('/registry/minions/')) {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
    if (ready?.status !== 'True')
      problems.push(`Node ${node.metadata.name} Ready=${ready?.status} (${ready?.message})`)
  }
  for (const c of t.simulation.components()) {
    if (c.status.state !== 'Running') problems.push(`${c.metadata.name} is ${c.status.state}`)
  }
  return problems
}

describe('properties: convergence', () => {
  it('properties: convergence: random workload changes and faults, all healed at the end, converge to the desired state', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), steps(8), (seed, plan) => {
        const t = sim({ seed })
        for (const s of plan) runStep(t, s)
        t.simulation.handle({ kind: 'fault/heal-all' })
        t.advance(RECOVERY)
        expect(divergences(t)).toEqual([])
      }),
      parameters(15),
    )
  })

  it('properties: convergence: the fault generator covers every fault kind and component type in the catalogue', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(fc.oneof(faultCommand, killContainerCommand), (command: Command) => {
        if (command.kind === 'fault/kill-container') seen.add('container/kill')
        if (command.kind !== 'fault/apply') return
        seen.add(command.fault)
        if (command.target.kind === 'component') seen.add(command.target.type)
      }),
      { numRuns: 2000, seed: 1 },
    )
    const expected = FAULT_KINDS.flatMap((k) => [k.id, ...(k.components ?? [])])
    expect([...seen].sort()).toEqual([...new Set(expected)].sort())
  })
})
