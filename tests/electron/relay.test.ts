import { describe, expect, it } from 'vitest'
import type { ClientMessage, HostMessage } from '../../core/protocol'
import { createRelay } from '../../electron/relay'

/** A relay whose ends record what reached them. */
function harness() {
  const worker: ClientMessage[] = []
  const renderer: HostMessage[] = []
  const warnings: string[] = []
  const relay = createRelay({
    toWorker: (message) => worker.push(message),
    toRenderer: (message) => renderer.push(message),
    warn: (text) => warnings.push(text),
  })
  return { relay, worker, renderer, warnings }
}

const command = (id: number, line: string): ClientMessage => ({
  type: 'command',
  id,
  command: { kind: 'shell/exec', session: 'main', line },
})

describe('createRelay', () => {
  it('forwards valid renderer messages to the worker in order', () => {
    const { relay, worker, renderer } = harness()
    const sent = [command(1, 'kubectl get nodes'), command(2, 'kubectl get pods'), command(3, 'ls')]
    sent.forEach((message) => relay.fromRenderer(message))
    expect(worker).toEqual(sent)
    expect(renderer).toEqual([])
    expect(relay.dropped).toBe(0)
  })

  it('drops invalid renderer messages, counts them, and keeps the valid ones in order', () => {
    const { relay, worker } = harness()
    relay.fromRenderer(command(1, 'first'))
    relay.fromRenderer({ type: 'command', id: 2, command: { kind: 'node/poweroff' } })
    relay.fromRenderer('kubectl get nodes')
    relay.fromRenderer(command(3, 'second'))
    relay.fromRenderer(null)
    expect(worker.map((message) => message.id)).toEqual([1, 3])
    expect(relay.dropped).toBe(3)
  })

  it('answers a dropped message that has an id, so its caller does not wait forever', () => {
    const { relay, worker, renderer } = harness()
    relay.fromRenderer({ type: 'command', id: 7, command: { kind: 'etcd/wipe' } })
    relay.fromRenderer({ type: 'command', command: { kind: 'world/list' } })
    relay.fromRenderer({ type: 'command', id: -1, command: { kind: 'world/list' } })
    expect(worker).toEqual([])
    expect(renderer).toEqual([
      {
        type: 'reply',
        id: 7,
        ok: false,
        error: { code: 'BadMessage', message: expect.any(String) },
      },
    ])
  })

  it('logs drops with the running count, at powers of two so a flood stays readable', () => {
    const { relay, warnings } = harness()
    for (let i = 0; i < 9; i++) relay.fromRenderer({ bogus: i })
    expect(relay.dropped).toBe(9)
    expect(warnings).toHaveLength(4)
    expect(warnings.map((text) => /\((\d+) so far\)/.exec(text)?.[1])).toEqual(['1', '2', '4', '8'])
  })

  it('forwards every worker message to the renderer in order, and nothing to the worker', () => {
    const { relay, worker, renderer } = harness()
    const events: HostMessage[] = [
      { type: 'event', event: { kind: 'clock/ticked', nowMs: 1000 } },
      { type: 'reply', id: 1, ok: true, result: { nowMs: 1000 } },
      { type: 'reply', id: 2, ok: false, error: { code: 'BadCommand', message: 'no' } },
      { type: 'event', event: { kind: 'clock/ticked', nowMs: 2000 } },
    ]
    events.forEach((message) => relay.fromWorker(message))
    expect(renderer).toEqual(events)
    expect(worker).toEqual([])
  })
})
