import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPortPair } from '../../core/host/memoryPort'
import { serveLabs } from '../../core/host/serve'
import type { ClientMessage, HostMessage } from '../../core/protocol'
import type { ProgressStorage } from '../../renderer/src/client/progressStorage'
import { createSimulationClient } from '../../renderer/src/client/simulationClient'
import LabCatalogue from '../../renderer/src/components/LabCatalogue.vue'
import LabPanel from '../../renderer/src/components/LabPanel.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useChallengeStore } from '../../renderer/src/stores/challenge'
import { useLabsStore } from '../../renderer/src/stores/labs'
import { fixtureLab, HEAD } from '../core/labs/fixtures'
import { settle } from './helpers'

const LAB = `${HEAD}steps:
  - id: look
    title: { en: Look, pt-BR: Olhe }
    verify: { check: commandRan, pattern: '^kubectl get nodes' }
    solution: [kubectl get nodes]
`

const NO_STORAGE: ProgressStorage = {
  read: () => Promise.resolve({ text: null }),
  write: () => Promise.resolve(),
  setAside: () => Promise.resolve(),
}

/** Seed 2’s first challenge stops the kubelet on worker-1 (tests/core/labs/challenge.test.ts). */
const REPAIR = 'ssh worker-1 systemctl start kubelet'

function connect() {
  const [port, hostPort] = createPortPair<ClientMessage, HostMessage>()
  const host = serveLabs(hostPort, { seed: 2 }, { labs: [fixtureLab(LAB, ['look'])], problems: [] })
  const client = createSimulationClient(port)
  const labs = useLabsStore()
  labs.useStorage(NO_STORAGE)
  labs.useFolderBridge(undefined)
  labs.connect(client)
  const exec = (line: string) => client.request({ kind: 'shell/exec', session: 't1', line })
  return { host, client, labs, challenge: useChallengeStore(), exec }
}

describe('useChallengeStore', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('starts a challenge, follows its repair live and keeps what it was', async () => {
    const { labs, challenge, exec } = connect()
    await settle()
    expect([challenge.shown, labs.active]).toEqual([false, false])
    expect(await challenge.start()).toBe(true)
    expect(challenge.status).toEqual({ sinceMs: 0, repaired: false })
    expect(labs.active).toBe(true)
    await challenge.check()
    expect(challenge.checked).toBe('notYet')
    await exec(REPAIR)
    await settle()
    expect(challenge.status).toMatchObject({ repaired: true, what: { en: /^kubelet on worker-1/ } })
    expect(challenge.checked).toBeNull()
    await challenge.close()
    expect([challenge.status, challenge.ended, challenge.shown]).toEqual([null, null, false])
  })

  it('gives up: the fault is healed and what it was stays shown until closed', async () => {
    const { host, challenge } = connect()
    await challenge.start()
    expect(await challenge.reveal()).toBe(true)
    expect(challenge.status).toBeNull()
    expect(challenge.ended).toMatchObject({ gaveUp: true, repaired: false })
    expect(host.simulation.handle({ kind: 'fault/list', includeHidden: true }).active).toEqual([])
    await challenge.close()
    expect(challenge.shown).toBe(false)
  })

  it('follows a challenge started in the terminal, and forgets it when a lab starts', async () => {
    const { labs, challenge, exec } = connect()
    await exec('fault challenge')
    await settle()
    expect(challenge.status).toEqual({ sinceMs: 0, repaired: false })
    await labs.start('fixture')
    await settle()
    expect(challenge.shown).toBe(false)
  })
})

describe('challenge in the catalogue and the lab panel', () => {
  let pinia: Pinia
  beforeEach(() => {
    pinia = createPinia()
    setActivePinia(pinia)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  const mountWith = <T>(component: T, language: 'en' | 'pt-BR' = 'en') =>
    mount(component as never, {
      attachTo: document.body,
      global: { plugins: [pinia, createAppI18n(language)] },
    })

  it('starts a challenge from its card, which closes the catalogue', async () => {
    const { challenge } = connect()
    const catalogue = mountWith(LabCatalogue)
    await flushPromises()
    const card = catalogue.get('[data-testid="challenge-card"]')
    expect(card.text()).toContain('Challenge')
    await card.get('[data-testid="challenge-start"]').trigger('click')
    await flushPromises()
    expect(catalogue.emitted('close')).toHaveLength(1)
    expect(challenge.status).toEqual({ sinceMs: 0, repaired: false })
  })

  it('says something is broken, checks, and says repaired with what it was', async () => {
    const { challenge, exec } = connect()
    await challenge.start()
    const panel = mountWith(LabPanel)
    await flushPromises()
    const section = () => panel.get('[data-testid="challenge-panel"]')
    expect(section().attributes('data-state')).toBe('running')
    expect(section().text()).toContain('Something in this cluster is broken')
    expect(section().text()).not.toContain('kubelet')
    expect(panel.find('[data-testid="lab-panel"]').exists()).toBe(false)
    await panel.get('[data-testid="challenge-check"]').trigger('click')
    await flushPromises()
    expect(panel.get('[data-testid="challenge-result"]').text()).toBe('✗ Not repaired yet.')
    await exec(REPAIR)
    await flushPromises()
    expect(section().attributes('data-state')).toBe('repaired')
    expect(panel.get('[data-testid="challenge-result"]').text()).toBe(
      '✓ Repaired! Well done. It was: kubelet on worker-1 was stopped (systemctl stop kubelet): fault process/stop.',
    )
    await panel.get('[data-testid="challenge-close"]').trigger('click')
    await flushPromises()
    expect(panel.find('[data-testid="challenge-panel"]').exists()).toBe(false)
  })

  it('reveals what it was when the learner gives up, in Brazilian Portuguese', async () => {
    const { challenge } = connect()
    await challenge.start()
    const panel = mountWith(LabPanel, 'pt-BR')
    await flushPromises()
    expect(panel.text()).toContain('Tem alguma coisa quebrada neste cluster')
    await panel.get('[data-testid="challenge-give-up"]').trigger('click')
    await flushPromises()
    expect(panel.get('[data-testid="challenge-panel"]').attributes('data-state')).toBe('revealed')
    expect(panel.get('[data-testid="challenge-result"]').text()).toBe(
      'Você desistiu. A falha foi corrigida para você. Era: O kubelet em worker-1 foi parado (systemctl stop kubelet): falha process/stop.',
    )
  })

  it('shows the challenge above a running lab', async () => {
    const { labs, challenge } = connect()
    await labs.start('fixture')
    await challenge.start()
    const panel = mountWith(LabPanel)
    await flushPromises()
    expect(panel.find('[data-testid="challenge-panel"]').exists()).toBe(true)
    expect(panel.get('[data-testid="lab-panel"]').attributes('data-lab')).toBe('fixture')
  })
})
