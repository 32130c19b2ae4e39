import { describe, expect, it } from 'vitest'
import type { ShellResult } from '../../core/protocol'
import {
  continuationPrompts,
  TerminalController,
  type ShellBackend,
} from '../../renderer/src/terminal/controller'
import type { Completion } from '../../renderer/src/terminal/lineEditor'
import { testScreen } from './terminalHelpers'

const PROMPT = 'root@laptop:~# '

function result(partial: Partial<ShellResult> = {}): ShellResult {
  const stdout = partial.stdout ?? ''
  const stderr = partial.stderr ?? ''
  return {
    stdout,
    stderr,
    output: stdout + stderr,
    exitCode: 0,
    closed: false,
    prompt: PROMPT,
    following: false,
    ...partial,
  }
}

/** A scripted shell: records every call and answers with what the test queued. */
function fakeBackend() {
  const calls: string[] = []
  const replies = new Map<string, ShellResult>()
  let completion: Completion = { from: 0, candidates: [] }
  const backend: ShellBackend = {
    exec: async (line) => {
      calls.push(`exec ${line}`)
      return replies.get(line) ?? result()
    },
    interrupt: async () => {
      calls.push('interrupt')
      return result({ stdout: '^C\n', exitCode: 130 })
    },
    complete: async (line) => {
      calls.push(`complete ${line}`)
      return completion
    },
    restart: () => void calls.push('restart'),
  }
  return {
    backend,
    calls,
    reply: (line: string, partial: Partial<ShellResult>) => replies.set(line, result(partial)),
    completeWith: (next: Completion) => void (completion = next),
  }
}

const TEXT = {
  sessionEnded: () => '[ended]',
  failed: (m: string) => `failed: ${m}`,
  replaced: () => '[new cluster]',
}

async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

async function started(columns = 80) {
  const fake = fakeBackend()
  const modes: string[] = []
  const controller = new TerminalController(fake.backend, TEXT, (s) => modes.push(s.mode))
  const screen = testScreen(columns)
  controller.attach(screen)
  await controller.start()
  return { ...fake, controller, screen, modes }
}

describe('TerminalController', () => {
  it('writes what was printed before the screen was attached', async () => {
    const fake = fakeBackend()
    const controller = new TerminalController(fake.backend, TEXT)
    await controller.start()
    const screen = testScreen()
    controller.attach(screen)
    expect(await screen.rows()).toEqual([PROMPT.trimEnd()])
  })

  it('keeps following output coming, holds typed keys, and shows them at the next prompt', async () => {
    const t = await started()
    t.reply('kubectl get pods -w', { stdout: 'NAME   READY\n', following: true })
    t.controller.input('kubectl get pods -w\r')
    await settled()
    expect(t.controller.state.mode).toBe('following')
    t.controller.input('ls')
    t.controller.output({ output: 'web-1  0/1\n' })
    t.controller.output({ output: '', exitCode: 0, prompt: PROMPT })
    await settled()
    expect(await t.screen.rows()).toEqual([
      `${PROMPT}kubectl get pods -w`,
      'NAME   READY',
      'web-1  0/1',
      `${PROMPT}ls`,
    ])
    expect(t.controller.editor.line).toBe('ls')
  })

  it('interrupts a following command on Ctrl+C through shell/interrupt', async () => {
    const t = await started()
    t.reply('journalctl -f', { following: true })
    t.controller.input('journalctl -f\r')
    await settled()
    t.controller.input('\x03')
    await settled()
    expect(t.calls).toEqual(['exec ', 'exec journalctl -f', 'interrupt'])
    expect(await t.screen.rows()).toEqual([`${PROMPT}journalctl -f`, '^C', PROMPT.trimEnd()])
    expect(t.modes).toContain('following')
    expect(t.controller.state.mode).toBe('editing')
  })

  it('stops a following command before typing an Apply command', async () => {
    const t = await started()
    t.reply('logs -f', { following: true })
    t.controller.input('logs -f\r')
    await settled()
    t.controller.type('echo a\necho b')
    await settled()
    expect(t.calls.slice(-2)).toEqual(['interrupt', 'exec echo a\necho b'])
  })

  it('lists completions on the second Tab only', async () => {
    const t = await started(60)
    t.completeWith({ from: 12, candidates: ['pods', 'podtemplates'] })
    t.controller.input('kubectl get p\t')
    await settled()
    expect(t.controller.editor.line).toBe('kubectl get pod')
    expect((await t.screen.rows()).length).toBe(1)
    t.controller.input('\t')
    await settled()
    expect(await t.screen.rows()).toEqual([
      `${PROMPT}kubectl get pod`,
      'pods          podtemplates',
      `${PROMPT}kubectl get pod`,
    ])
    expect(t.calls.filter((c) => c.startsWith('complete'))).toEqual([
      'complete kubectl get p',
      'complete kubectl get pod',
    ])
  })

  it('starts the prompt on a new line after output that did not end its line', async () => {
    const t = await started()
    t.reply('printf hi', { stdout: 'hi' })
    t.controller.input('printf hi\r')
    await settled()
    expect(await t.screen.rows()).toEqual([`${PROMPT}printf hi`, 'hi', PROMPT.trimEnd()])
  })

  it('prints a failed request and gives the prompt back', async () => {
    const t = await started()
    t.backend.exec = async () => {
      throw new Error('the client is closed')
    }
    t.controller.input('ls\r')
    await settled()
    expect(await t.screen.rows()).toEqual([
      `${PROMPT}ls`,
      'failed: the client is closed',
      PROMPT.trimEnd(),
    ])
  })

  it('clears the screen on Ctrl+L and keeps the line being typed', async () => {
    const t = await started()
    t.controller.input('echo one\r')
    await settled()
    t.controller.input('echo two\x0c')
    await settled()
    const rows = await t.screen.rows()
    expect(rows.filter((r) => r !== '')).toEqual([`${PROMPT}echo two`])
  })

  it('ignores keys but Enter once the session ended, and Enter restarts it', async () => {
    const t = await started()
    t.reply('exit', { closed: true })
    t.controller.input('exit\r')
    await settled()
    expect(t.controller.state.mode).toBe('ended')
    t.controller.input('abc\x03')
    await settled()
    expect(t.calls).not.toContain('restart')
    t.controller.input('\r')
    await settled()
    expect(t.calls.slice(-2)).toEqual(['restart', 'exec '])
    expect(t.controller.state.mode).toBe('editing')
  })
})

describe('terminal: echo of a multi-line input', () => {
  it('shows "> " inside a heredoc and the prompt for the commands after it', () => {
    expect(
      continuationPrompts("kubectl apply -f - <<'EOF'\nkind: Pod\nEOF\nkubectl get pods", '$ '),
    ).toEqual(['> ', '> ', '$ '])
    expect(continuationPrompts('echo "a\nb"\nls', '$ ')).toEqual(['> ', '$ '])
    expect(continuationPrompts('kubectl get pods |\ngrep web\nls', '$ ')).toEqual(['> ', '$ '])
  })
})
