import { describe, expect, it } from 'vitest'
import { parseTimestamp } from '../../../core/api/time'
import type { Lease, Node, ReplicaSet } from '../../../core/api/types'
import type { ControllerFactory } from '../../../core/controllers/controller'
import { KubeControllerManager } from '../../../core/controllers/kubeControllerManager'
import { deployment, events, lab, node, pods, type Lab } from './support'

function lease(h: Lab): Lease {
  return h.admin.get<Lease>('leases', 'kube-system', 'kube-controller-manager')
}

describe('kube-controller-manager', () => {
  it('controllers: kube-controller-manager: holds the Lease kube-system/kube-controller-manager as <machine>_<uuid> (FIDELITY §6.5)', () => {
    const h = lab(1)
    h.advance(0)
    const { spec } = lease(h)
    expect(spec.holderIdentity).toBe(h.kcm.identity)
    expect(spec.holderIdentity).toMatch(
      /^cp-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(spec.leaseDurationSeconds).toBe(15)
    expect(events(h, 'kube-controller-manager', 'kube-system')).toEqual([
      `LeaderElection: ${h.kcm.identity} became leader`,
    ])
    expect(h.kcmContext.logs.slice(0, 2)).toEqual([
      'attempting to acquire leader lease kube-system/kube-controller-manager...',
      'successfully acquired lease kube-system/kube-controller-manager',
    ])
    h.advance(6000)
    expect(lease(h).spec.renewTime).toBe('2026-01-05T09:00:06.000000Z')
  })

  it('controllers: kube-controller-manager: stopped, it replaces nothing; restarted, it waits for its old Lease to expire (15 s)', () => {
    const h = lab(1)
    h.admin.create('deployments', 'default', deployment('web', 1, 'nginx:1.27'))
    h.advance(5000)
    const renewedMs = parseTimestamp(lease(h).spec.renewTime!)
    expect(renewedMs).toBe(4000)
    h.kcm.stop()
    expect(h.kcm.running).toBe(false)
    h.admin.delete('pods', 'default', pods(h)[0]!.metadata.name!)
    h.advance(10_000)
    expect(pods(h)).toEqual([])
    const firstIdentity = lease(h).spec.holderIdentity
    h.kcm.start()
    expect(h.kcm.identity).not.toBe(firstIdentity)
    h.advance(renewedMs + 15_000 - h.clock.nowMs - 1)
    expect(h.kcm.isLeader).toBe(false)
    expect(pods(h)).toEqual([])
    h.advance(10_000)
    const { spec } = lease(h)
    expect(spec.holderIdentity).toBe(h.kcm.identity)
    expect(spec.leaseTransitions).toBe(1)
    const acquiredMs = parseTimestamp(spec.acquireTime!)
    // Taken at the first retry (every 2 s × (1 + jitter ≤ 1.2)) after the expiry at 19 s.
    expect(acquiredMs).toBeGreaterThanOrEqual(19_000)
    expect(acquiredMs).toBeLessThanOrEqual(19_000 + 4400)
    const [replacement] = pods(h)
    expect(parseTimestamp(replacement!.metadata.creationTimestamp!)).toBe(
      Math.floor(acquiredMs / 1000) * 1000,
    )
  })

  it('controllers: kube-controller-manager: of two instances only the leader acts, and the other takes over', () => {
    const h = lab(1)
    const standby = new KubeControllerManager(h.context('kube-controller-manager', 'cp-2'))
    standby.start()
    h.advance(3000)
    expect([h.kcm.isLeader, standby.isLeader]).toEqual([true, false])
    expect(standby.controllers).toEqual([])
    h.kcm.stop()
    h.advance(20_000)
    expect(standby.isLeader).toBe(true)
    expect(lease(h).spec.holderIdentity).toMatch(/^cp-2_/)
    h.admin.create('deployments', 'default', deployment('web', 2, 'nginx:1.27'))
    h.advance(0)
    expect(pods(h)).toHaveLength(2)
    standby.stop()
  })

  it('controllers: kube-controller-manager: losing the API server for 10 s loses the lease; it leads again when it returns', () => {
    const h = lab(1)
    h.advance(1000)
    h.apiserverUp = false
    h.advance(9000)
    expect(h.kcm.isLeader).toBe(false)
    expect(h.kcmContext.logs).toContain('leaderelection lost')
    h.apiserverUp = true
    h.advance(5000)
    expect(h.kcm.isLeader).toBe(true)
    h.admin.create('deployments', 'default', deployment('web', 1, 'nginx:1.27'))
    h.advance(0)
    expect(pods(h)).toHaveLength(1)
  })

  it('controllers: kube-controller-manager: the same seed gives the same names', () => {
    const run = (seed: number) => {
      const h = lab(seed)
      h.admin.create('nodes', undefined, node('worker-1'))
      h.admin.create('deployments', 'default', deployment('web', 3, 'nginx:1.27'))
      h.advance(2000)
      return {
        identity: h.kcm.identity,
        replicaSets: h.admin
          .list<ReplicaSet>('replicasets', 'default')
          .items.map((rs) => rs.metadata.name),
        pods: pods(h).map((p) => p.metadata.name),
        events: events(h, 'web'),
      }
    }
    const first = run(7)
    expect(run(7)).toEqual(first)
    const other = run(8)
    expect(other.replicaSets).toEqual(first.replicaSets)
    expect(other.pods).not.toEqual(first.pods)
  })

  it('controllers: kube-controller-manager: extra controllers run only while it leads', () => {
    const calls: string[] = []
    const instance = {
      start: () => void calls.push('instance start'),
      stop: () => void calls.push('instance stop'),
    }
    const factory: ControllerFactory = (env) => {
      const nodes = env.informers.informer<Node>('nodes')
      calls.push('factory')
      return {
        start: () => void calls.push(`made start, nodes synced: ${nodes.hasSynced}`),
        stop: () => void calls.push('made stop'),
      }
    }
    const h = lab(1, { extraControllers: [instance, factory] })
    expect(calls).toEqual(['factory', 'instance start', 'made start, nodes synced: true'])
    h.kcm.stop()
    expect(calls.slice(3)).toEqual(['instance stop', 'made stop'])
  })
})
