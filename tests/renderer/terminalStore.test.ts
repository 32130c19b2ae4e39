import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import {
  createSimulationClient,
  type SimulationClient,
} from '../../renderer/src/client/simulationClient'
import { machineOf, useTerminalStore } from '../../renderer/src/stores/terminal'
import { applyCommand } from '../../renderer/src/terminal/manifests'
import { startSimulation, type InMemorySimulation } from './helpers'
import { testScreen, type TestScreen } from './terminalHelpers'

const PROMPT = 'root@laptop:~# '

/** Waits until the in-memory simulation answered and the controller wrote its result. */
async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

describe('useTerminalStore', () => {
  let sim: InMemorySimulation
  let client: SimulationClient
  let stop: () => void
  let store: ReturnType<typeof useTerminalStore>

  beforeEach(() => {
    setActivePinia(createPinia())
    sim = startSimulation()
    client = createSimulationClient(sim.port)
    store = useTerminalStore()
    stop = store.connect(client)
  })
  afterEach(() => {
    stop()
    client.close()
  })

  /** Opens a tab with a screen attached, as the view does, and waits for its prompt. */
  async function open(): Promise<{ id: string; screen: TestScreen; type(data: string): void }> {
    const tab = store.openTab()
    const screen = testScreen(80, 40)
    const controller = store.controllerOf(tab.id)!
    controller.attach(screen)
    await settled()
    return { id: tab.id, screen, type: (data) => controller.input(data) }
  }

  it('shows the prompt of a new shell on the laptop', async () => {
    const { screen } = await open()
    expect(await screen.rows()).toEqual([PROMPT.trimEnd()])
    expect(store.active?.title).toBe('laptop')
    expect(store.active?.mode).toBe('editing')
  })

  it('runs a typed line in the simulation and shows its output, then a new prompt', async () => {
    const { screen, type } = await open()
    type('echo hello from the lab\r')
    await settled()
    expect(await screen.rows()).toEqual([
      `${PROMPT}echo hello from the lab`,
      'hello from the lab',
      PROMPT.trimEnd(),
    ])
  })

  it('titles the tab by the machine its prompt names, through ssh and back', async () => {
    const { type } = await open()
    type('ssh worker-1\r')
    await settled()
    expect(store.active?.title).toBe('worker-1')
    type('exit\r')
    await settled()
    expect(store.active?.title).toBe('laptop')
  })

  it('gives each tab its own session', async () => {
    const first = await open()
    first.type('cd /etc\r')
    const second = await open()
    second.type('pwd\r')
    await settled()
    expect(store.tabs.map((t) => t.session)).toEqual(['terminal-1', 'terminal-2'])
    expect(await second.screen.rows()).toContain('/root')
    expect(store.activeId).toBe(second.id)
  })

  it('ends the tab when the laptop shell exits, and Enter starts a new session', async () => {
    const { screen, type } = await open()
    type('exit\r')
    await settled()
    expect(store.active?.mode).toBe('ended')
    expect(await screen.rows()).toContain('[session ended — press Enter to start a new one]')
    type('ls\r')
    await settled()
    expect(store.active?.mode).toBe('editing')
    expect(store.active?.session).toBe('terminal-2')
    expect(await screen.rows()).toEqual([PROMPT.trimEnd()])
  })

  it('exits on Ctrl+D at an empty line, printing exit as bash does', async () => {
    const { screen, type } = await open()
    type('\x04')
    await settled()
    expect((await screen.rows())[0]).toBe(`${PROMPT}exit`)
    expect(store.active?.mode).toBe('ended')
  })

  it('abandons the line on Ctrl+C, and the shell records status 130', async () => {
    const { screen, type } = await open()
    type('kubectl delete everything\x03')
    await settled()
    type('echo $?\r')
    await settled()
    expect(await screen.rows()).toEqual([
      `${PROMPT}kubectl delete everything^C`,
      `${PROMPT}echo $?`,
      '130',
      PROMPT.trimEnd(),
    ])
  })

  it('completes a path through shell/complete', async () => {
    const { screen, type } = await open()
    type('cat /etc/hostn\t')
    await settled()
    type('\r')
    await settled()
    expect(await screen.rows()).toEqual([`${PROMPT}cat /etc/hostname`, 'laptop', PROMPT.trimEnd()])
  })

  it('completes a command name, then lists the candidates on a second Tab', async () => {
    const { screen, type } = await open()
    type('ech\t')
    await settled()
    expect(store.controllerOf(store.activeId)!.editor.line).toBe('echo ')
    type('\x15he\t\t')
    await settled()
    const rows = await screen.rows()
    expect(rows[0]).toBe(`${PROMPT}he`)
    expect(rows[1]).toMatch(/^head\s+help$/)
    expect(rows[2]).toBe(`${PROMPT}he`)
  })

  it('runs a multi-line paste as one exec, heredoc included', async () => {
    const { screen, type } = await open()
    type('\x1b[200~cat <<EOF\rhello\rEOF\recho done\r\x1b[201~')
    await settled()
    expect(await screen.rows()).toEqual([
      `${PROMPT}cat <<EOF`,
      '> hello',
      '> EOF',
      `${PROMPT}echo done`,
      'hello',
      'done',
      PROMPT.trimEnd(),
    ])
  })

  it('types the Apply command in the active tab, with the heredoc shown as bash shows it', async () => {
    const { screen } = await open()
    store.applyManifest('kind: Pod\nmetadata:\n  name: hello\n')
    await settled()
    const rows = await screen.rows()
    expect(rows.slice(0, 5)).toEqual([
      `${PROMPT}kubectl apply -f - <<'EOF'`,
      '> kind: Pod',
      '> metadata:',
      '>   name: hello',
      '> EOF',
    ])
    expect(rows.at(-1)).toBe(PROMPT.trimEnd())
  })

  it('closes a tab and activates its neighbour; closing the last opens a fresh one', async () => {
    const first = await open()
    const second = await open()
    store.closeTab(second.id)
    expect(store.tabs.map((t) => t.id)).toEqual([first.id])
    expect(store.activeId).toBe(first.id)
    store.closeTab(first.id)
    expect(store.tabs).toHaveLength(1)
    expect(store.activeId).not.toBe(first.id)
  })

  it('waits for the client: a tab opened before the connection gets its prompt after', async () => {
    stop()
    setActivePinia(createPinia())
    store = useTerminalStore()
    const tab = store.openTab()
    const screen = testScreen()
    store.controllerOf(tab.id)!.attach(screen)
    await settled()
    expect(store.active?.mode).toBe('starting')
    stop = store.connect(client)
    await settled()
    expect(await screen.rows()).toEqual([PROMPT.trimEnd()])
  })
})

describe('terminal helpers', () => {
  it('reads the machine from a prompt, and nothing from a continuation prompt', () => {
    expect(machineOf('root@cp-1:/etc/kubernetes# ')).toBe('cp-1')
    expect(machineOf('> ')).toBeUndefined()
  })

  it('quotes the heredoc delimiter and picks one the manifest does not contain', () => {
    expect(applyCommand('a: 1\n\n')).toBe("kubectl apply -f - <<'EOF'\na: 1\nEOF")
    expect(applyCommand('x: |\n  EOF\nEOF\n')).toBe(
      "kubectl apply -f - <<'EOF_1'\nx: |\n  EOF\nEOF\nEOF_1",
    )
  })
})
