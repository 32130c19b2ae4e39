import { describe, expect, it } from 'vitest'
import { sim } from '../support/sim'

describe('inspect/object', () => {
  it('inspect: kube-apiserver: shows it Running as a static pod with its manifest flags', () => {
    const t = sim({ seed: 1 })
    const apiserver = t.simulation.handle({
      kind: 'inspect/object',
      object: 'Component',
      name: 'kube-apiserver-cp-1',
    })
    expect(apiserver).toMatchObject({
      kind: 'Component',
      machine: 'cp-1',
      state: 'Running',
      runsAs: 'static-pod',
      manifest: '/etc/kubernetes/manifests/kube-apiserver.yaml',
      logSource: 'container',
    })
    expect(apiserver.command[0]).toBe('kube-apiserver')
    expect(apiserver.command).toContain('--etcd-servers=https://127.0.0.1:2379')
    expect(apiserver.ports.map((p) => p.port)).toContain(6443)
    expect(apiserver.logs.some((line) => line.includes('Serving securely'))).toBe(true)
  })

  it('inspect: kubelet: after process/stop it is Stopped and its why chain names the fault', () => {
    const t = sim({ seed: 1 })
    const before = t.simulation.handle({
      kind: 'inspect/object',
      object: 'Component',
      name: 'kubelet-worker-1',
    })
    expect(before).toMatchObject({ state: 'Running', runsAs: 'systemd', logSource: 'journal' })
    expect(before.command).toEqual([])
    expect(before.logs.length).toBeGreaterThan(0)
    expect(before.logs.length).toBeLessThanOrEqual(20)

    const fault = t.fault('process/stop', {
      kind: 'component',
      type: 'kubelet',
      machine: 'worker-1',
    })
    t.advance('2m')
    const after = t.simulation.handle({
      kind: 'inspect/object',
      object: 'Component',
      name: 'kubelet-worker-1',
    })
    expect(after.state).toBe('Stopped')
    expect(after.why[0]).toMatchObject({ code: 'FaultApplied', component: 'lab' })
    expect(after.why[0]!.summary).toContain(fault.id)

    const node = t.simulation.handle({
      kind: 'inspect/object',
      object: 'Machine',
      name: 'worker-1',
    })
    expect(node).toMatchObject({ kind: 'Machine', state: 'On', command: [], logSource: 'none' })
    expect(node.why.map((r) => r.subject)).toEqual(['Node worker-1', 'Component kubelet-worker-1'])
  })

  it('inspect: kube-apiserver: still answers while the kubelet that serves its logs is stopped, from the lab’s own log', () => {
    const t = sim({ seed: 1 })
    t.fault('process/stop', { kind: 'component', type: 'kubelet', machine: 'cp-1' })
    const apiserver = t.simulation.handle({
      kind: 'inspect/object',
      object: 'Component',
      name: 'kube-apiserver-cp-1',
    })
    // A stopped kubelet serves no container logs: the inspection still answers, with the lines
    // the API server wrote to the lab's own log (the timeline's), as for the scheduler.
    expect(apiserver).toMatchObject({ state: 'Running', logSource: 'container' })
    expect(apiserver.logs.some((l) => l.endsWith('] Serving securely on [::]:6443'))).toBe(true)
    expect(apiserver.command).toContain('--etcd-servers=https://127.0.0.1:2379')
  })

  it('inspect: refuses an unknown name with NotFound', () => {
    const t = sim({ seed: 1 })
    expect(() =>
      t.simulation.handle({ kind: 'inspect/object', object: 'Component', name: 'kubelet-nowhere' }),
    ).toThrow(expect.objectContaining({ code: 'NotFound' }))
  })

  it('inspect: changes nothing in the simulation', () => {
    const t = sim({ seed: 1 })
    const revision = t.simulation.world.revision
    const why = t.simulation.handle({ kind: 'explain/why', subject: 'Node worker-1' })
    t.simulation.handle({ kind: 'inspect/object', object: 'Machine', name: 'worker-1' })
    t.simulation.handle({ kind: 'inspect/object', object: 'Component', name: 'etcd-cp-1' })
    expect(t.simulation.world.revision).toBe(revision)
    expect(t.simulation.handle({ kind: 'explain/why', subject: 'Node worker-1' })).toEqual(why)
  })
})
