/**
 * Guided labs: the catalogue, the running lab's view, and the learner's saved progress. Only this
 * store talks to the simulation about labs; the lab panel and the catalogue read it.
 *
 * 1. The progress document is the host's: every view carries it whole, and the store saves it as
 *    it comes (after each command and each `lab/changed`), so a reload finds it.
 * 2. Saved progress is read once, before the first lab starts. Text that is not a progress
 *    document is set aside, never overwritten silently, and `notice` says so.
 * 3. Starting, resetting and leaving a lab replace the simulation; the other stores follow the
 *    `simulation/replaced` event on their own.
 * 4. Labs from a folder the learner chose are sent to the host with `lab/load`, read by the
 *    desktop app's dialog or the page's folder input; the catalogue is then listed again. The
 *    desktop app loads the folder chosen last again when it connects.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type {
  LabFolderFile,
  LabProgressDocument,
  LabSummary,
  LabView,
  Localized,
} from '../../../core/protocol'
import {
  labsFolderBridge,
  readPickedFiles,
  type FolderRead,
  type LabsFolderBridge,
  type PickedFile,
} from '../client/labsFolder'
import type { SimulationClient } from '../client/simulationClient'
import { openProgressStorage, type ProgressStorage } from '../client/progressStorage'
import { useChallengeStore } from './challenge'
import { useTerminalStore } from './terminal'

/** Why saved progress was not used: the labs panel shows it in the learner's language. */
export type ProgressNotice =
  { kind: 'corrupt' } | { kind: 'unreadable' } | { kind: 'damaged'; text: Localized }

export const PROGRESS_VERSION = 1

export function emptyProgress(): LabProgressDocument {
  return { version: PROGRESS_VERSION, labs: {} }
}

/** The saved text as a progress document (the host validates each lab's entry), or null. */
export function parseSaved(text: string): LabProgressDocument | null {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
    const { version, labs } = value as { version?: unknown; labs?: unknown }
    if (version !== PROGRESS_VERSION || typeof labs !== 'object' || labs === null) return null
    return value as LabProgressDocument
  } catch {
    return null
  }
}

/** What the last labs folder gave: how many labs, or why none could be loaded. */
export type FolderState =
  | { kind: 'loaded'; folder: string; count: number; problems: number }
  | { kind: 'tooLarge' | 'unreadable'; folder: string; detail: string }

export interface LabProgressSummary {
  done: number
  total: number
  completed: boolean
}

export const useLabsStore = defineStore('labs', () => {
  const catalogue = shallowRef<readonly LabSummary[]>([])
  const problems = shallowRef<readonly string[]>([])
  const view = shallowRef<LabView | null>(null)
  const progress = shallowRef<LabProgressDocument>(emptyProgress())
  const notice = shallowRef<ProgressNotice | null>(null)
  const pending = ref(0)
  const error = ref('')
  const folder = shallowRef<FolderState | null>(null)
  const challenge = useChallengeStore()
  /** True while the side panel has a lab or a challenge to show. */
  const active = computed(() => view.value !== null || challenge.shown)
  // Not state: the live channel, where progress is kept and the desktop app's folder dialog.
  let client: SimulationClient | null = null
  let storage: ProgressStorage = openProgressStorage()
  let folderBridge: LabsFolderBridge | undefined = labsFolderBridge()
  let loaded: Promise<void> | null = null

  /** Follows `lab/changed` and lists the labs; returns a function that stops. */
  function connect(connected: SimulationClient): () => void {
    client = connected
    const stop = connected.onEvent((event) => {
      if (event.kind === 'lab/changed' && client === connected) show(event.view)
    })
    const stopChallenge = challenge.connect(connected)
    void list(connected).then(() => {
      // The desktop app's folder chosen last comes back (invariant 4).
      if (client === connected && folderBridge !== undefined) void reloadFolder()
    })
    return () => {
      stop()
      stopChallenge()
      if (client === connected) client = null
    }
  }

  function list(connected: SimulationClient): Promise<void> {
    return connected.request({ kind: 'lab/list' }).then(
      (listed) => {
        if (client !== connected) return
        catalogue.value = listed.labs
        problems.value = listed.problems
      },
      (failure: unknown) => void (error.value = messageOf(failure)),
    )
  }

  /** The desktop app's folder dialog; tests pass a stand-in, or undefined for a browser. */
  function useFolderBridge(next: LabsFolderBridge | undefined): void {
    folderBridge = next
  }

  /** True in the desktop app, where the main process shows a folder dialog. */
  const hasFolderDialog = (): boolean => folderBridge !== undefined

  /** Sends a folder's lab files to the host and lists the catalogue again (invariant 4). */
  async function loadFolder(read: FolderRead | null): Promise<boolean> {
    if (read === null) return false
    if (!read.ok) {
      folder.value = { kind: read.reason, folder: read.folder, detail: read.detail }
      return false
    }
    const c = client
    if (c === null) {
      error.value = 'not connected'
      return false
    }
    return sendFolder(c, read.folder, read.files)
  }

  async function sendFolder(
    c: SimulationClient,
    name: string,
    files: LabFolderFile[],
  ): Promise<boolean> {
    pending.value++
    error.value = ''
    try {
      const result = await c.request({ kind: 'lab/load', folder: name, files })
      folder.value = {
        kind: 'loaded',
        folder: name,
        count: result.labs.length,
        problems: result.problems.length,
      }
      await list(c)
      return true
    } catch (failure) {
      error.value = messageOf(failure)
      return false
    } finally {
      pending.value--
    }
  }

  /** Desktop app: the dialog, then the folder chosen. */
  async function chooseFolder(): Promise<boolean> {
    if (folderBridge === undefined) return false
    return loadFolder(await folderBridge.chooseFolder().catch(() => null))
  }

  /** Desktop app: the folder chosen last, read again (an author's edits). */
  async function reloadFolder(): Promise<boolean> {
    if (folderBridge === undefined) return false
    return loadFolder(await folderBridge.reloadFolder().catch(() => null))
  }

  /** Browser: the files of a folder picked with `<input webkitdirectory>`. */
  async function loadPickedFiles(files: ArrayLike<PickedFile>): Promise<boolean> {
    return loadFolder(await readPickedFiles(files))
  }

  /** Where progress is kept; tests pass an in-memory one. Reading starts over. */
  function useStorage(next: ProgressStorage): void {
    storage = next
    loaded = null
  }

  /** Reads the saved progress, once (invariant 2). */
  function load(): Promise<void> {
    loaded ??= (async () => {
      const stored = await storage
        .read()
        .catch(() => ({ text: null, notice: 'unreadable' as const }))
      if (stored.notice !== undefined) notice.value = { kind: stored.notice }
      if (stored.text === null) return
      const parsed = parseSaved(stored.text)
      if (parsed !== null) progress.value = parsed
      else {
        notice.value = { kind: 'corrupt' }
        await storage.setAside(stored.text)
      }
    })()
    return loaded
  }

  function show(next: LabView): void {
    view.value = next
    progress.value = next.progress
    void storage.write(`${JSON.stringify(next.progress, null, 2)}\n`).catch(() => {})
  }

  async function send(work: (c: SimulationClient) => Promise<LabView | null>): Promise<boolean> {
    if (client === null) {
      error.value = 'not connected'
      return false
    }
    pending.value++
    error.value = ''
    try {
      const next = await work(client)
      if (next === null) view.value = null
      else show(next)
      return true
    } catch (failure) {
      error.value = messageOf(failure)
      return false
    } finally {
      pending.value--
    }
  }

  async function start(id: string): Promise<boolean> {
    await load()
    return send(async (c) => {
      const next = await c.request({ kind: 'lab/start', id, progress: progress.value })
      if (next.notice !== undefined) notice.value = { kind: 'damaged', text: next.notice }
      return next
    })
  }

  const check = (): Promise<boolean> => send((c) => c.request({ kind: 'lab/check' }))
  const hint = (step: string): Promise<boolean> =>
    send((c) => c.request({ kind: 'lab/hint', step }))
  const solution = (step: string): Promise<boolean> =>
    send((c) => c.request({ kind: 'lab/solution', step }))
  const answer = (question: string, response: number | string): Promise<boolean> =>
    send((c) => c.request({ kind: 'lab/answer', question, answer: response }))
  const reset = (): Promise<boolean> => send((c) => c.request({ kind: 'lab/reset' }))
  const leave = (): Promise<boolean> =>
    send(async (c) => {
      await c.request({ kind: 'lab/leave' })
      return null
    })

  /** A catalogue card's progress: steps done out of steps, from the saved document. */
  function summaryOf(lab: LabSummary): LabProgressSummary {
    const saved = progress.value.labs[lab.id]
    const done = lab.stepIds.filter((id) => saved?.steps[id]?.done === true).length
    return { done, total: lab.stepIds.length, completed: saved?.completed === true }
  }

  /** Types a step's code block into the active terminal tab and runs it. */
  function runCode(code: string): void {
    useTerminalStore().run(code)
  }

  function dismissNotice(): void {
    notice.value = null
  }

  return {
    catalogue,
    problems,
    view,
    progress,
    notice,
    pending,
    error,
    active,
    folder,
    connect,
    useStorage,
    useFolderBridge,
    hasFolderDialog,
    chooseFolder,
    reloadFolder,
    loadPickedFiles,
    load,
    start,
    check,
    hint,
    solution,
    answer,
    reset,
    leave,
    summaryOf,
    runCode,
    dismissNotice,
  }
})

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)
