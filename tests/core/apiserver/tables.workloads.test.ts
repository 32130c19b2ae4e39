import { describe, expect, it } from 'vitest'
import { rfc3339 } from '../../../core/api/time'
import type { KubeObject, LabelSelector } from '../../../core/api/types'
import { toTable } from '../../../core/apiserver/tables/index'

const MINUTE = 60_000
const NOW = 10 * 24 * 60 * MINUTE
const ago = (ms: number): string => rfc3339(NOW - ms)

/** The row split as kubectl shows it: priority 0 always, priority 1 with -o wide. */
function row(kind: string, object: KubeObject): { shown: unknown[]; wide: unknown[] } {
  const table = toTable(kind, [object], { nowMs: NOW })
  const columns = table.columnDefinitions!
  const cells = table.rows[0]!.cells
  expect(cells).toHaveLength(columns.length)
  return {
    shown: cells.filter((_, i) => columns[i]!.priority === 0),
    wide: cells.filter((_, i) => columns[i]!.priority === 1),
  }
}

describe('Deployment, ReplicaSet and DaemonSet printers (FIDELITY.md §10.1)', () => {
  const template = (containers: [string, string][], nodeSelector?: Record<string, string>) => ({
    metadata: { labels: { app: 'web' } },
    spec: { containers: containers.map(([name, image]) => ({ name, image })), nodeSelector },
  })
  const workload = (kind: string, spec: object, status: object): KubeObject => ({
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name: kind === 'DaemonSet' ? 'kube-proxy' : 'web',
      creationTimestamp: ago(10 * MINUTE),
    },
    spec,
    status,
  })

  it('shows a Deployment as READY ready/desired, with numeric UP-TO-DATE and AVAILABLE', () => {
    const spec = {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: template([
        ['web', 'nginx:1.27'],
        ['log', 'fluent-bit:3.1'],
      ]),
    }
    const status = { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 }
    expect(row('Deployment', workload('Deployment', spec, status))).toEqual({
      shown: ['web', '2/3', 3, 2, '10m'],
      wide: ['web,log', 'nginx:1.27,fluent-bit:3.1', 'app=web'],
    })
  })

  it('prints an empty Deployment selector as "" but an empty ReplicaSet selector as <none>', () => {
    const spec = { replicas: 1, selector: {}, template: template([['web', 'nginx']]) }
    expect(row('Deployment', workload('Deployment', spec, {})).wide[2]).toBe('')
    expect(row('ReplicaSet', workload('ReplicaSet', spec, { replicas: 0 })).wide[2]).toBe('<none>')
  })

  it('shows a ReplicaSet with integer cells and a selector sorted by key', () => {
    const selector: LabelSelector = {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['cache', 'api'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    }
    const spec = { replicas: 3, selector, template: template([['web', 'nginx:1.27']]) }
    expect(
      row('ReplicaSet', workload('ReplicaSet', spec, { replicas: 3, readyReplicas: 1 })),
    ).toEqual({
      shown: ['web', 3, 3, 1, '10m'],
      wide: ['web', 'nginx:1.27', 'app=web,!canary,tier in (api,cache)'],
    })
  })

  it('shows a DaemonSet with its pod template NODE SELECTOR', () => {
    const spec = {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: template([['kube-proxy', 'registry.k8s.io/kube-proxy:v1.32.4']], {
        'kubernetes.io/os': 'linux',
      }),
    }
    const status = {
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 2,
      updatedNumberScheduled: 3,
      numberAvailable: 2,
      numberMisscheduled: 0,
    }
    expect(row('DaemonSet', workload('DaemonSet', spec, status))).toEqual({
      shown: ['kube-proxy', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '10m'],
      wide: ['kube-proxy', 'registry.k8s.io/kube-proxy:v1.32.4', 'k8s-app=kube-proxy'],
    })
    const anywhere = { ...spec, template: template([['agent', 'agent:1']]) }
    expect(row('DaemonSet', workload('DaemonSet', anywhere, status)).shown[6]).toBe('<none>')
  })
})
