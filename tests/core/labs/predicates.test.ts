import { describe, expect, it } from 'vitest'
import { evaluate, type Predicate } from '../../../core/labs/index'
import type { CheckContext } from '../../../core/labs/predicates/context'
import { parseFieldPath, readFieldPath } from '../../../core/labs/predicates/fieldPath'
import { PredicateSchema } from '../../../core/labs/predicates/schema'
import { sim, type SimTest } from '../../support/sim'
import { contextOf } from './fixtures'

/** Parses as a scenario would (defaults, durations), then evaluates. */
function check(t: SimTest, predicate: unknown, context: Partial<CheckContext> = {}) {
  return evaluate(PredicateSchema.parse(predicate), contextOf(t.simulation, context))
}
const ok = (t: SimTest, predicate: unknown, context: Partial<CheckContext> = {}) =>
  check(t, predicate, context).ok

const WEB_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
}

describe('labs: predicates: objects', () => {
  it('objectExists reads etcd for cluster-wide and namespaced kinds', () => {
    const t = sim({ seed: 1 })
    expect(check(t, { check: 'objectExists', kind: 'Node', name: 'cp-1' })).toEqual({
      ok: true,
      reason: { en: 'Node cp-1 exists.', 'pt-BR': 'Node cp-1 existe.' },
    })
    expect(
      ok(t, { check: 'objectExists', kind: 'Pod', namespace: 'kube-system', name: 'etcd-cp-1' }),
    ).toBe(true)
    expect(check(t, { check: 'objectExists', kind: 'Pod', name: 'web' })).toEqual({
      ok: false,
      reason: { en: 'Pod default/web does not exist.', 'pt-BR': 'Pod default/web não existe.' },
    })
  })

  it('objectExists still answers when the API server is down', () => {
    const t = sim({ seed: 1 })
    t.fault('process/stop', { kind: 'component', type: 'kube-apiserver', machine: 'cp-1' })
    t.advance('30s')
    expect(t.sh('kubectl get nodes').exitCode).toBe(1)
    expect(ok(t, { check: 'objectExists', kind: 'Node', name: 'worker-1' })).toBe(true)
  })

  it('field compares a value at a path, with array items by index or by a field', () => {
    const t = sim({ seed: 1 })
    const node = { check: 'field', kind: 'Node', name: 'cp-1' }
    expect(ok(t, { ...node, path: 'spec.taints[0].effect', equals: 'NoSchedule' })).toBe(true)
    expect(ok(t, { ...node, path: 'status.conditions[type=Ready].status', equals: 'True' })).toBe(
      true,
    )
    expect(
      check(t, { ...node, path: 'status.conditions[type=Ready].status', equals: 'False' }),
    ).toEqual({
      ok: false,
      reason: {
        en: 'Node cp-1: status.conditions[type=Ready].status is True (wanted "False").',
        'pt-BR': 'Node cp-1: status.conditions[type=Ready].status é True (esperado "False").',
      },
    })
    expect(
      ok(t, { ...node, path: 'metadata.labels["kubernetes.io/hostname"]', matches: '^cp-' }),
    ).toBe(true)
    expect(ok(t, { ...node, path: 'spec.podCIDR.nothing' })).toBe(false)
    expect(ok(t, { ...node, path: 'spec.taints' })).toBe(true)
  })
})

describe('labs: predicates: field paths', () => {
  it('parses keys, indexes, matches and quoted keys, and rejects malformed paths', () => {
    expect(parseFieldPath('a.b[2][k=v]["x.y"]')).toEqual([
      { kind: 'key', key: 'a' },
      { kind: 'key', key: 'b' },
      { kind: 'index', index: 2 },
      { kind: 'match', key: 'k', value: 'v' },
      { kind: 'key', key: 'x.y' },
    ])
    expect(parseFieldPath('a..b')).toMatch(/cannot read the path "a..b" at character 2/)
    expect(parseFieldPath('.a')).toMatch(/at character 1/)
    expect(parseFieldPath('')).toBe('the path is empty')
  })

  it('reads undefined past a missing part or a type that does not fit', () => {
    const object = { a: [{ k: 'v', n: 1 }], s: 'text' }
    const read = (path: string) => readFieldPath(object, parseFieldPath(path) as never)
    expect(read('a[k=v].n')).toBe(1)
    expect(read('a[0].k')).toBe('v')
    expect(read('a[k=w].n')).toBeUndefined()
    expect(read('s.length')).toBeUndefined()
    expect(read('s[0]')).toBeUndefined()
  })
})

describe('labs: predicates: pods and nodes', () => {
  it('podsInPhase counts pods by selector, phase and node', () => {
    const t = sim({ seed: 1 })
    const dns = { check: 'podsInPhase', namespace: 'kube-system', selector: 'k8s-app=kube-dns' }
    expect(ok(t, { ...dns, phase: 'Running', count: 2 })).toBe(true)
    expect(check(t, { ...dns, phase: 'Running', count: 3 }).reason.en).toBe(
      '2 of 2 pods (k8s-app=kube-dns) in kube-system are Running; wanted exactly 3.',
    )
    expect(ok(t, { ...dns, phase: 'Running', atLeast: 1, node: 'cp-1' })).toBe(false)
    expect(ok(t, { ...dns, phase: 'Pending' })).toBe(false)
    t.create(WEB_POD)
    expect(ok(t, { check: 'podsInPhase', selector: 'app=web', phase: 'Pending' })).toBe(true)
    t.advance('30s')
    expect(ok(t, { check: 'podsInPhase', selector: 'app=web', phase: 'Running' })).toBe(true)
  })

  it('nodeCondition sees a worker go Unknown once its kubelet stops posting status', () => {
    const t = sim({ seed: 1 })
    const ready = { check: 'nodeCondition', node: 'worker-1', type: 'Ready' }
    expect(ok(t, { ...ready, status: 'True' })).toBe(true)
    expect(ok(t, { ...ready, status: ['False', 'Unknown'] })).toBe(false)
    t.fault('process/stop', { kind: 'component', type: 'kubelet', machine: 'worker-1' })
    t.advance('2m')
    expect(check(t, { ...ready, status: ['False', 'Unknown'] })).toEqual({
      ok: true,
      reason: { en: 'Node worker-1: Ready=Unknown.', 'pt-BR': 'Node worker-1: Ready=Unknown.' },
    })
    expect(ok(t, { ...ready, node: 'worker-9', status: 'True' })).toBe(false)
  })
})

describe('labs: predicates: components and faults', () => {
  it('componentState follows the process, even before the world is synced', () => {
    const t = sim({ seed: 1 })
    const kubelet = { check: 'componentState', component: 'kubelet', machine: 'worker-1' }
    expect(ok(t, { ...kubelet, state: 'Running' })).toBe(true)
    t.fault('process/stop', { kind: 'component', type: 'kubelet', machine: 'worker-1' })
    expect(ok(t, { ...kubelet, state: 'Stopped' })).toBe(true)
    t.sh('ssh worker-1 systemctl start kubelet')
    expect(ok(t, { ...kubelet, state: 'Running' })).toBe(true)
    expect(ok(t, { ...kubelet, machine: 'worker-7', state: 'Running' })).toBe(false)
  })

  it('fault is active once applied and healed once healed; not applied is neither', () => {
    const t = sim({ seed: 1 })
    const applied = t.fault('port/block', {
      kind: 'port',
      machine: 'cp-1',
      port: 6443,
      protocol: 'TCP',
    })
    const faults = new Map([['block', applied]])
    const state = (s: string, id = 'block') =>
      ok(t, { check: 'fault', fault: id, state: s }, { faults })
    expect([state('active'), state('healed')]).toEqual([true, false])
    t.heal(applied.id)
    expect([state('active'), state('healed')]).toEqual([false, true])
    expect([state('active', 'other'), state('healed', 'other')]).toEqual([false, false])
  })

  it('fault by kind sees every active fault, whoever applied it, the hidden ones too', () => {
    const t = sim({ seed: 2 })
    const pressure = { check: 'fault', kind: 'node/memory-pressure', machine: 'worker-2' }
    expect(check(t, { ...pressure, state: 'active' })).toEqual({
      ok: false,
      reason: {
        en: 'No fault node/memory-pressure on worker-2 has been applied.',
        'pt-BR': 'Nenhuma falha node/memory-pressure em worker-2 foi aplicada.',
      },
    })
    // The learner's `fault inject`, not one of the scenario's faults.
    t.sh('fault inject node/memory-pressure worker-2')
    expect(check(t, { ...pressure, state: 'active' }).reason.en).toBe(
      'A fault node/memory-pressure on worker-2 is active (fault-1).',
    )
    expect(ok(t, { ...pressure, machine: 'worker-1', state: 'active' })).toBe(false)
    // A challenge's hidden fault (seed 2: the kubelet on worker-1) is active too.
    t.simulation.challenge.start()
    const kubelet = { check: 'fault', kind: 'process/stop', component: 'kubelet', state: 'active' }
    expect(ok(t, kubelet)).toBe(true)
    expect(ok(t, { ...kubelet, machine: 'worker-1' })).toBe(true)
    expect(ok(t, { ...kubelet, component: 'containerd' })).toBe(false)
  })

  it('fault by kind is healed once one was applied and none is active any more', () => {
    const t = sim({ seed: 1 })
    const port = { check: 'fault', kind: 'port/block', machine: 'cp-1', port: 6443 }
    const applied = t.fault('port/block', {
      kind: 'port',
      machine: 'cp-1',
      port: 6443,
      protocol: 'TCP',
    })
    const seen = { appliedFaults: [applied] }
    expect([
      ok(t, { ...port, state: 'active' }, seen),
      ok(t, { ...port, state: 'healed' }, seen),
    ]).toEqual([true, false])
    t.sh(`fault heal ${applied.id}`)
    expect(check(t, { ...port, state: 'healed' }, seen)).toEqual({
      ok: true,
      reason: {
        en: 'The fault port/block on cp-1:6443 was healed; none is active.',
        'pt-BR': 'A falha port/block em cp-1:6443 foi corrigida; nenhuma está ativa.',
      },
    })
    expect(ok(t, { ...port, port: 10250, state: 'healed' }, seen)).toBe(false)
  })
})

describe('labs: predicates: history', () => {
  it('eventHappened finds an Event written since the step started, in etcd', () => {
    const t = sim({ seed: 1 })
    t.create(WEB_POD)
    const start = t.kube.etcd.kv.revision
    t.advance('10s')
    const scheduled = { check: 'eventHappened', reason: 'Scheduled', kind: 'Pod' }
    expect(ok(t, { ...scheduled, name: 'web' })).toBe(true)
    expect(
      check(t, { ...scheduled, namePrefix: 'we', message: 'assigned default/web' }).reason.en,
    ).toMatch(/^Event Scheduled on Pod web: Successfully assigned default\/web to worker-\d$/)
    expect(
      ok(t, { ...scheduled, name: 'web' }, { stepStartRevision: t.kube.etcd.kv.revision }),
    ).toBe(false)
    expect(ok(t, { ...scheduled, name: 'db' }, { stepStartRevision: start })).toBe(false)
    expect(ok(t, { check: 'eventHappened', reason: 'Killing' })).toBe(false)
  })

  it('commandRan matches the command lines by pattern, machine and outcome', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl get nodes')
    t.sh('kubectl get nothing')
    expect(check(t, { check: 'commandRan', pattern: '^kubectl get nodes$' })).toEqual({
      ok: true,
      reason: { en: 'You ran: kubectl get nodes', 'pt-BR': 'Você executou: kubectl get nodes' },
    })
    expect(ok(t, { check: 'commandRan', pattern: 'get nothing' })).toBe(false)
    expect(ok(t, { check: 'commandRan', pattern: 'get nothing', outcome: 'failed' })).toBe(true)
    expect(ok(t, { check: 'commandRan', pattern: 'get nodes', outcome: 'failed' })).toBe(false)
    expect(ok(t, { check: 'commandRan', pattern: 'get nothing', outcome: 'any' })).toBe(true)
    expect(ok(t, { check: 'commandRan', pattern: 'get nodes', machine: 'cp-1' })).toBe(false)
    expect(ok(t, { check: 'commandRan', pattern: 'get nodes', machine: 'laptop' })).toBe(true)
    expect(ok(t, { check: 'commandRan', pattern: 'get nodes' }, { commands: [] })).toBe(false)
  })

  it('timePassed counts virtual time since the step started', () => {
    const t = sim({ seed: 1 })
    const start = { stepStartedAtMs: t.nowMs }
    expect(ok(t, { check: 'timePassed', duration: '5m' }, start)).toBe(false)
    t.advance('5m')
    expect(check(t, { check: 'timePassed', duration: '5m' }, start)).toEqual({
      ok: true,
      reason: {
        en: '5m of 5m have passed in this step.',
        'pt-BR': 'Passaram 5m de 5m neste passo.',
      },
    })
  })
})

describe('labs: predicates: curl', () => {
  it('reaches a server through the network tracer, without letting time pass', () => {
    const t = sim({ seed: 1 })
    const before = t.nowMs
    const scheduler = { check: 'curl', from: 'cp-1', url: 'https://127.0.0.1:10259/healthz' }
    expect(check(t, { ...scheduler, body: '^ok$' })).toEqual({
      ok: true,
      reason: {
        en: 'curl https://127.0.0.1:10259/healthz (from cp-1): HTTP 200.',
        'pt-BR': 'curl https://127.0.0.1:10259/healthz (a partir de cp-1): HTTP 200.',
      },
    })
    expect(ok(t, { ...scheduler, status: 404 })).toBe(false)
    expect(ok(t, { ...scheduler, body: 'nope' })).toBe(false)
    expect(ok(t, { check: 'curl', from: 'cp-1', url: 'http://127.0.0.1:10251/healthz' })).toBe(
      false,
    )
    expect(ok(t, { ...scheduler, from: 'worker-9' })).toBe(false)
    expect(t.nowMs).toBe(before)
  })

  it('follows the fault: a blocked port is not reached from the laptop', () => {
    const t = sim({ seed: 1 })
    const api = { check: 'curl', from: 'laptop', url: 'https://192.168.56.11:6443/livez' }
    expect(ok(t, api)).toBe(true)
    t.fault('port/block', { kind: 'port', machine: 'cp-1', port: 6443, protocol: 'TCP' })
    expect(check(t, api).ok).toBe(false)
  })
})

describe('labs: predicates: combinators', () => {
  const yes: Predicate = { check: 'objectExists', kind: 'Node', name: 'cp-1' }
  const no: Predicate = { check: 'objectExists', kind: 'Node', name: 'cp-9' }

  it('all passes when every part passes, and says the first that does not', () => {
    const t = sim({ seed: 1 })
    expect(evaluate({ check: 'all', of: [yes, yes] }, contextOf(t.simulation)).ok).toBe(true)
    expect(evaluate({ check: 'all', of: [yes, no] }, contextOf(t.simulation))).toEqual({
      ok: false,
      reason: { en: 'Node cp-9 does not exist.', 'pt-BR': 'Node cp-9 não existe.' },
    })
  })

  it('any passes when one part passes; not turns the verdict, keeping what was seen', () => {
    const t = sim({ seed: 1 })
    expect(evaluate({ check: 'any', of: [no, yes] }, contextOf(t.simulation)).ok).toBe(true)
    expect(evaluate({ check: 'any', of: [no, no] }, contextOf(t.simulation)).ok).toBe(false)
    expect(evaluate({ check: 'not', predicate: no }, contextOf(t.simulation))).toEqual({
      ok: true,
      reason: { en: 'Node cp-9 does not exist.', 'pt-BR': 'Node cp-9 não existe.' },
    })
    expect(evaluate({ check: 'not', predicate: yes }, contextOf(t.simulation)).ok).toBe(false)
  })
})
