import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type {
  Command,
  EventSummary,
  NodeSummary,
  PodSummary,
  Reason,
  ResourceInspection,
  SchedulingDecision,
} from '../../core/protocol'
import {
  createSimulationClient,
  type SimulationClient,
} from '../../renderer/src/client/simulationClient'
import InspectorPanel from '../../renderer/src/components/InspectorPanel.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useInspectorStore } from '../../renderer/src/stores/inspector'
import { startSimulation } from './helpers'

const FILTERS = [
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
]
const SCORES = [
  { plugin: 'TaintToleration', weight: 3 },
  { plugin: 'NodeAffinity', weight: 2 },
  { plugin: 'NodeResourcesFit', weight: 1 },
]
const TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'
const PREEMPTION =
  'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.'

/** The decision kube-scheduler records for a pod asking for more memory than any worker has. */
const FAILED: SchedulingDecision = {
  pod: 'default/big',
  result: 'Unschedulable',
  message: `0/3 nodes are available: 1 ${TAINT}, 2 Insufficient memory. ${PREEMPTION}`,
  totalNodes: 3,
  evaluatedNodes: 3,
  feasibleNodes: 0,
  filterPlugins: FILTERS,
  skippedFilterPlugins: [],
  scorePlugins: SCORES,
  postFilter: { message: PREEMPTION },
  nodes: [
    {
      node: 'cp-1',
      filter: { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: [TAINT] },
      preemption: 'Preemption is not helpful for scheduling',
    },
    {
      node: 'worker-1',
      filter: {
        plugin: 'NodeResourcesFit',
        code: 'Unschedulable',
        reasons: ['Insufficient memory'],
      },
    },
    {
      node: 'worker-2',
      filter: {
        plugin: 'NodeResourcesFit',
        code: 'Unschedulable',
        reasons: ['Insufficient memory'],
      },
    },
  ],
  omittedNodes: 0,
}

/** A later attempt that fit two workers; worker-2 won and is listed second on purpose. */
const SCHEDULED: SchedulingDecision = {
  ...FAILED,
  result: 'Scheduled',
  message: 'Successfully assigned default/big to worker-2',
  selectedNode: 'worker-2',
  feasibleNodes: 2,
  postFilter: undefined,
  omittedNodes: 2,
  nodes: [
    { node: 'worker-1', filter: null, scores: [100, 100, 40], total: 540 },
    { node: 'worker-2', filter: null, scores: [100, 100, 70], total: 570, selected: true },
    FAILED.nodes[0]!,
  ],
}

const POD: PodSummary = {
  kind: 'Pod',
  key: 'Pod/default/big',
  uid: 'u-big',
  namespace: 'default',
  name: 'big',
  createdMs: 2_000,
  phase: 'Pending',
  status: 'Pending',
  readyContainers: 0,
  containers: 1,
  restarts: 0,
  labels: { run: 'big' },
  mirror: false,
}

function event(over: Partial<EventSummary>): EventSummary {
  return {
    kind: 'Event',
    key: `Event/default/${over.reason}`,
    uid: `u-${over.reason}`,
    namespace: 'default',
    name: `big.${over.reason}`,
    createdMs: 2_000,
    type: 'Normal',
    reason: '',
    message: '',
    involved: { kind: 'Pod', namespace: 'default', name: 'big' },
    source: 'default-scheduler',
    count: 1,
    firstMs: 2_000,
    lastMs: 2_000,
    ...over,
  }
}

const WHY: Reason[] = [
  {
    atMs: 2_000,
    component: 'kube-scheduler',
    subject: 'Pod default/big',
    code: 'FailedScheduling',
    summary: 'No node fits default/big.',
    causedBy: 'Node worker-1',
  },
  {
    atMs: 1_000,
    component: 'kubelet/worker-1',
    subject: 'Node worker-1',
    code: 'NodeAllocatable',
    summary: 'worker-1 has 2Gi of memory allocatable.',
  },
]

const PENDING: ResourceInspection = {
  summary: POD,
  yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n',
  conditions: [
    {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: FAILED.message,
      lastTransitionMs: 5_000,
    },
  ],
  events: [
    event({ reason: 'FailedScheduling', type: 'Warning', message: FAILED.message, count: 3 }),
    event({ reason: 'Nominated', message: 'Looked at it', lastMs: 9_000 }),
  ],
  logSource: 'container',
  logs: [],
  why: WHY,
  scheduling: FAILED,
}

const NODE: NodeSummary = {
  kind: 'Node',
  key: 'Node/worker-1',
  uid: 'u-w1',
  namespace: '',
  name: 'worker-1',
  createdMs: 0,
  ready: 'Unknown',
  unschedulable: false,
  roles: [],
  taints: [],
  allocatable: { cpuMilli: 2000, memoryBytes: 2 ** 31, pods: 110 },
}

/** A client that answers inspect/resource from a table and records what was asked. */
function fakeClient(answers: Record<string, ResourceInspection>) {
  const asked: Command[] = []
  const client: SimulationClient = {
    request: (sent) => {
      const command = sent as Command
      asked.push(command)
      if (command.kind !== 'inspect/resource') return Promise.reject(new Error('not here'))
      const key = [command.object, command.namespace, command.name].filter(Boolean).join('/')
      const answer = answers[key]
      return answer === undefined
        ? Promise.reject(new Error(`${key} not found`))
        : Promise.resolve(answer as never)
    },
    onEvent: () => () => {},
    close: () => {},
  }
  return { client, asked }
}

describe('inspector: a Kubernetes object', () => {
  let wrapper: VueWrapper | undefined

  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => wrapper?.unmount())

  async function inspectPod(
    view: ResourceInspection,
    language: 'en' | 'pt-BR' = 'en',
  ): Promise<{ asked: Command[] }> {
    const node: ResourceInspection = { ...PENDING, summary: NODE, scheduling: undefined, why: [] }
    const fake = fakeClient({ 'Pod/default/big': view, 'Node/worker-1': node })
    const inspector = useInspectorStore()
    inspector.connect(fake.client)
    wrapper = mount(InspectorPanel, {
      attachTo: document.body,
      global: { plugins: [createAppI18n(language)] },
    })
    await inspector.select({ object: 'Pod', namespace: 'default', name: 'big' })
    await flushPromises()
    return fake
  }

  const cells = (row: string) =>
    wrapper!.findAll(`tr[data-node="${row}"] td[data-mark]`).map((c) => c.attributes('data-mark'))

  it('says in plain words why a Pending pod fits no node, above the per-plugin table', async () => {
    await inspectPod(PENDING)
    const panel = wrapper!.get('[data-testid="inspector"]')
    expect(panel.get('h2').text()).toContain('Inspector: default/big')
    expect(panel.get('[data-testid="inspector-state"]').text()).toContain('Pending')
    expect(panel.get('[data-testid="scheduler-sentence"]').text()).toBe(
      '0 of 3 nodes can run this pod: 1 node has a taint the pod does not tolerate ' +
        '(node-role.kubernetes.io/control-plane), 2 nodes have too little free memory.',
    )
    expect(panel.text()).toContain(
      `Preemption (PostFilter): ${PREEMPTION.replace('preemption: ', '')}`,
    )
    expect(panel.get('caption').text()).toBe('How kube-scheduler judged each node for default/big')
  })

  it('marks each filter plugin passed, rejected with its reason, or not run after a rejection', async () => {
    await inspectPod(PENDING)
    expect(cells('cp-1')).toEqual(['pass', 'pass', 'fail', 'skip', 'skip', 'skip'])
    expect(cells('worker-1')).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'fail'])
    const rejected = wrapper!.get('tr[data-node="cp-1"] td[data-plugin="TaintToleration"]')
    expect(rejected.get('[aria-hidden="true"]').text()).toBe('✗')
    expect(rejected.get('.visually-hidden').element.textContent).toBe('rejected: ')
    expect(rejected.get('.reason').text()).toBe(TAINT)
    expect(wrapper!.get('tr[data-node="cp-1"] td.preemption').text()).toBe(
      'Preemption is not helpful for scheduling',
    )
    // Plugin columns are abbreviated, with the full name and what it checks in the title.
    const fit = wrapper!.findAll('thead abbr').find((a) => a.text() === 'Fit')!
    expect(fit.attributes('title')).toMatch(/^NodeResourcesFit: Does the node have the CPU/)
    // Nothing was scored: no score columns, only the filters.
    expect(wrapper!.findAll('thead th[scope="colgroup"]').map((t) => t.text())).toEqual(['Filter'])
  })

  it('puts the chosen node first, marked in words, with its score × weight and total', async () => {
    await inspectPod({ ...PENDING, scheduling: SCHEDULED })
    expect(wrapper!.findAll('thead th[scope="colgroup"]').map((t) => t.text())).toEqual([
      'Filter',
      'Score',
    ])
    const rows = wrapper!
      .findAll('[data-testid="scheduler-table"] tbody tr')
      .map((r) => r.attributes('data-node'))
    expect(rows).toEqual(['worker-2', 'worker-1', 'cp-1'])
    const chosen = wrapper!.get('tr[data-node="worker-2"]')
    expect(chosen.get('th').text()).toContain('worker-2')
    expect(chosen.get('th').text()).toContain('chosen')
    expect(chosen.findAll('td.num').map((c) => c.text())).toEqual([
      '100 × 3',
      '100 × 2',
      '70 × 1',
      '570',
    ])
    expect(chosen.get('td.num span').attributes('title')).toBe('score 100 × weight 3 = 300')
    const text = wrapper!.get('[data-testid="scheduler"]').text()
    expect(text).toContain('2 of 3 nodes can run this pod: 1 node has a taint')
    expect(text).toContain('kube-scheduler chose worker-2: it had the highest total score.')
    expect(text).toContain('2 more nodes were examined and are not shown.')
  })

  it('lists conditions and events with cluster times, a Warning marked by icon and word', async () => {
    await inspectPod(PENDING)
    const condition = wrapper!.get('[data-condition="PodScheduled"]')
    expect(condition.text()).toContain('✗ False')
    expect(condition.text()).toContain('Unschedulable')
    expect(condition.text()).toContain('00:00:05')
    const warning = wrapper!.get('[data-event-type="Warning"]')
    expect(warning.text()).toContain('⚠ Warning')
    expect(warning.text()).toContain('FailedScheduling')
    expect(warning.text()).toContain('3 times, first at 00:00:02')
    expect(warning.text()).toContain('default-scheduler')
    expect(wrapper!.get('[data-event-type="Normal"]').text()).toContain('00:00:09')
    expect(wrapper!.get('[data-testid="inspector-yaml"] pre').text()).toContain('kind: Pod')
  })

  it('follows a link of the Why? chain to the Node it names', async () => {
    const fake = await inspectPod(PENDING)
    const why = wrapper!.get('[data-testid="inspector-why"]')
    // The pod's own link is left out; the Node it blames can be inspected.
    expect(why.findAll('button').map((b) => b.text())).toEqual(['Inspect worker-1'])
    await why.get('button').trigger('click')
    await flushPromises()
    expect(fake.asked.at(-1)).toEqual({
      kind: 'inspect/resource',
      object: 'Node',
      name: 'worker-1',
    })
    expect(useInspectorStore().target).toEqual({ object: 'Node', name: 'worker-1' })
    const state = wrapper!.get('[data-testid="inspector-node-ready"]')
    expect(state.text()).toContain('NotReady (Unknown)')
    expect(state.attributes('data-ready')).toBe('Unknown')
  })

  it('speaks Brazilian Portuguese, plurals included', async () => {
    await inspectPod(PENDING, 'pt-BR')
    expect(wrapper!.get('[data-testid="scheduler-sentence"]').text()).toBe(
      '0 de 3 nós podem executar este pod: 1 nó tem um taint que o pod não tolera ' +
        '(node-role.kubernetes.io/control-plane), 2 nós têm pouca memória livre.',
    )
    expect(wrapper!.text()).toContain('Condições')
  })

  it('says what PreFilter rejected before any node was looked at', async () => {
    const preFiltered: SchedulingDecision = {
      ...FAILED,
      message: "0/3 nodes are available: node(s) didn't match the requested node name.",
      postFilter: undefined,
      preFilter: {
        plugin: 'NodeAffinity',
        code: 'UnschedulableAndUnresolvable',
        reasons: ["node(s) didn't satisfy plugin NodeAffinity"],
      },
      nodes: [],
    }
    await inspectPod({ ...PENDING, scheduling: preFiltered })
    const text = wrapper!.get('[data-testid="scheduler"]').text()
    expect(text).toContain(
      "Before looking at any node, NodeAffinity rejected the pod: node(s) didn't satisfy plugin NodeAffinity.",
    )
    expect(wrapper!.get('[data-testid="scheduler-sentence"]').text()).toContain(
      'Before looking at any node',
    )
  })
})

describe('inspector: a pod the simulated kube-scheduler cannot place', () => {
  let wrapper: VueWrapper | undefined

  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => wrapper?.unmount())

  it('explains the real decision: the taint on cp-1, too little CPU on both workers', async () => {
    const sim = startSimulation()
    const manifest = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'big' },
      spec: {
        containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '64' } } }],
      },
    })
    const line = `echo '${manifest}' | kubectl apply -f -`
    expect(sim.simulation.handle({ kind: 'shell/exec', session: 't', line }).exitCode).toBe(0)
    sim.simulation.advance(5_000)
    const inspector = useInspectorStore()
    inspector.connect(createSimulationClient(sim.port))
    wrapper = mount(InspectorPanel, {
      attachTo: document.body,
      global: { plugins: [createAppI18n('en')] },
    })
    await inspector.select({ object: 'Pod', namespace: 'default', name: 'big' })
    await flushPromises()
    expect(wrapper.get('[data-testid="scheduler-sentence"]').text()).toBe(
      '0 of 3 nodes can run this pod: 1 node has a taint the pod does not tolerate ' +
        '(node-role.kubernetes.io/control-plane), 2 nodes have too little free CPU.',
    )
    const marks = (node: string) =>
      wrapper!
        .findAll(`tr[data-node="${node}"] td[data-mark]`)
        .map((c) => c.attributes('data-mark'))
    const plugins = inspector.resource!.scheduling!.filterPlugins
    const taint = plugins.indexOf('TaintToleration')
    const fit = plugins.indexOf('NodeResourcesFit')
    expect(marks('cp-1')[taint]).toBe('fail')
    expect(
      marks('cp-1')
        .slice(taint + 1)
        .every((m) => m === 'skip'),
    ).toBe(true)
    expect(marks('worker-1')[fit]).toBe('fail')
    expect(
      marks('worker-1')
        .slice(0, fit)
        .every((m) => m === 'pass'),
    ).toBe(true)
    expect(wrapper.get('[data-event-type="Warning"]').text()).toContain('FailedScheduling')
  })
})
