/**
 * Benchmark: the scheduling algorithm alone (the Scheduler class with its queue, cache and
 * plugins, no API server): N Ready nodes as kubeadm registers them, with the image pulled, and P
 * pods of the cluster benchmark's kind (nginx, 10m CPU, 16Mi). Prints pods scheduled per wall
 * second of scheduleOne (Filter over percentageOfNodesToScore of the nodes, Score, assume, and
 * the decision's "why?" record). Figures only: no assertion.
 *
 *   npm run bench                          # 5,000 nodes, 150,000 pods
 *   npm run bench -- --nodes 1000 --pods 30000
 */
import type { Node, Pod } from '../core/api/types'
import { Clock } from '../core/clock'
import { ExplainLog } from '../core/explain/explain'
import { Random } from '../core/random'
import { Scheduler } from '../core/scheduler/scheduler'

function node(name: string): Node {
  const allocatable = { cpu: '4', memory: '8Gi', pods: '110' }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
    spec: {},
    status: {
      capacity: allocatable,
      allocatable,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      images: [{ names: ['docker.io/library/nginx:1.27', 'nginx:1.27'], sizeBytes: 72_000_000 }],
    },
  }
}

function pod(index: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${index}`, namespace: 'default', uid: `uid-${index}` },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          resources: { requests: { cpu: '10m', memory: '16Mi' } },
        },
      ],
      schedulerName: 'default-scheduler',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    },
    status: { phase: 'Pending' },
  }
}

function run(nodes: number, pods: number): void {
  const clock = new Clock()
  const scheduler = new Scheduler({
    clock,
    random: new Random(1).fork('selectHost'),
    explain: new ExplainLog(() => clock.nowMs),
  })
  for (let i = 1; i <= nodes; i++) scheduler.onNodeAdd(node(`worker-${i}`))
  for (let i = 0; i < pods; i++) scheduler.onPodAdd(pod(i))
  scheduler.queue.run()
  const start = performance.now()
  while (scheduler.scheduleOne()) {
    // One pod per call, as the real scheduleOne.
  }
  const seconds = (performance.now() - start) / 1000
  const { scheduled, attempts } = scheduler.stats
  console.log(
    `scheduler alone, ${nodes} nodes: ${scheduled}/${pods} pods scheduled (${attempts} attempts) in ${seconds.toFixed(2)} s: ${Math.round(scheduled / seconds)} pods/s`,
  )
}

const argv = process.argv.slice(2)
const at = (flag: string, fallback: number): number =>
  argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : fallback
run(at('--nodes', 5_000), at('--pods', 150_000))
