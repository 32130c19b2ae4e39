import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SimulationEvent } from '../../core/protocol'
import type { SimulationClient } from '../../renderer/src/client/simulationClient'
import { LIGHT_MS, litPath, useTraceStore } from '../../renderer/src/stores/trace'

describe('trace store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('lights the components and links of a path, in both directions of each link', () => {
    const lit = litPath('POST /api/v1/namespaces/default/pods', [
      { from: 'laptop', to: 'kube-apiserver-cp-1', port: 6443 },
      { from: 'kube-apiserver-cp-1', to: 'etcd-cp-1', port: 2379 },
    ])
    expect([...lit.components].sort()).toEqual(['etcd-cp-1', 'kube-apiserver-cp-1', 'laptop'])
    expect(lit.links.has('kube-apiserver-cp-1--etcd-cp-1')).toBe(true)
    expect(lit.links.has('etcd-cp-1--kube-apiserver-cp-1')).toBe(true)
  })

  it('turns the light off LIGHT_MS after the last path', () => {
    const trace = useTraceStore()
    const hops = [{ from: 'laptop', to: 'kube-apiserver-cp-1', port: 6443 }]
    trace.show({ kind: 'trace/path', session: 's', summary: 'GET', hops })
    vi.advanceTimersByTime(LIGHT_MS - 1)
    trace.show({ kind: 'trace/path', session: 's', summary: 'GET again', hops })
    vi.advanceTimersByTime(LIGHT_MS - 1)
    expect(trace.lit.summary).toBe('GET again')
    vi.advanceTimersByTime(1)
    expect(trace.lit.components.size).toBe(0)
  })
})

describe('trace store: connect', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('lights a traced path, and stops following', () => {
    const listeners = new Set<(event: SimulationEvent) => void>()
    const client: SimulationClient = {
      request: () => Promise.reject(new Error('not in this test')),
      onEvent: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      close: () => {},
    }
    const trace = useTraceStore()
    const stop = trace.connect(client)
    expect(listeners.size).toBe(1)
    const hops = [{ from: 'laptop', to: 'kube-apiserver-cp-1', port: 6443 }]
    listeners.forEach((l) => l({ kind: 'trace/path', session: 's', summary: 'GET pods', hops }))
    expect(trace.lit.summary).toBe('GET pods')
    stop()
    expect(listeners.size).toBe(0)
  })
})
