/**
 * The node's small pieces: the back-off, log rotation, Go's durations, quantities, the runtime
 * health messages and the pod phase rules.
 */
import { describe, expect, it } from 'vitest'
import type { ContainerStatus, Pod } from '../../../core/api/types'
import { Backoff } from '../../../core/node/backoff'
import { ContainerLog } from '../../../core/node/containerLog'
import { getPhase } from '../../../core/node/podStatus'
import { isQuantity, milliValue, value } from '../../../core/api/quantity'
import { aggregate, RuntimeState } from '../../../core/node/runtimeState'
import { goDuration } from '../../../core/node/timeFormat'

describe('node support', () => {
  it('backoff: 10 s doubling to 300 s, reset after 10 quiet minutes (FIDELITY.md §5.3)', () => {
    let now = 0
    const backoff = new Backoff(() => now)
    const delays: number[] = []
    for (let i = 0; i < 8; i++) {
      backoff.next('c', now)
      delays.push(backoff.get('c') / 1000)
      now += 1_000
    }
    expect(delays).toEqual([10, 20, 40, 80, 160, 300, 300, 300])
    expect(backoff.isInBackOffSince('c', now)).toBe(true)
    now += 700_000
    expect(backoff.isInBackOffSince('c', now)).toBe(false)
    backoff.next('c', now)
    expect(backoff.get('c')).toBe(10_000)
  })

  it('log: the ring buffer keeps the newest lines, tailLines takes the last ones', () => {
    const log = new ContainerLog(3)
    for (let i = 1; i <= 5; i++) log.append({ atMs: i * 1000, stream: 'stdout', text: `line ${i}` })
    expect(log.read()).toBe('line 3\nline 4\nline 5\n')
    expect(log.read({ tailLines: 1 })).toBe('line 5\n')
    expect(log.read({ tailLines: 1, timestamps: true })).toBe(
      '2026-01-05T09:00:05.000000000Z line 5\n',
    )
  })

  it("goDuration: prints as Go's time.Duration does", () => {
    expect([0, 850, 4_123, 10_000, 80_000, 300_000, 3_723_500].map(goDuration)).toEqual([
      '0s',
      '850ms',
      '4.123s',
      '10s',
      '1m20s',
      '5m0s',
      '1h2m3.5s',
    ])
  })

  it('quantity: binary and decimal suffixes, millis, exponents', () => {
    expect(['128Mi', '1Gi', '2', '1e3', '1k'].map(value)).toEqual([
      134_217_728, 1_073_741_824, 2, 1000, 1000,
    ])
    expect(milliValue('500m') / 1000).toBe(0.5)
    expect(isQuantity('x')).toBe(false)
  })

  it('runtime state: "container runtime is down" 30 s after the last answer; errors aggregate as Go does', () => {
    let now = 0
    const state = new RuntimeState(() => now)
    expect(state.notReadyMessage()).toBe(
      '[container runtime status check may not have completed yet, PLEG is not healthy: pleg has yet to be successful]',
    )
    const up = {
      status: () => ({
        runtimeReady: true,
        networkReady: true,
        networkReason: '',
        networkMessage: '',
      }),
    }
    state.check(up as never)
    expect(state.notReadyMessage()).toBeUndefined()
    now = 29_999
    expect(state.runtimeUp).toBe(true)
    now = 30_000
    expect(state.notReadyMessage()).toBe('container runtime is down')
    expect(aggregate(['a'])).toBe('a')
  })

  it("phase: getPhase follows the kubelet's rules (FIDELITY.md §5.1)", () => {
    const pod = (restartPolicy: 'Always' | 'OnFailure' | 'Never'): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {},
      spec: { restartPolicy, containers: [{ name: 'c', image: 'x' }] },
    })
    const status = (
      state: ContainerStatus['state'],
      lastState: ContainerStatus['lastState'] = {},
    ): ContainerStatus => ({
      name: 'c',
      state,
      lastState,
      ready: false,
      restartCount: 0,
      image: 'x',
      imageID: '',
    })
    const waiting = status({ waiting: { reason: 'ContainerCreating' } })
    const running = status({ running: {} })
    const failed = status({ terminated: { exitCode: 1 } })
    const done = status({ terminated: { exitCode: 0 } })
    const restarting = status(
      { waiting: { reason: 'CrashLoopBackOff' } },
      { terminated: { exitCode: 1 } },
    )
    expect(getPhase(pod('Always'), [], [waiting], false)).toBe('Pending')
    expect(getPhase(pod('Always'), [], [running], false)).toBe('Running')
    expect(getPhase(pod('Always'), [], [restarting], false)).toBe('Running')
    expect(getPhase(pod('Never'), [], [failed], false)).toBe('Failed')
    expect(getPhase(pod('Never'), [], [done], false)).toBe('Succeeded')
    expect(getPhase(pod('OnFailure'), [], [done], false)).toBe('Succeeded')
    expect(getPhase(pod('Always'), [], [done], true)).toBe('Succeeded')
  })
})
