/**
 * What a learner (and the fault panel) does to the default cluster, as fast-check arbitraries:
 * Deployment changes through the API, faults from the catalogue on targets where they make
 * sense (a container killed in any pod, system pods included), and heals, each followed by a
 * wait. `runStep` carries a step out and returns what the learner saw ("201", the refused dial,
 * the fault panel's error), so runs can be compared.
 */
import fc from 'fast-check'
import type { Pod } from '../../../core/api/types'
import type { ComponentType } from '../../../core/cluster/world'
import type { FaultKindId, FaultTarget } from '../../../core/protocol'
import { ConnectionRefused } from '../../../core/client/client'
import { CommandError } from '../../../core/simulation'
import type { SimTest } from '../../support/sim'

const DEPLOYMENT_NAMES = ['web', 'api', 'cache'] as const
const IMAGES = ['nginx:1.26', 'nginx:1.27'] as const

const CONTROL_PLANE_COMPONENTS: readonly ComponentType[] = [
  'etcd',
  'kube-apiserver',
  'kube-scheduler',
  'kube-controller-manager',
]
const NODE_COMPONENTS: readonly ComponentType[] = [
  'kubelet',
  'containerd',
  'kube-proxy',
  'weave-net',
]
/** The default cluster's machines (DEFAULT_CLUSTER: one control plane, two workers). */
const MACHINES = ['cp-1', 'worker-1', 'worker-2'] as const
const WORKERS = ['worker-1', 'worker-2'] as const

export type Command =
  | { kind: 'deployment/create'; name: string; replicas: number; image: string }
  | { kind: 'deployment/scale'; name: string; replicas: number }
  | { kind: 'deployment/set-image'; name: string; image: string }
  | { kind: 'deployment/delete'; name: string }
  | { kind: 'fault/apply'; fault: FaultKindId; target: FaultTarget }
  /** container/kill of the pod at this index (modulo how many there are) among all pods. */
  | { kind: 'fault/kill-container'; podIndex: number }
  /** Heals the active fault at this index (modulo how many are active), if any is. */
  | { kind: 'fault/heal'; index: number }

export interface Step {
  command: Command
  /** Virtual seconds to let pass after the command. */
  thenSeconds: number
}

const name = fc.constantFrom(...DEPLOYMENT_NAMES)
const image = fc.constantFrom(...IMAGES)
const replicas = fc.integer({ min: 0, max: 5 })

const workloadCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('deployment/create' as const), name, replicas, image }),
  fc.record({ kind: fc.constant('deployment/scale' as const), name, replicas }),
  fc.record({ kind: fc.constant('deployment/set-image' as const), name, image }),
  fc.record({ kind: fc.constant('deployment/delete' as const), name }),
)

const component = (types: readonly ComponentType[], machines: readonly string[]) =>
  fc.record({
    kind: fc.constant('component' as const),
    type: fc.constantFrom(...types),
    machine: fc.constantFrom(...machines),
  })
const machine = (machines: readonly string[]) =>
  fc.record({ kind: fc.constant('machine' as const), machine: fc.constantFrom(...machines) })
const port = (port: number, machines: readonly string[]) =>
  fc.record({
    kind: fc.constant('port' as const),
    machine: fc.constantFrom(...machines),
    port: fc.constant(port),
    protocol: fc.constant('TCP' as const),
  })

/**
 * Faults on valid targets of the default cluster: processes where they run (the control plane
 * on cp-1 only), power-off of a worker, partitions, an unreachable registry and memory or disk
 * pressure anywhere, the API server's port on cp-1 and the kubelet's port anywhere.
 */
export const faultCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('fault/apply' as const),
    fault: fc.constantFrom<FaultKindId>('process/stop', 'process/kill', 'process/restart'),
    target: fc.oneof(
      component(CONTROL_PLANE_COMPONENTS, ['cp-1']),
      component(NODE_COMPONENTS, MACHINES),
    ),
  }),
  fc.record({
    kind: fc.constant('fault/apply' as const),
    fault: fc.constant<FaultKindId>('machine/power-off'),
    target: machine(WORKERS),
  }),
  fc.record({
    kind: fc.constant('fault/apply' as const),
    fault: fc.constantFrom<FaultKindId>(
      'machine/partition',
      'machine/partition-control-plane',
      'registry/unreachable',
      'node/memory-pressure',
      'node/disk-pressure',
    ),
    target: machine(MACHINES),
  }),
  fc.record({
    kind: fc.constant('fault/apply' as const),
    fault: fc.constant<FaultKindId>('port/block'),
    target: fc.oneof(port(6443, ['cp-1']), port(10250, MACHINES)),
  }),
)

/** Pods have generated names, so the pod a container/kill hits is picked when it runs. */
export const killContainerCommand: fc.Arbitrary<Command> = fc.record({
  kind: fc.constant('fault/kill-container' as const),
  podIndex: fc.nat({ max: 63 }),
})

const healCommand: fc.Arbitrary<Command> = fc.record({
  kind: fc.constant('fault/heal' as const),
  index: fc.nat({ max: 7 }),
})

const step: fc.Arbitrary<Step> = fc.record({
  command: fc.oneof(
    { arbitrary: workloadCommand, weight: 3 },
    { arbitrary: faultCommand, weight: 2 },
    { arbitrary: killContainerCommand, weight: 1 },
    { arbitrary: healCommand, weight: 1 },
  ),
  thenSeconds: fc.integer({ min: 5, max: 120 }),
})

/** One to three Deployments with replicas, so that later changes and faults hit something. */
const initialDeployments: fc.Arbitrary<Step[]> = fc
  .uniqueArray(
    fc.record({
      kind: fc.constant('deployment/create' as const),
      name,
      replicas: fc.integer({ min: 1, max: 5 }),
      image,
    }),
    { minLength: 1, maxLength: DEPLOYMENT_NAMES.length, selector: (c) => c.name },
  )
  .map((creates) => creates.map((command) => ({ command, thenSeconds: 5 })))

/** A run: the initial Deployments, then up to `maxLength` random steps. */
export const steps = (maxLength: number): fc.Arbitrary<Step[]> =>
  fc
    .tuple(initialDeployments, fc.array(step, { minLength: 1, maxLength }))
    .map(([initial, rest]) => [...initial, ...rest])

const deployment = (name: string, replicas: number, image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image }] },
    },
  },
})

/** Runs one command and returns what came back: an HTTP status or the error's text. */
function runCommand(t: SimTest, command: Command): string {
  try {
    return String(perform(t, command))
  } catch (error) {
    // A refused dial (the API server is down or cut off) and a fault the panel refuses (killing
    // a process that is not running) are answers a learner sees too; anything else is a bug.
    if (error instanceof ConnectionRefused || error instanceof CommandError) return error.message
    throw error
  }
}

export function runStep(t: SimTest, { command, thenSeconds }: Step): string {
  const outcome = runCommand(t, command)
  t.advance(thenSeconds * 1000)
  return outcome
}

function perform(t: SimTest, command: Command): number | string {
  const path = `/apis/apps/v1/namespaces/default/deployments`
  switch (command.kind) {
    case 'deployment/create':
      return t.create(deployment(command.name, command.replicas, command.image)).status
    case 'deployment/scale':
      return mergePatch(t, `${path}/${command.name}`, { spec: { replicas: command.replicas } })
    case 'deployment/set-image':
      return mergePatch(t, `${path}/${command.name}`, {
        spec: { template: { spec: { containers: [{ name: 'web', image: command.image }] } } },
      })
    case 'deployment/delete':
      return t.api('DELETE', `${path}/${command.name}`).status
    case 'fault/apply':
      return t.fault(command.fault, command.target).id
    case 'fault/kill-container': {
      const pods = t.stored<Pod>('/registry/pods/')
      if (pods.length === 0) return 'no pod'
      const { namespace, name } = pods[command.podIndex % pods.length]!.metadata
      return t.fault('container/kill', { kind: 'pod', namespace: namespace!, name: name! }).id
    }
    case 'fault/heal': {
      const active = t.simulation.handle({ kind: 'fault/list' }).active
      if (active.length === 0) return 'no active fault'
      const fault = active[command.index % active.length]!
      t.heal(fault.id)
      return `healed ${fault.id}`
    }
  }
}

function mergePatch(t: SimTest, path: string, body: unknown): number {
  return t.kube.request('cp-1', {
    method: 'PATCH',
    path,
    headers: { 'content-type': 'application/merge-patch+json' },
    body,
  }).status
}
