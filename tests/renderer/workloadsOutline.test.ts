import { describe, expect, it } from 'vitest'
import { buildModel } from '../../renderer/src/workloads/model'
import {
  buildOutline,
  type OutlineItem,
  type OutlineText,
} from '../../renderer/src/workloads/outline'
import { deployment, englishText, pod, RS, webCluster, WEB_PODS } from './workloadsFixtures'

const text: OutlineText = {
  ...englishText(),
  onNode: (node) => `on ${node}`,
  notScheduled: 'not scheduled yet',
  readyEndpoint: (target) => `${target}: ready`,
  notReadyEndpoint: (target) => `${target}: not ready`,
  collapsed: (count, phases) => `${count} pods: ${phases}`,
}

/** The outline as indented lines: "name — status · detail [inspects kind]". */
function lines(items: OutlineItem[], depth = 0): string[] {
  return items.flatMap((item) => {
    const words = [item.name, item.status?.words, item.detail].filter((w) => w).join(' — ')
    const target = item.target === undefined ? '' : ` [${item.target.object}]`
    const summary = item.summary === undefined ? '' : ` (${item.summary})`
    return [`${'  '.repeat(depth)}${words}${target}${summary}`, ...lines(item.children, depth + 1)]
  })
}

describe('buildOutline', () => {
  it('lists the same chains as the graph: Deployment › ReplicaSet › Pods, Service › EndpointSlice › endpoints', () => {
    const sections = buildOutline(buildModel(webCluster()), text)
    expect(sections.map((s) => s.namespace)).toEqual(['default'])
    expect(lines(sections[0]!.items)).toEqual([
      'deployment/web — 2/3 ready [Deployment]',
      `  replicaset/${RS} — 2/3 ready [ReplicaSet]`,
      `    pod/${WEB_PODS[0]} — Running — on worker-1 [Pod]`,
      `    pod/${WEB_PODS[1]} — Running — on worker-2 [Pod]`,
      `    pod/${WEB_PODS[2]} — ContainerCreating — on worker-1 [Pod]`,
      'service/web — NodePort · 80:30080/TCP [Service]',
      '  endpointslice/web-x7k2p — 2/3 ready [EndpointSlice]',
      `    pod/${WEB_PODS[0]}: ready [Pod]`,
      `    pod/${WEB_PODS[1]}: ready [Pod]`,
      `    pod/${WEB_PODS[2]}: not ready [Pod]`,
    ])
  })

  it('lists every pod of a collapsed ReplicaSet under its count, one section per namespace', () => {
    const owner = { kind: 'ReplicaSet', name: RS }
    const pods = Array.from({ length: 13 }, (_, i) =>
      pod(`${RS}-p${i}`, owner, {
        createdMs: i,
        nodeName: undefined,
        phase: 'Pending',
        status: 'Pending',
      }),
    )
    const summaries = [
      ...webCluster().filter((o) => o.kind !== 'Pod'),
      ...pods,
      deployment('api', { namespace: 'shop' }),
    ]
    const sections = buildOutline(buildModel(summaries), text)
    expect(sections.map((s) => s.namespace)).toEqual(['default', 'shop'])
    const set = sections[0]!.items[0]!.children[0]!
    expect(set.summary).toBe('13 pods: 13 Pending')
    expect(set.children).toHaveLength(13)
    expect(set.children[0]!.detail).toBe('not scheduled yet')
  })
})
