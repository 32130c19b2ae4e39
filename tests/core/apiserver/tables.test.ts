import { describe, expect, it } from 'vitest'
import { rfc3339 } from '../../../core/api/time'
import type { KubeObject, Node, Service } from '../../../core/api/types'
import { findResource } from '../../../core/apiserver/resources'
import { PRINTERS, toTable } from '../../../core/apiserver/tables/index'
import { apiHarness } from '../../support/apiHarness'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const NOW = 10 * DAY
const ago = (ms: number): string => rfc3339(NOW - ms)
const meta = (name: string, ageMs: number, extra: object = {}) => ({
  name,
  creationTimestamp: ago(ageMs),
  ...extra,
})

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

/** kubectl's header line: the server's Title Case names, upper-cased. */
const headers = (kind: string, priority: number): string =>
  PRINTERS[kind]!.columns.filter((c) => c.priority === priority)
    .map((c) => c.name.toUpperCase())
    .join(' ')

describe('Table columns', () => {
  it('match the kubectl headers for each kind (FIDELITY.md §10.1)', () => {
    expect(headers('Pod', 0)).toBe('NAME READY STATUS RESTARTS AGE')
    expect(headers('Pod', 1)).toBe('IP NODE NOMINATED NODE READINESS GATES')
    expect(headers('Node', 0)).toBe('NAME STATUS ROLES AGE VERSION')
    expect(headers('Node', 1)).toBe(
      'INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME',
    )
    expect(headers('Service', 0)).toBe('NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE')
    expect(headers('Service', 1)).toBe('SELECTOR')
    expect(headers('Deployment', 0)).toBe('NAME READY UP-TO-DATE AVAILABLE AGE')
    expect(headers('Deployment', 1)).toBe('CONTAINERS IMAGES SELECTOR')
    expect(headers('ReplicaSet', 0)).toBe('NAME DESIRED CURRENT READY AGE')
    expect(headers('DaemonSet', 0)).toBe(
      'NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE',
    )
    expect(headers('Event', 0)).toBe('LAST SEEN TYPE REASON OBJECT MESSAGE')
    expect(headers('Event', 1)).toBe('SUBOBJECT SOURCE FIRST SEEN COUNT NAME')
    expect(headers('EndpointSlice', 0)).toBe('NAME ADDRESSTYPE PORTS ENDPOINTS AGE')
  })

  it('each carry a description, and only the Name column has format "name"', () => {
    for (const [kind, printer] of Object.entries(PRINTERS)) {
      for (const c of printer.columns) expect(c.description, `${kind} ${c.name}`).not.toBe('')
      const named = printer.columns.filter((c) => c.format === 'name').map((c) => c.name)
      expect(named, kind).toEqual(['Name'])
    }
  })

  it('copy the upstream descriptions and types', () => {
    const pod = Object.fromEntries(PRINTERS['Pod']!.columns.map((c) => [c.name, c]))
    expect(pod['Ready']!.description).toBe(
      'The aggregate readiness state of this pod for accepting traffic.',
    )
    expect(pod['Restarts']).toMatchObject({ type: 'string', priority: 0 })
    expect(pod['Age']!.description).toMatch(/^CreationTimestamp is a timestamp representing/)
    expect(pod['Name']!.description).toMatch(/^Name must be unique within a namespace\./)
    const rs = PRINTERS['ReplicaSet']!.columns.find((c) => c.name === 'Desired')!
    expect(rs.type).toBe('integer')
  })

  it('fall back to Name and Created At for kinds without a printer', () => {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', DAY) }
    const table = toTable('ServiceAccount', [sa], { nowMs: NOW })
    expect(table.columnDefinitions!.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Created At', 'date'],
    ])
    expect(table.rows[0]!.cells).toEqual(['default', ago(DAY)])
  })
})

describe('Node printer (FIDELITY.md §4.8)', () => {
  function node(name: string, extra: Partial<Node['status']> = {}, labels = {}, spec = {}): Node {
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: meta(name, 5 * DAY, { labels }),
      spec,
      status: {
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
        addresses: [
          { type: 'InternalIP', address: '192.168.56.11' },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.32.4',
          containerRuntimeVersion: 'containerd://1.7.22',
          osImage: 'Ubuntu 24.04.1 LTS',
          kernelVersion: '6.8.0-45-generic',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
        ...extra,
      },
    }
  }
  const controlPlane = { 'node-role.kubernetes.io/control-plane': '' }

  it('shows a ready control-plane node, and its wide columns', () => {
    expect(row('Node', node('cp-1', {}, controlPlane))).toEqual({
      shown: ['cp-1', 'Ready', 'control-plane', '5d', 'v1.32.4'],
      wide: [
        '192.168.56.11',
        '<none>',
        'Ubuntu 24.04.1 LTS',
        '6.8.0-45-generic',
        'containerd://1.7.22',
      ],
    })
  })

  it('shows NotReady,SchedulingDisabled for a cordoned node whose kubelet stopped posting', () => {
    const stopped = { conditions: [{ type: 'Ready' as const, status: 'Unknown' as const }] }
    const cordoned = node('cp-1', stopped, controlPlane, { unschedulable: true })
    expect(row('Node', cordoned).shown).toEqual([
      'cp-1',
      'NotReady,SchedulingDisabled',
      'control-plane',
      '5d',
      'v1.32.4',
    ])
  })

  it('shows Unknown for a node that never reported Ready, and <none> without roles', () => {
    expect(row('Node', node('worker-1', { conditions: [] })).shown.slice(1, 3)).toEqual([
      'Unknown',
      '<none>',
    ])
  })

  it('sorts roles from node-role labels and the kubernetes.io/role value', () => {
    const labels = {
      'node-role.kubernetes.io/worker': '',
      'kubernetes.io/role': 'ingress',
      'node-role.kubernetes.io/': 'ignored',
    }
    expect(row('Node', node('worker-1', {}, labels)).shown[2]).toBe('ingress,worker')
  })

  it('prints <unknown> for missing node info', () => {
    const bare = node('worker-1', { nodeInfo: undefined, addresses: [] })
    expect(row('Node', bare).wide).toEqual([
      '<none>',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ])
  })
})

describe('Service printer (FIDELITY.md §2.8)', () => {
  function service(spec: Service['spec'] & { externalIPs?: string[] }, status = {}): Service {
    return { apiVersion: 'v1', kind: 'Service', metadata: meta('web', 3 * MINUTE), spec, status }
  }

  it('shows a NodePort Service with PORT(S) 80:30080/TCP and EXTERNAL-IP <none>', () => {
    const web = service({
      type: 'NodePort',
      clusterIP: '10.96.12.34',
      clusterIPs: ['10.96.12.34'],
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }],
    })
    expect(row('Service', web)).toEqual({
      shown: ['web', 'NodePort', '10.96.12.34', '<none>', '80:30080/TCP', '3m'],
      wide: ['app=web'],
    })
  })

  it('joins several ports and prints <none> for a Service without selector', () => {
    const api = service({
      type: 'ClusterIP',
      clusterIPs: ['10.96.0.1'],
      ports: [
        { port: 443, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
      ],
    })
    expect(row('Service', api)).toEqual({
      shown: ['web', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP,53/UDP', '3m'],
      wide: ['<none>'],
    })
  })

  it('shows <pending> for a LoadBalancer without ingress, else its sorted addresses', () => {
    const spec = {
      type: 'LoadBalancer' as const,
      clusterIPs: ['10.96.5.5'],
      ports: [{ port: 80, protocol: 'TCP' as const, nodePort: 31234 }],
    }
    expect(row('Service', service(spec)).shown.slice(3, 5)).toEqual(['<pending>', '80:31234/TCP'])
    const ingress = [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.9' }]
    const served = service(
      { ...spec, externalIPs: ['198.51.100.7'] },
      { loadBalancer: { ingress } },
    )
    expect(row('Service', served).shown[3]).toBe('203.0.113.9,lb.example.com,198.51.100.7')
  })

  it('shows an ExternalName Service and a headless one', () => {
    const external = service({ type: 'ExternalName', externalName: 'db.example.com' })
    expect(row('Service', external).shown).toEqual([
      'web',
      'ExternalName',
      '<none>',
      'db.example.com',
      '<none>',
      '3m',
    ])
    const headless = service({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] })
    expect(row('Service', headless).shown[2]).toBe('None')
  })

  it('sorts the SELECTOR as labels.Set.String does, by the joined key=value strings', () => {
    const selector = { app: 'web', 'app.kubernetes.io/name': 'web' }
    expect(row('Service', service({ type: 'ClusterIP', selector })).wide).toEqual([
      'app.kubernetes.io/name=web,app=web',
    ])
  })

  it('is what the REST handler answers for a Table request (KUBECTL-WIRE.md §5.5)', () => {
    const h = apiHarness({ seed: 1 })
    h.apiserver.create(findResource('', 'services')!, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] },
    })
    const response = h.handler.handle({
      method: 'GET',
      path: '/api/v1/namespaces/default/services',
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    })
    const cells = (response.body as { rows: { cells: unknown[] }[] }).rows[0]!.cells
    expect(cells).toEqual([
      'web',
      'NodePort',
      expect.stringMatching(/^10\./),
      '<none>',
      '80:30080/TCP',
      '0s',
      'app=web',
    ])
  })
})
