import { describe, expect, it } from 'vitest'
import { rfc3339, rfc3339Micro } from '../../../core/api/time'
import type { KubeObject } from '../../../core/api/types'
import { toTable } from '../../../core/apiserver/tables/index'

const SECOND = 1000
const MINUTE = 60 * SECOND
const DAY = 24 * 60 * MINUTE
const NOW = 10 * DAY
const ago = (ms: number): string => rfc3339(NOW - ms)
const meta = (name: string, ageMs: number, extra: object = {}) => ({
  name,
  namespace: 'default',
  creationTimestamp: ago(ageMs),
  ...extra,
})
const object = (apiVersion: string, kind: string, fields: object): KubeObject =>
  ({ apiVersion, kind, ...fields }) as KubeObject

/** All cells of the one row, priority 0 and 1 alike (the server always sends both). */
const cells = (kind: string, o: KubeObject): unknown[] =>
  toTable(kind, [o], { nowMs: NOW }).rows[0]!.cells

describe('Event printer (FIDELITY.md §10.1)', () => {
  const kubeletEvent = (extra: object = {}) =>
    object('v1', 'Event', {
      metadata: meta('web.17f3a9c2b4d5e6f7', 2 * MINUTE),
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{web}' },
      reason: 'Started',
      message: 'Started container web',
      source: { component: 'kubelet', host: 'worker-1' },
      firstTimestamp: ago(2 * MINUTE),
      lastTimestamp: ago(2 * MINUTE),
      count: 1,
      type: 'Normal',
      eventTime: null,
      reportingComponent: 'kubelet',
      reportingInstance: 'worker-1',
      ...extra,
    })

  it('shows LAST SEEN TYPE REASON OBJECT MESSAGE, then the wide columns in upstream order', () => {
    expect(cells('Event', kubeletEvent())).toEqual([
      '2m',
      'Normal',
      'Started',
      'pod/web',
      'spec.containers{web}',
      'kubelet, worker-1',
      'Started container web',
      '2m',
      1,
      'web.17f3a9c2b4d5e6f7',
    ])
  })

  it('shows a repeated event from its last occurrence, with first seen and count', () => {
    const repeated = kubeletEvent({
      reason: 'BackOff',
      type: 'Warning',
      message: 'Back-off restarting failed container web in pod web_default(0b1c)\n',
      firstTimestamp: ago(10 * MINUTE),
      lastTimestamp: ago(30 * SECOND),
      count: 5,
    })
    const row = cells('Event', repeated)
    expect([row[0], row[1], row[6], row[7], row[8]]).toEqual([
      '30s',
      'Warning',
      'Back-off restarting failed container web in pod web_default(0b1c)',
      '10m',
      5,
    ])
  })

  it('dates a new-API event from eventTime, counts it once and names the reporting controller', () => {
    const scheduled = object('v1', 'Event', {
      metadata: meta('web.17f3a9c2b4d50000', 3 * MINUTE),
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
      reason: 'Scheduled',
      message: 'Successfully assigned default/web to worker-1',
      source: {},
      eventTime: rfc3339Micro(NOW - 3 * MINUTE),
      type: 'Normal',
      reportingComponent: 'default-scheduler',
      reportingInstance: '',
    })
    const row = cells('Event', scheduled)
    expect([row[0], row[5], row[7], row[8]]).toEqual(['3m', 'default-scheduler', '3m', 1])
  })

  it('takes LAST SEEN and COUNT from an event series', () => {
    const series = kubeletEvent({
      series: { count: 4, lastObservedTime: rfc3339Micro(NOW - 20 * SECOND) },
    })
    const row = cells('Event', series)
    expect([row[0], row[8]]).toEqual(['20s', 4])
  })

  it('shows the lower-case kind alone when the involved object has no name', () => {
    const event = kubeletEvent({ involvedObject: { kind: 'Node' } })
    expect(cells('Event', event)[3]).toBe('node')
  })
})

describe('Endpoints printer', () => {
  const endpoints = (subsets: object[] | undefined) =>
    object('v1', 'Endpoints', { metadata: meta('web', 10 * MINUTE), subsets })
  const ips = (...list: string[]) => list.map((ip) => ({ ip }))

  it('shows three ip:port pairs then "+ N more..." for five ready addresses', () => {
    const five = ips('10.244.1.5', '10.244.1.6', '10.244.2.7', '10.244.2.8', '10.244.3.9')
    expect(cells('Endpoints', endpoints([{ addresses: five, ports: [{ port: 80 }] }]))).toEqual([
      'web',
      '10.244.1.5:80,10.244.1.6:80,10.244.2.7:80 + 2 more...',
      '10m',
    ])
  })

  it('counts every address × port pair, and brackets IPv6 addresses', () => {
    const subset = { addresses: ips('fd00::5', '10.244.1.6'), ports: [{ port: 80 }, { port: 443 }] }
    expect(cells('Endpoints', endpoints([subset]))[1]).toBe(
      '[fd00::5]:80,10.244.1.6:80,[fd00::5]:443 + 1 more...',
    )
  })

  it('shows bare IPs for a headless subset, <none> without subsets, "" without ready ones', () => {
    expect(cells('Endpoints', endpoints([{ addresses: ips('10.244.1.5') }]))[1]).toBe('10.244.1.5')
    expect(cells('Endpoints', endpoints(undefined))[1]).toBe('<none>')
    const notReady = { notReadyAddresses: ips('10.244.1.5'), ports: [{ port: 80 }] }
    expect(cells('Endpoints', endpoints([notReady]))[1]).toBe('')
  })
})

describe('EndpointSlice printer', () => {
  const slice = (ports: object[] | undefined, addresses: string[][]) =>
    object('discovery.k8s.io/v1', 'EndpointSlice', {
      metadata: meta('web-7xk2p', 10 * MINUTE),
      addressType: 'IPv4',
      ports,
      endpoints: addresses.map((a) => ({ addresses: a, conditions: { ready: true } })),
    })

  it('shows ports and up to three addresses', () => {
    const s = slice(
      [{ name: '', port: 80, protocol: 'TCP' }],
      [['10.244.1.5'], ['10.244.1.6'], ['10.244.2.7'], ['10.244.2.8']],
    )
    expect(cells('EndpointSlice', s)).toEqual([
      'web-7xk2p',
      'IPv4',
      '80',
      '10.244.1.5,10.244.1.6,10.244.2.7 + 1 more...',
      '10m',
    ])
  })

  it('shows <unset> when empty, a port name without number, and * for neither', () => {
    expect(cells('EndpointSlice', slice(undefined, [])).slice(2, 4)).toEqual(['<unset>', '<unset>'])
    expect(cells('EndpointSlice', slice([{ name: 'http' }, {}], []))[2]).toBe('http,*')
  })
})

describe('Namespace, ConfigMap, Secret and Lease printers', () => {
  it('shows a namespace phase', () => {
    const ns = (name: string, phase: string) =>
      object('v1', 'Namespace', { metadata: meta(name, 10 * DAY), status: { phase } })
    expect(cells('Namespace', ns('default', 'Active'))).toEqual(['default', 'Active', '10d'])
    expect(cells('Namespace', ns('team-a', 'Terminating'))[1]).toBe('Terminating')
  })

  it('counts ConfigMap keys in data and binaryData as a number', () => {
    const cm = object('v1', 'ConfigMap', {
      metadata: meta('app-config', 2 * 60 * MINUTE),
      data: { 'app.properties': 'a=1', mode: 'prod' },
      binaryData: { logo: 'iVBORw0=' },
    })
    expect(cells('ConfigMap', cm)).toEqual(['app-config', 3, '120m'])
  })

  it('shows a Secret type and counts its keys once each', () => {
    const secret = object('v1', 'Secret', {
      metadata: meta('db-credentials', 60 * MINUTE),
      type: 'Opaque',
      data: { username: 'YWRtaW4=', password: 'czNjcjN0' },
      stringData: { password: 'override', host: 'db' },
    })
    expect(cells('Secret', secret)).toEqual(['db-credentials', 'Opaque', 3, '60m'])
  })

  it('shows a Lease holder, or "" when nobody holds it', () => {
    const lease = (spec: object) =>
      object('coordination.k8s.io/v1', 'Lease', { metadata: meta('worker-1', 5 * DAY), spec })
    expect(cells('Lease', lease({ holderIdentity: 'worker-1' }))).toEqual([
      'worker-1',
      'worker-1',
      '5d',
    ])
    expect(cells('Lease', lease({}))[1]).toBe('')
  })

  it('prints <unknown> for an object without creationTimestamp', () => {
    const cm = object('v1', 'ConfigMap', { metadata: { name: 'x' } })
    expect(cells('ConfigMap', cm)).toEqual(['x', 0, '<unknown>'])
  })
})
