/**
 * What each Weave router writes about its connections (core/network/weaveLog.ts), as Weave Net
 * 2.8 prints it: exact lines, written when a link changes and only then.
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../core/api/types'
import { weaveLine, weavePeer, weavePeerName } from '../../../core/network/weaveLog'
import { sim, type SimTest } from '../../support/sim'

/** What weave-net on `machine` wrote after `sinceMs` (inclusive), without the timestamps. */
function said(t: SimTest, machine: string, sinceMs: number): string[] {
  return t.kube.logs
    .recent(sinceMs - 1)
    .filter((l) => l.component === `weave-net-${machine}`)
    .map((l) => l.text.replace(/^INFO: \S+ \S+ /, ''))
}

const W1 = '192.168.56.21:6783'

describe('weave: log', () => {
  it('weave: log: lines carry Weave’s INFO prefix with the virtual time to the microsecond', () => {
    expect(weaveLine(1234, 'x')).toBe('INFO: 2026/01/05 09:00:01.234000 x')
  })

  it('weave: log: a peer name is a stable, locally administered MAC address, printed name(nickname)', () => {
    const name = weavePeerName('worker-1')
    expect(name).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/)
    expect(Number.parseInt(name.slice(0, 2), 16) & 0x03).toBe(0x02)
    expect(weavePeerName('worker-1')).toBe(name)
    expect(weavePeerName('worker-2')).not.toBe(name)
    expect(weavePeer('worker-1')).toBe(`${name}(worker-1)`)
  })

  it('weave: log: at boot a router connects to each peer: ready, fastdp, added, fully established', () => {
    const t = sim({ seed: 1 })
    const log = said(t, 'worker-2', -Infinity)
    expect(log[1]).toBe(`Our name is ${weavePeer('worker-2')}`)
    const cp1 = `->[192.168.56.11:6783|${weavePeer('cp-1')}]:`
    expect(log).toEqual(
      expect.arrayContaining([
        '->[192.168.56.11:6783] attempting connection',
        `${cp1} connection ready; using protocol version 2`,
        `overlay_switch ->[${weavePeer('cp-1')}] using fastdp`,
        `${cp1} connection fully established`,
      ]),
    )
    const i = log.indexOf(`${cp1} connection ready; using protocol version 2`)
    expect(log.slice(i - 1, i + 4)).toEqual([
      '->[192.168.56.11:6783] attempting connection',
      `${cp1} connection ready; using protocol version 2`,
      `overlay_switch ->[${weavePeer('cp-1')}] using fastdp`,
      expect.stringMatching(/^->\[192\.168\.56\.11:6783\|.*\]: connection added( \(new peer\))?$/),
      `${cp1} connection fully established`,
    ])
  })

  it('weave: log: a partitioned node’s peers shut its connection down, remove it and fail to redial, once', () => {
    const t = sim({ seed: 1 })
    const at = t.nowMs
    t.fault('machine/partition', { kind: 'machine', machine: 'worker-1' })
    t.advance('5m')
    const w1 = `->[${W1}|${weavePeer('worker-1')}]:`
    expect(said(t, 'cp-1', at)).toEqual([
      `${w1} connection shutting down due to error: no working forwarders to ${weavePeer('worker-1')}`,
      `${w1} connection deleted`,
      `Removed unreachable peer ${weavePeer('worker-1')}`,
      `->[${W1}] attempting connection`,
      `->[${W1}] error during connection attempt: dial tcp4 :0->${W1}: connect: no route to host`,
    ])
    expect(t.kube.logs.recent(at - 1).find((l) => l.component === 'weave-net-cp-1')!.atMs).toBe(at)
  })

  it('weave: log: after the partition heals the peers connect again, as new peers', () => {
    const t = sim({ seed: 1 })
    const fault = t.fault('machine/partition', { kind: 'machine', machine: 'worker-1' })
    t.advance('1m')
    const at = t.nowMs
    t.heal(fault.id)
    const w1 = `->[${W1}|${weavePeer('worker-1')}]:`
    expect(said(t, 'worker-2', at)).toEqual([
      `->[${W1}] attempting connection`,
      `${w1} connection ready; using protocol version 2`,
      `overlay_switch ->[${weavePeer('worker-1')}] using fastdp`,
      `${w1} connection added (new peer)`,
      `${w1} connection fully established`,
    ])
  })

  it('weave: log: when a router stops, its peers read EOF, delete the connection and are refused', () => {
    const t = sim({ seed: 1 })
    const at = t.nowMs
    t.fault('process/stop', { kind: 'component', type: 'weave-net', machine: 'worker-1' })
    const w1 = `->[${W1}|${weavePeer('worker-1')}]:`
    expect(said(t, 'worker-2', at)).toEqual([
      `${w1} connection shutting down due to error: EOF`,
      `${w1} connection deleted`,
      `Removed unreachable peer ${weavePeer('worker-1')}`,
      `->[${W1}] attempting connection`,
      `->[${W1}] error during connection attempt: dial tcp4 :0->${W1}: connect: connection refused`,
    ])
    // The stopped router itself writes nothing more.
    expect(said(t, 'worker-1', at)).toEqual([])
  })

  it('weave: log: a blocked TCP 6783 ends connections with a read timeout', () => {
    const t = sim({ seed: 1 })
    const at = t.nowMs
    t.fault('port/block', { kind: 'port', machine: 'worker-1', port: 6783, protocol: 'TCP' })
    const log = said(t, 'cp-1', at)
    expect(log[0]).toMatch(
      /^->\[192\.168\.56\.21:6783\|.*\(worker-1\)\]: connection shutting down due to error: read tcp4 192\.168\.56\.11:\d{5}->192\.168\.56\.21:6783: i\/o timeout$/,
    )
    expect(log.at(-1)).toBe(
      `->[${W1}] error during connection attempt: dial tcp4 :0->${W1}: i/o timeout`,
    )
  })

  it('weave: log: kubectl logs of the weave container holds the router’s connection lines', () => {
    const t = sim({ seed: 1 })
    t.fault('machine/partition', { kind: 'machine', machine: 'worker-1' })
    const pod = t
      .stored<Pod>('/registry/pods/kube-system/weave-net-')
      .find((p) => p.spec.nodeName === 'cp-1')!
    const out = t.sh(`kubectl logs -n kube-system ${pod.metadata.name} -c weave --tail 2`).stdout
    const last = t.kube.logs.tail('weave-net-cp-1', 2)
    expect(out).toBe(`${last.join('\n')}\n`)
    expect(out).toContain('error during connection attempt')
  })

  it('weave: log: nothing is written while the network does not change', () => {
    const t = sim({ seed: 1 })
    const at = t.nowMs
    t.sh('kubectl create deployment web --image=nginx --replicas=4')
    t.advance('10m')
    for (const m of ['cp-1', 'worker-1', 'worker-2']) expect(said(t, m, at)).toEqual([])
  })
})
