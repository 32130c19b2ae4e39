/**
 * Benchmark: a cluster of N workers runs P pods in Deployments of 1,000. Prints the wall time and
 * peak memory from the applies to all pods Running (virtual time advanced in 5 s steps as
 * needed), and the scheduler's throughput. Figures only: no assertion.
 *
 *   npm run bench                          # 10 nodes / 300 pods, then the target 5,000 / 150,000
 *   npm run bench -- --nodes 1000 --pods 30000
 *
 * Each size runs in a process of its own, so that its peak RSS is its own. The scheduler's
 * throughput is pods bound per wall second spent in its scheduling cycles (scheduleOne: queue
 * pop, Filter, Score, the binding request and the Scheduled event); the lower bound next to it
 * divides by the whole wall time of the steps that bound pods, every other component included.
 */
import { spawnSync } from 'node:child_process'
import type { Pod } from '../core/api/types'
import { Scheduler } from '../core/scheduler/scheduler'
import { createSimulation } from '../core/simulation'
import { deployment } from '../tests/support/objects'

interface Size {
  nodes: number
  pods: number
}

const STEP_MS = 5_000
const MAX_VIRTUAL_MS = 60 * 60 * 1000
const PODS_PREFIX = '/registry/pods/default/'

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`
}

/** Wall time spent in Scheduler.scheduleOne, measured from outside (core reads no wall time). */
function timeScheduling(): { ms: number } {
  const spent = { ms: 0 }
  const scheduleOne = Scheduler.prototype.scheduleOne
  Scheduler.prototype.scheduleOne = function (this: Scheduler): boolean {
    const start = performance.now()
    try {
      return scheduleOne.call(this)
    } finally {
      spent.ms += performance.now() - start
    }
  }
  return spent
}

function run({ nodes, pods }: Size): void {
  const bootStart = performance.now()
  const sim = createSimulation({ seed: 1, cluster: { controlPlanes: 1, workers: nodes } })
  const bootMs = performance.now() - bootStart
  const kube = sim.kubernetes!
  // Bound and Running pods of the benchmark, counted as etcd changes (a list per step would cost
  // more than some of what is measured).
  const bound = new Set<string>()
  const running = new Set<string>()
  kube.etcd.kv.watch(kube.etcd.kv.revision, (change) => {
    if (!change.key.startsWith(PODS_PREFIX)) return
    const pod = change.object as Pod
    const gone = change.type === 'DELETED'
    if (!gone && pod.spec.nodeName) bound.add(change.key)
    else bound.delete(change.key)
    if (!gone && pod.status?.phase === 'Running') running.add(change.key)
    else running.delete(change.key)
  })
  const scheduling = timeScheduling()
  let peak = process.memoryUsage().rss
  const applyStart = performance.now()
  for (let i = 0; i * 1000 < pods; i++) {
    const response = kube.request('cp-1', {
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      body: deployment(`web-${i}`, Math.min(1000, pods - i * 1000), 'nginx:1.27', {
        cpu: '10m',
        memory: '16Mi',
      }),
    })
    if (response.status !== 201) throw new Error(`apply failed: ${JSON.stringify(response.body)}`)
  }
  let boundBefore = 0
  // Wall time of the steps in which pods were bound: the scheduler's share of it is unknown, so
  // bound / this time is a lower bound of its throughput.
  let bindingWallMs = 0
  let virtualMs = 0
  while (virtualMs < MAX_VIRTUAL_MS && running.size < pods) {
    const stepStart = performance.now()
    sim.handle({ kind: 'clock/advance', ms: STEP_MS })
    const stepMs = performance.now() - stepStart
    virtualMs += STEP_MS
    peak = Math.max(peak, process.memoryUsage().rss)
    if (bound.size > boundBefore) bindingWallMs += stepMs
    boundBefore = bound.size
  }
  const wallMs = performance.now() - applyStart
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024)
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
  const perSecond = (count: number, ms: number): number =>
    Math.round(count / (Math.max(ms, 1) / 1000))
  console.log(
    [
      `cluster ${nodes} nodes, ${pods} pods:`,
      `boot ${seconds(bootMs)};`,
      `apply → ${running.size}/${pods} Running in ${seconds(wallMs)} wall (${virtualMs / 1000} s virtual);`,
      `peak RSS ${mib(peak)};`,
      `scheduler ${perSecond(bound.size, scheduling.ms)} pods/s (${bound.size} bound in ${seconds(scheduling.ms)} of scheduling cycles);`,
      `≥ ${perSecond(bound.size, bindingWallMs)} pods/s with every component (${seconds(bindingWallMs)} of steps that bound pods)`,
    ].join(' '),
  )
}

function sizes(argv: string[]): Size[] {
  const nodes = argv.indexOf('--nodes')
  const pods = argv.indexOf('--pods')
  if (nodes >= 0 && pods >= 0)
    return [{ nodes: Number(argv[nodes + 1]), pods: Number(argv[pods + 1]) }]
  // A small cluster first, then the target of the "Scale" issue (docs/performance.md).
  return [
    { nodes: 10, pods: 300 },
    { nodes: 5_000, pods: 150_000 },
  ]
}

const wanted = sizes(process.argv.slice(2))
if (wanted.length === 1) run(wanted[0]!)
else {
  // One process per size: a fresh heap, and a peak RSS that is that size's alone.
  for (const size of wanted) {
    const args = [...process.execArgv, process.argv[1]!, '--nodes', String(size.nodes)]
    const result = spawnSync(process.execPath, [...args, '--pods', String(size.pods)], {
      stdio: 'inherit',
    })
    if (result.status !== 0) process.exitCode = result.status ?? 1
  }
}
