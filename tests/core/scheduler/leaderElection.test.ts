import { describe, expect, it } from 'vitest'
import type { Event, Lease } from '../../../core/api/types'
import { parseTimestamp } from '../../../core/api/time'
import { KubeScheduler } from '../../../core/scheduler/kubeScheduler'
import { node, pod, schedulerTest, threeNodes } from './fixtures'

describe('kube-scheduler: leader election and process lifecycle', () => {
  it('scheduler: leader election: it takes the Lease kube-system/kube-scheduler as <machine>_<uuid> (FIDELITY.md §6.5)', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    const lease = t.client.get<Lease>('leases', 'kube-system', 'kube-scheduler')
    expect(lease.spec.holderIdentity).toBe(t.scheduler.identity)
    expect(t.scheduler.identity).toMatch(
      /^cp-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(lease.spec.leaseDurationSeconds).toBe(15)
    const became = t.client
      .list<Event>('events', 'kube-system')
      .items.find((e) => e.reason === 'LeaderElection')
    expect(became?.message).toBe(`${t.scheduler.identity!} became leader`)
  })

  it('scheduler: leader election: with the scheduler stopped, new pods stay Pending and nothing else breaks', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    t.advance(3000)
    t.scheduler.stop()
    expect(t.scheduler.running).toBe(false)
    const renewTime = (): string =>
      t.client.get<Lease>('leases', 'kube-system', 'kube-scheduler').spec.renewTime!
    const lastRenew = renewTime()
    t.createPod(pod('web'))
    t.advance(60_000)
    expect(t.getPod('web').status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' })
    expect(t.events('web')).toEqual([])
    expect(renewTime()).toBe(lastRenew)
    // The old lease expired long ago: a new process takes it at once and schedules the pod.
    t.scheduler.start()
    expect(t.scheduler.isLeader).toBe(true)
    t.advance(1)
    expect(t.nodeOf('web')).toMatch(/^worker-[12]$/)
  })

  it('scheduler: leader election: a restarted scheduler waits for its old lease to expire (15 s), then schedules', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    t.advance(3000)
    const before = t.scheduler.identity
    const lease = (): Lease => t.client.get<Lease>('leases', 'kube-system', 'kube-scheduler')
    const expiresMs = parseTimestamp(lease().spec.renewTime!) + 15_000
    t.scheduler.stop()
    t.createPod(pod('web'))
    t.advance(5000)
    t.scheduler.start()
    expect(t.scheduler.identity).not.toBe(before)
    expect(t.scheduler.isLeader).toBe(false)
    t.advance(expiresMs - t.h.clock.nowMs - 1)
    expect(t.nodeOf('web')).toBeUndefined()
    expect(lease().spec.holderIdentity).toBe(before)
    t.advance(5000)
    expect(lease().spec.holderIdentity).toBe(t.scheduler.identity)
    expect(t.nodeOf('web')).toMatch(/^worker-[12]$/)
    // Candidates retry every 2 s × (1 + up to 1.2 jitter), so it is bound within 4.4 s of expiry.
    const boundAt = t.decision('web').atMs
    expect(boundAt).toBeGreaterThanOrEqual(expiresMs)
    expect(boundAt).toBeLessThanOrEqual(expiresMs + 4400)
  })

  it('scheduler: leader election: two instances never both schedule; the standby takes over when the leader stops', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    const standby = new KubeScheduler(t.h.context('kube-scheduler', 'cp-2'))
    standby.start()
    for (let i = 0; i < 6; i++) {
      t.createPod(pod(`a-${i}`))
      t.advance(2500)
      expect([t.scheduler.isLeader, standby.isLeader]).toEqual([true, false])
    }
    expect(t.scheduler.scheduler!.stats.scheduled).toBe(6)
    expect(standby.scheduler!.stats.attempts).toBe(0)
    t.scheduler.stop()
    for (let i = 0; i < 3; i++) t.createPod(pod(`b-${i}`))
    t.advance(25_000)
    expect(standby.isLeader).toBe(true)
    expect(standby.scheduler!.stats.scheduled).toBe(3)
    expect([0, 1, 2].map((i) => t.nodeOf(`b-${i}`)).every((n) => n !== undefined)).toBe(true)
    const lease = t.client.get<Lease>('leases', 'kube-system', 'kube-scheduler')
    expect(lease.spec.holderIdentity).toBe(standby.identity)
    expect(lease.spec.leaseTransitions).toBe(1)
  })

  it('scheduler: leader election: losing the API server for longer than the renew deadline stops scheduling', () => {
    const logs: string[] = []
    const t = schedulerTest({ nodes: threeNodes() })
    const context = t.h.context('kube-scheduler', 'cp-2')
    const exits: number[] = []
    const other = new KubeScheduler(
      { ...context, log: (line) => void logs.push(line) },
      { onExit: (code) => void exits.push(code) },
    )
    t.scheduler.stop()
    t.advance(16_000)
    other.start()
    t.advance(5000)
    expect(other.isLeader).toBe(true)
    t.h.apiserverUp = false
    t.advance(12_000)
    expect(other.isLeader).toBe(false)
    expect(other.running).toBe(false)
    expect(exits).toEqual([1])
    expect(logs).toContain('attempting to acquire leader lease kube-system/kube-scheduler...')
    expect(logs).toContain('successfully acquired lease kube-system/kube-scheduler')
    expect(logs).toContain('"Leaderelection lost"')
  })

  it('scheduler: determinism: the same seed gives the same placements', () => {
    const run = (seed: number): (string | undefined)[] => {
      const nodes = [...threeNodes(), node('worker-3'), node('worker-4'), node('worker-5')]
      const t = schedulerTest({ seed, nodes })
      for (let i = 0; i < 40; i++) t.createPod(pod(`p-${i}`))
      t.advance(1000)
      return Array.from({ length: 40 }, (_, i) => t.nodeOf(`p-${i}`))
    }
    const first = run(7)
    expect(first.every((n) => n !== undefined)).toBe(true)
    expect(run(7)).toEqual(first)
    expect([run(8), run(9), run(10)].some((other) => other.join() !== first.join())).toBe(true)
  })
})
