import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPortPair } from '../../core/host/memoryPort'
import { serveLabs } from '../../core/host/serve'
import type { ClientMessage, HostMessage } from '../../core/protocol'
import type { ProgressStorage, StoredProgress } from '../../renderer/src/client/progressStorage'
import { createSimulationClient } from '../../renderer/src/client/simulationClient'
import { useClockStore } from '../../renderer/src/stores/clock'
import { useClusterStore } from '../../renderer/src/stores/cluster'
import { parseSaved, useLabsStore } from '../../renderer/src/stores/labs'
import { fixtureLab, HEAD } from '../core/labs/fixtures'
import { manualFrames, settle } from './helpers'

const LAB = `${HEAD}cluster: { controlPlanes: 1, workers: 1 }
steps:
  - id: look
    title: { en: Look, pt-BR: Olhe }
    verify: { check: commandRan, pattern: '^kubectl get nodes' }
    hints: [{ en: A hint, pt-BR: Uma dica }]
    solution: [kubectl get nodes]
  - id: wait
    title: { en: Wait, pt-BR: Espere }
    verify: { check: timePassed, duration: 1m }
    solution: [sleep 1m]
`.replace('cluster: { controlPlanes: 1, workers: 2 }\n', '')

/** Progress kept in memory, recording what the store wrote and set aside. */
function memoryStorage(initial: StoredProgress = { text: null }) {
  const written: string[] = []
  const asides: string[] = []
  const storage: ProgressStorage = {
    read: () => Promise.resolve(initial),
    write: (text) => Promise.resolve(void written.push(text)),
    setAside: (text) => Promise.resolve(void asides.push(text)),
  }
  return { storage, written, asides }
}

function connect(storage: ProgressStorage) {
  const [port, hostPort] = createPortPair<ClientMessage, HostMessage>()
  const host = serveLabs(
    hostPort,
    { seed: 1 },
    { labs: [fixtureLab(LAB, ['look', 'wait'])], problems: [] },
  )
  const client = createSimulationClient(port)
  const labs = useLabsStore()
  labs.useStorage(storage)
  labs.connect(client)
  return { host, client, labs }
}

describe('useLabsStore', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('lists the labs, starts one and saves the progress it reports', async () => {
    const { storage, written } = memoryStorage()
    const { labs, host } = connect(storage)
    await settle()
    expect(labs.catalogue.map((l) => l.id)).toEqual(['fixture'])
    expect(await labs.start('fixture')).toBe(true)
    expect(host.simulation.seed).toBe(7)
    expect(labs.view?.steps.map((s) => s.status)).toEqual(['current', 'pending'])
    expect(written).toHaveLength(1)
    expect(await labs.hint('look')).toBe(true)
    expect(labs.view?.steps[0]!.hints).toHaveLength(1)
    expect(JSON.parse(written.at(-1)!).labs.fixture.steps.look.hintsOpened).toBe(1)
  })

  it('follows lab/changed when a command completes a step, and counts it on the card', async () => {
    const { storage, written } = memoryStorage()
    const { labs, client } = connect(storage)
    await labs.start('fixture')
    await client.request({ kind: 'shell/exec', session: 'terminal-1', line: 'kubectl get nodes' })
    await settle()
    expect(labs.view?.steps.map((s) => s.status)).toEqual(['done', 'current'])
    expect(labs.summaryOf(labs.catalogue[0]!)).toEqual({ done: 1, total: 2, completed: false })
    expect(JSON.parse(written.at(-1)!).labs.fixture.steps.look.done).toBe(true)
  })

  it('resumes from the saved progress after a restart', async () => {
    const first = memoryStorage()
    const one = connect(first.storage)
    await one.labs.start('fixture')
    await one.client.request({ kind: 'shell/exec', session: 't', line: 'kubectl get nodes' })
    await settle()
    setActivePinia(createPinia())
    const again = connect(memoryStorage({ text: first.written.at(-1)! }).storage)
    await again.labs.start('fixture')
    expect(again.labs.view?.steps.map((s) => s.status)).toEqual(['done', 'current'])
  })

  it('sets unreadable saved text aside and says so, starting afresh', async () => {
    const { storage, asides } = memoryStorage({ text: '{"version": 1, "labs": ' })
    const { labs } = connect(storage)
    await labs.start('fixture')
    expect(labs.notice).toEqual({ kind: 'corrupt' })
    expect(asides).toEqual(['{"version": 1, "labs": '])
    expect(labs.view?.steps[0]!.status).toBe('current')
  })

  it('leaves the lab for a sandbox', async () => {
    const { labs, host } = connect(memoryStorage().storage)
    await labs.start('fixture')
    expect(await labs.leave()).toBe(true)
    expect(labs.view).toBeNull()
    expect(host.simulation.seed).toBe(1)
  })
})

describe('parseSaved', () => {
  it('accepts a progress document and refuses anything else', () => {
    expect(parseSaved('{"version":1,"labs":{}}')).toEqual({ version: 1, labs: {} })
    for (const text of ['', 'null', '[]', '{"version":2,"labs":{}}', '{"version":1}'])
      expect(parseSaved(text)).toBeNull()
  })
})

describe('stores: simulation/replaced', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('makes the informer list the new world and the clock read the new time', async () => {
    const { client, labs } = connect(memoryStorage().storage)
    const frames = manualFrames()
    const cluster = useClusterStore()
    const clock = useClockStore()
    clock.connect(client)
    await cluster.connect(client, { schedule: frames.schedule })
    expect(cluster.machines.map((m) => m.metadata.name)).toEqual(['cp-1', 'worker-1', 'worker-2'])
    await client.request({ kind: 'clock/advance', ms: 3_600_000 })
    await settle()
    expect(clock.nowMs).toBe(3_600_000)
    await labs.start('fixture')
    await settle()
    frames.run()
    expect(cluster.synced).toBe(true)
    expect(cluster.machines.map((m) => m.metadata.name)).toEqual(['cp-1', 'worker-1'])
    expect(clock.nowMs).toBeLessThan(3_600_000)
  })
})
