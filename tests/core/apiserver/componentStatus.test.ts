/**
 * `kubectl get componentstatuses` (core/apiserver/componentStatus.ts): the API server probes its
 * own machine's scheduler and controller-manager and its etcd member at each request, and warns
 * that the API is deprecated, as v1.32 does.
 */
import { describe, expect, it } from 'vitest'
import { sim } from '../../support/sim'

const WARNING = 'Warning: v1 ComponentStatus is deprecated in v1.19+\n'

describe('kube-apiserver: componentstatuses', () => {
  it('componentstatuses: a healthy control plane reads Healthy ok for scheduler, controller-manager and etcd-0, with the deprecation warning', () => {
    const t = sim({ seed: 1 })
    const result = t.sh('kubectl get cs')
    expect(result.stderr).toBe(WARNING)
    expect(result.stdout).toBe(
      [
        'NAME                 STATUS    MESSAGE   ERROR',
        'scheduler            Healthy   ok        ',
        'controller-manager   Healthy   ok        ',
        'etcd-0               Healthy   ok        ',
        '',
      ].join('\n'),
    )
  })

  it('componentstatuses: a stopped kube-scheduler is Unhealthy with the refused GET of its /healthz as the message', () => {
    const t = sim({ seed: 1 })
    t.fault('process/stop', { kind: 'component', type: 'kube-scheduler', machine: 'cp-1' })
    t.advance('30s')
    const row = t
      .sh('kubectl get componentstatuses')
      .stdout.split('\n')
      .find((l) => l.startsWith('scheduler'))
    expect(row?.replace(/ +/g, ' ').trim()).toBe(
      'scheduler Unhealthy Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused',
    )
  })

  it('componentstatuses: etcd-0 is Unhealthy with the etcd error when its member cannot serve', () => {
    const t = sim({ seed: 1 })
    t.fault('process/stop', { kind: 'component', type: 'etcd', machine: 'cp-1' })
    t.advance('5s')
    // The API server still answers componentstatuses: they are probed, not read from etcd.
    const cs = t.api('GET', '/api/v1/componentstatuses/etcd-0')
    expect(cs.status).toBe(200)
    expect(cs.body).toMatchObject({
      kind: 'ComponentStatus',
      conditions: [
        { type: 'Healthy', status: 'False', error: expect.stringContaining('connection refused') },
      ],
    })
  })

  it('componentstatuses: only get and list; an unknown name is NotFound, still with the warning', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl get cs nosuch').stderr).toBe(
      `${WARNING}Error from server (NotFound): componentstatuses "nosuch" not found\n`,
    )
    expect(t.api('DELETE', '/api/v1/componentstatuses/scheduler').status).toBe(405)
  })
})
