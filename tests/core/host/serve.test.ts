import { describe, expect, it } from 'vitest'
import { createClient, RemoteError } from '../../../core/host/client'
import { createPortPair } from '../../../core/host/memoryPort'
import { serve } from '../../../core/host/serve'
import type { ClientMessage, HostMessage, SimulationEvent } from '../../../core/protocol'

function connect(seed = 1) {
  const [clientPort, hostPort] = createPortPair<ClientMessage, HostMessage>()
  serve(hostPort, { seed })
  return { client: createClient(clientPort), clientPort }
}

describe('host: serve over a port', () => {
  it('answers each command with exactly one reply, correlated by id', async () => {
    const { client } = connect()
    const [info, advanced] = await Promise.all([
      client.request({ kind: 'simulation/describe' }),
      client.request({ kind: 'clock/advance', ms: 5000 }),
    ])
    expect(info.nowMs).toBe(0)
    expect(advanced.nowMs).toBe(5000)
  })

  it('delivers the events a command caused before its reply', async () => {
    const { client } = connect()
    const seen: string[] = []
    client.onEvent((event: SimulationEvent) => seen.push(event.kind))
    await client
      .request({ kind: 'shell/exec', session: 's', line: 'sleep 1m' })
      .then(() => seen.push('reply'))
    // Observers' batches (kube/changed, flow/messages…) come too; the clock's tick is the last
    // event of the minute, and the reply comes after every event.
    expect(seen.at(-1)).toBe('reply')
    expect(seen.filter((kind) => kind === 'clock/ticked')).toEqual(['clock/ticked'])
    expect(seen.at(-2)).toBe('clock/ticked')
  })

  it('turns a failing command into an error reply, and keeps serving', async () => {
    const { client } = connect()
    await expect(client.request({ kind: 'clock/advance', ms: -1 })).rejects.toThrow(RemoteError)
    await expect(client.request({ kind: 'clock/advance', ms: 1 })).resolves.toEqual({ nowMs: 1 })
  })

  it('ignores messages that are not commands', async () => {
    const { client, clientPort } = connect()
    for (const junk of [
      null,
      42,
      'x',
      { type: 'command' },
      { type: 'command', id: 'a', command: {} },
    ]) {
      clientPort.post(junk as unknown as ClientMessage)
    }
    await expect(client.request({ kind: 'clock/advance', ms: 2 })).resolves.toEqual({ nowMs: 2 })
  })

  it('rejects pending requests when the client closes', async () => {
    const [clientPort] = createPortPair<ClientMessage, HostMessage>()
    const client = createClient(clientPort)
    const pending = client.request({ kind: 'simulation/describe' })
    client.close()
    await expect(pending).rejects.toThrow('the simulation client was closed')
  })
})
