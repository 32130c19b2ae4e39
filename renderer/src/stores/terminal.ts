/**
 * The terminal's tabs and their shell sessions in the simulation. Only this store talks to the
 * client for the terminal; each tab's TerminalController (plain TS, not reactive state) decides
 * what keys do, and the tab view attaches xterm to it.
 *
 * 1. A tab keeps its id for its whole life; its session id changes when a closed session is
 *    replaced by a new one, and session ids are never reused, so a late event of an old session
 *    cannot reach the new one.
 * 2. Requests made before the client is connected wait for it: a tab can be opened (and typed
 *    into) while the simulation is still starting.
 * 3. `shell/output` events go to the tab whose current session they name; others are dropped.
 * 4. `simulation/replaced` gives every tab a fresh session in the new simulation (the old
 *    sessions went with the old one), with a line on screen saying why.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Language, ResultOf } from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'
import en from '../i18n/en'
import {
  TerminalController,
  type ControllerState,
  type ControllerText,
  type Mode,
  type ShellBackend,
} from '../terminal/controller'
import { applyCommand } from '../terminal/manifests'

export interface TerminalTab {
  /** Stable for the tab's life: the DOM ids and the view's key. */
  id: string
  /** The simulation's session id: a new one after the old session closed. */
  session: string
  /** The machine the prompt names ("laptop", "cp-1" after ssh). */
  title: string
  mode: Mode
}

/** "root@worker-1:~# " → "worker-1"; undefined for "> " and other prompts. */
export function machineOf(prompt: string): string | undefined {
  return /^[^@\s]+@([^:\s]+):/.exec(prompt)?.[1]
}

const DEFAULT_TEXT: ControllerText = {
  sessionEnded: () => en.terminal.sessionEnded,
  failed: (message) => en.terminal.failed.replace('{message}', message),
  replaced: () => en.terminal.replaced,
}

export const useTerminalStore = defineStore('terminal', () => {
  const tabs = ref<TerminalTab[]>([])
  const activeId = ref('')
  /** The language KubeLab's own shell messages use; the panel keeps it equal to the UI's. */
  const language = ref<Language>('en')
  const active = computed(() => tabs.value.find((tab) => tab.id === activeId.value))
  // Not state: live objects the views and the client use.
  const controllers = new Map<string, TerminalController>()
  let client: SimulationClient | null = null
  let waiters: ((client: SimulationClient) => void)[] = []
  let text: ControllerText = DEFAULT_TEXT
  let tabCount = 0
  let sessionCount = 0

  const nextSession = (): string => `terminal-${++sessionCount}`
  const tabById = (id: string): TerminalTab | undefined => tabs.value.find((t) => t.id === id)

  /** Routes `shell/output` to the tabs; returns a function that stops. */
  function connect(connected: SimulationClient): () => void {
    client = connected
    const ready = waiters
    waiters = []
    ready.forEach((resolve) => resolve(connected))
    const stop = connected.onEvent((event) => {
      if (event.kind === 'simulation/replaced') return renewAll()
      if (event.kind !== 'shell/output') return
      const tab = tabs.value.find((t) => t.session === event.session)
      if (tab !== undefined) controllers.get(tab.id)?.output(event)
    })
    return () => {
      stop()
      if (client === connected) client = null
    }
  }

  function renewAll(): void {
    for (const tab of tabs.value) {
      tab.title = 'laptop'
      void controllers.get(tab.id)?.renew(text.replaced())
    }
  }

  function connected(): Promise<SimulationClient> {
    if (client !== null) return Promise.resolve(client)
    return new Promise((resolve) => waiters.push(resolve))
  }

  function backendFor(id: string): ShellBackend {
    const session = (): string => tabById(id)?.session ?? ''
    return {
      exec: async (line) =>
        (await connected()).request({
          kind: 'shell/exec',
          session: session(),
          line,
          language: language.value,
        }),
      interrupt: async () =>
        (await connected()).request({ kind: 'shell/interrupt', session: session() }),
      complete: async (line): Promise<ResultOf<'shell/complete'>> =>
        (await connected()).request({ kind: 'shell/complete', session: session(), line }),
      restart: () => {
        const tab = tabById(id)
        if (tab !== undefined) tab.session = nextSession()
      },
    }
  }

  /** Opens a tab with a fresh shell on the laptop, makes it active, and asks for its prompt. */
  function openTab(): TerminalTab {
    const id = `terminal-tab-${++tabCount}`
    tabs.value.push({ id, session: nextSession(), title: 'laptop', mode: 'starting' })
    const controller = new TerminalController(
      backendFor(id),
      {
        sessionEnded: () => text.sessionEnded(),
        failed: (m) => text.failed(m),
        replaced: () => text.replaced(),
      },
      (state) => update(id, state),
    )
    controllers.set(id, controller)
    activeId.value = id
    void controller.start()
    return tabById(id)!
  }

  function update(id: string, state: ControllerState): void {
    const tab = tabById(id)
    if (tab === undefined) return
    tab.mode = state.mode
    tab.title = machineOf(state.prompt) ?? tab.title
  }

  /** Closes a tab and ends its session; the last tab is replaced by a fresh one. */
  function closeTab(id: string): void {
    const index = tabs.value.findIndex((t) => t.id === id)
    if (index < 0) return
    const tab = tabs.value[index]!
    if (client !== null) {
      void client.request({ kind: 'shell/close', session: tab.session }).catch(() => {})
    }
    controllers.get(id)?.detach()
    controllers.delete(id)
    tabs.value.splice(index, 1)
    if (activeId.value === id) {
      const neighbour = tabs.value[Math.min(index, tabs.value.length - 1)]
      activeId.value = neighbour?.id ?? ''
    }
    if (tabs.value.length === 0) openTab()
  }

  function activate(id: string): void {
    if (tabById(id) !== undefined) activeId.value = id
  }

  function controllerOf(id: string): TerminalController | undefined {
    return controllers.get(id)
  }

  /** Runs `kubectl apply -f -` with the manifest as a heredoc, in the active tab, as if typed. */
  function applyManifest(manifest: string): void {
    const tab = active.value ?? openTab()
    controllers.get(tab.id)?.type(applyCommand(manifest))
  }

  /**
   * Runs command lines in the active tab as if typed (a lab step's code block's Run button):
   * one after the other, each at its own prompt; a block with a heredoc runs whole, as one.
   */
  function run(lines: string): void {
    const tab = active.value ?? openTab()
    const text = lines.replace(/\r\n?/g, '\n').replace(/\n+$/, '')
    const commands = text.includes('<<') ? [text] : text.split('\n').filter((l) => l.trim())
    for (const command of commands) controllers.get(tab.id)?.type(command)
  }

  /** The words controllers print themselves, in the UI language. */
  function setText(next: ControllerText): void {
    text = next
  }

  return {
    tabs,
    activeId,
    active,
    language,
    connect,
    openTab,
    closeTab,
    activate,
    controllerOf,
    applyManifest,
    run,
    setText,
  }
})
