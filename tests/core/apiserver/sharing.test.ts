/**
 * What the API server shares instead of copying (issue 3, "Scale"): stored objects are frozen
 * and handed to every watcher as they are, a status write keeps the unchanged parts of the
 * previous version, pods of one template share their spec, and a kubelet's list by node reads
 * the watch cache's node index. None of it may change what a client sees.
 */
import { describe, expect, it } from 'vitest'
import type { Event, KubeObject, Pod } from '../../../core/api/types'
import { EVENT_CACHE_ENTRIES, EventRecorder } from '../../../core/client/events'
import { apiHarness } from '../../support/apiHarness'

function pod(name: string, namespace = 'default'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  }
}

describe('apiserver: sharing', () => {
  it('apiserver: sharing: watchers get the stored object itself, frozen, and a status write keeps its spec', () => {
    const h = apiHarness({ seed: 1 })
    const client = h.client('test')
    const seen: KubeObject[] = []
    client.watch('pods', 'default', {}, String(h.apiserver.revision), (e) => seen.push(e.object))
    client.create('pods', 'default', pod('web-1'))
    client.patch(
      'pods',
      'default',
      'web-1',
      { status: { phase: 'Running' } },
      'strategic',
      'status',
    )
    h.advance(0)
    const [created, running] = seen as Pod[]
    expect(running).toBe(h.etcd.kv.get('/registry/pods/default/web-1'))
    expect(Object.isFrozen(running)).toBe(true)
    expect(Object.isFrozen(running!.spec.containers[0])).toBe(true)
    expect(() => {
      ;(running!.metadata as { name: string }).name = 'changed'
    }).toThrow(TypeError)
    expect(running!.spec).toBe(created!.spec)
    expect(running!.status?.phase).toBe('Running')
    // What a client gets back is its own copy.
    const copy = client.get<Pod>('pods', 'default', 'web-1')
    copy.spec.containers[0]!.image = 'nginx:1.28'
    expect(client.get<Pod>('pods', 'default', 'web-1').spec.containers[0]!.image).toBe('nginx:1.27')
  })

  it('apiserver: sharing: pods of one template share one spec until they are bound', () => {
    const h = apiHarness({ seed: 1 })
    const client = h.client('test')
    client.create('pods', 'default', pod('web-1'))
    client.create('pods', 'default', pod('web-2'))
    const stored = (name: string) => h.etcd.kv.get(`/registry/pods/default/${name}`) as Pod
    expect(stored('web-1').spec).toBe(stored('web-2').spec)
    client.bind('default', 'web-1', 'worker-1')
    expect(stored('web-1').spec.nodeName).toBe('worker-1')
    expect(stored('web-2').spec.nodeName).toBeUndefined()
    expect(stored('web-1').spec.containers).toBe(stored('web-2').spec.containers)
  })

  it('apiserver: sharing: a list by spec.nodeName gives what filtering every pod gives', () => {
    const h = apiHarness({ seed: 1 })
    const client = h.client('test')
    for (let i = 0; i < 12; i++) {
      const namespace = i % 3 === 0 ? 'kube-system' : 'default'
      client.create('pods', namespace, pod(`web-${i}`, namespace))
    }
    for (let i = 0; i < 12; i++) {
      const namespace = i % 3 === 0 ? 'kube-system' : 'default'
      if (i % 4 !== 3) client.bind(namespace, `web-${i}`, `worker-${i % 2}`)
    }
    client.delete('pods', 'default', 'web-2', { gracePeriodSeconds: 0 })
    for (const namespace of [undefined, 'default', 'kube-system']) {
      for (const fieldSelector of ['spec.nodeName=worker-0', 'spec.nodeName=worker-1']) {
        const indexed = client.list<Pod>('pods', namespace, { fieldSelector }).items
        const nodeName = fieldSelector.split('=')[1]
        const all = client.list<Pod>('pods', namespace).items
        expect(indexed.map((p) => p.metadata.name)).toEqual(
          all.filter((p) => p.spec.nodeName === nodeName).map((p) => p.metadata.name),
        )
      }
    }
  })

  it('apiserver: sharing: an event recorder remembers the last 4096 distinct events, as client-go does', () => {
    const h = apiHarness({ seed: 1 })
    const client = h.client('test')
    const recorder = new EventRecorder(h.clock, client, { component: 'test' })
    const subject = client.create('pods', 'default', pod('web-1'))
    const countOf = (message: string) =>
      client
        .list<Event>('events', 'default')
        .items.filter((e) => e.message === message)
        .map((e) => e.count)
    recorder.event(subject, 'Normal', 'Tested', 'first')
    recorder.event(subject, 'Normal', 'Tested', 'first')
    expect(countOf('first')).toEqual([2])
    for (let i = 0; i < EVENT_CACHE_ENTRIES; i++)
      recorder.event(subject, 'Normal', 'Tested', `${i}`)
    recorder.event(subject, 'Normal', 'Tested', 'first')
    expect(countOf('first')).toEqual([2, 1])
  })
})
