import { describe, expect, it } from 'vitest'
import { parseKeys } from '../../renderer/src/terminal/keys'
import {
  commonPrefix,
  formatColumns,
  HISTORY_SIZE,
  LineEditor,
} from '../../renderer/src/terminal/lineEditor'
import { testScreen } from './terminalHelpers'

const PROMPT = 'root@laptop:~# '

/** An editor drawing on a real xterm screen of the given width. */
function setup(columns = 80) {
  const screen = testScreen(columns)
  const editor = new LineEditor(columns)
  screen.write(editor.begin(PROMPT))
  const does = (...outputs: string[]): void => outputs.forEach((o) => screen.write(o))
  return { screen, editor, does }
}

describe('LineEditor', () => {
  it('inserts text at the cursor after moving left, and the screen shows the whole line', async () => {
    const { screen, editor, does } = setup()
    does(editor.insert('kubectl get pod'))
    does(editor.left(), editor.left(), editor.left())
    does(editor.insert('x'))
    expect(editor.line).toBe('kubectl get xpod')
    expect(await screen.rows()).toEqual([`${PROMPT}kubectl get xpod`])
    expect(await screen.cursor()).toEqual({ row: 0, column: PROMPT.length + 13 })
  })

  it('deletes backwards and forwards, and Home and End jump to the ends', async () => {
    const { screen, editor, does } = setup()
    does(editor.insert('abcdef'))
    does(editor.home(), editor.deleteForward(), editor.end(), editor.backspace())
    expect(editor.line).toBe('bcde')
    expect(await screen.rows()).toEqual([`${PROMPT}bcde`])
    does(editor.home())
    expect(await screen.cursor()).toEqual({ row: 0, column: PROMPT.length })
    expect(editor.backspace()).toBe('')
  })

  it('keeps the cursor right across a line that wraps at the terminal width', async () => {
    const { screen, editor, does } = setup(20)
    // 15 columns of prompt + 12 characters in 20 columns: the line wraps once.
    does(editor.insert('kubectl get '))
    expect(await screen.rows()).toEqual(['root@laptop:~# kubec', 'tl get'])
    does(editor.home())
    expect(await screen.cursor()).toEqual({ row: 0, column: 15 })
    does(editor.insert('X'))
    expect(await screen.rows()).toEqual(['root@laptop:~# Xkube', 'ctl get'])
    does(editor.end(), editor.backspace(), editor.backspace())
    expect(await screen.rows()).toEqual(['root@laptop:~# Xkube', 'ctl ge'])
    expect(await screen.cursor()).toEqual({ row: 1, column: 6 })
  })

  it('moves to the next row when the line ends exactly at the right margin', async () => {
    const { screen, editor, does } = setup(20)
    does(editor.insert('abcde'))
    expect(await screen.cursor()).toEqual({ row: 1, column: 0 })
    does(editor.insert('f'))
    expect(await screen.rows()).toEqual(['root@laptop:~# abcde', 'f'])
    does(editor.backspace(), editor.backspace())
    expect(await screen.rows()).toEqual(['root@laptop:~# abcd'])
    expect(await screen.cursor()).toEqual({ row: 0, column: 19 })
  })

  it('erases a longer line when a shorter history entry replaces it', async () => {
    const { screen, editor, does } = setup(20)
    editor.remember('ls')
    does(editor.insert('a very long line that wraps twice'))
    does(editor.previous())
    expect(await screen.rows()).toEqual(['root@laptop:~# ls'])
  })

  it('walks the history with Up and Down and gives back the line being typed', () => {
    const editor = new LineEditor()
    for (const line of ['one', 'two']) {
      editor.insert(line)
      editor.accept()
    }
    editor.insert('draft')
    editor.previous()
    expect(editor.line).toBe('two')
    editor.previous()
    expect(editor.line).toBe('one')
    expect(editor.previous()).toBe('')
    editor.next()
    editor.next()
    expect(editor.line).toBe('draft')
  })

  it('keeps no blank lines, repeats or multi-line commands in history, and at most HISTORY_SIZE', () => {
    const editor = new LineEditor()
    for (const line of ['a', 'a', '  ', 'b\nc', 'd']) editor.remember(line)
    expect(editor.entries).toEqual(['a', 'd'])
    for (let i = 0; i < HISTORY_SIZE + 10; i++) editor.remember(`line ${i}`)
    expect(editor.entries).toHaveLength(HISTORY_SIZE)
    expect(editor.entries.at(-1)).toBe(`line ${HISTORY_SIZE + 9}`)
  })

  it('kills words and line parts as readline does', () => {
    const editor = new LineEditor()
    editor.insert('kubectl get pods -A')
    editor.killWordBack()
    expect(editor.line).toBe('kubectl get pods ')
    editor.wordLeft()
    editor.killToEnd()
    expect(editor.line).toBe('kubectl get ')
    editor.wordLeft()
    editor.killToStart()
    expect(editor.line).toBe('get ')
    expect(editor.cursorIndex).toBe(0)
    editor.wordRight()
    expect(editor.cursorIndex).toBe(3)
  })

  it('shows ^C and starts below when a line is abandoned', async () => {
    const { screen, editor, does } = setup()
    does(editor.insert('kubectl dele'), editor.home(), editor.cancel())
    does(editor.begin(PROMPT))
    expect(await screen.rows()).toEqual([`${PROMPT}kubectl dele^C`, PROMPT.trimEnd()])
    expect(editor.line).toBe('')
  })

  it('drops control characters from typed text', () => {
    const editor = new LineEditor()
    editor.insert('a\x07b\x1bc')
    expect(editor.line).toBe('abc')
  })
})

describe('LineEditor: completion', () => {
  it('inserts the one candidate with a space after it', async () => {
    const { screen, editor, does } = setup()
    does(editor.insert('kubectl desc'))
    does(editor.complete({ from: 8, candidates: ['describe'] }, false))
    expect(editor.line).toBe('kubectl describe ')
    expect(await screen.rows()).toEqual([`${PROMPT}kubectl describe`])
  })

  it('adds no space after a directory', () => {
    const editor = new LineEditor()
    editor.insert('cd /etc/kub')
    editor.complete({ from: 3, candidates: ['/etc/kubernetes/'] }, false)
    expect(editor.line).toBe('cd /etc/kubernetes/')
  })

  it('extends the word to the common prefix of several candidates', () => {
    const editor = new LineEditor()
    editor.insert('kubectl get d')
    expect(editor.complete({ from: 12, candidates: ['daemonsets', 'deployments'] }, false)).toBe('')
    editor.complete({ from: 12, candidates: ['deployments', 'deployment.apps'] }, false)
    expect(editor.line).toBe('kubectl get deployment')
  })

  it('lists the candidates in columns on the second Tab, then shows the line again', async () => {
    const { screen, editor, does } = setup(40)
    does(editor.insert('kubectl get d'))
    const completion = { from: 12, candidates: ['daemonsets', 'deployments', 'ds'] }
    does(editor.complete(completion, false))
    does(editor.complete(completion, true))
    expect(await screen.rows()).toEqual([
      `${PROMPT}kubectl get d`,
      'daemonsets   deployments  ds',
      `${PROMPT}kubectl get d`,
    ])
    expect(await screen.cursor()).toEqual({ row: 2, column: PROMPT.length + 13 })
  })

  it('completes the word before the cursor and keeps the rest of the line', () => {
    const editor = new LineEditor()
    editor.insert('kubectl ge pods')
    for (let i = 0; i < 5; i++) editor.left()
    editor.complete({ from: 8, candidates: ['get'] }, false)
    expect(editor.line).toBe('kubectl get  pods')
    expect(editor.cursorIndex).toBe(12)
  })

  it('does nothing when there is no candidate', () => {
    const editor = new LineEditor()
    editor.insert('nope')
    expect(editor.complete({ from: 0, candidates: [] }, true)).toBe('')
    expect(editor.line).toBe('nope')
  })
})

describe('formatColumns', () => {
  it('fills columns top to bottom as bash does, as many as fit', () => {
    const words = ['a1', 'b2', 'c3', 'd4', 'e5']
    // Width 4 per column; 10 columns of terminal fit 2 columns; 3 rows.
    expect(formatColumns(words, 10)).toBe('a1  d4\r\nb2  e5\r\nc3\r\n')
  })

  it('puts one word per line when even one column is too wide', () => {
    expect(formatColumns(['a-long-name', 'b'], 5)).toBe('a-long-name\r\nb\r\n')
  })

  it('finds the common prefix of candidates', () => {
    expect(commonPrefix(['deployments', 'deployment.apps', 'deploy'])).toBe('deploy')
    expect(commonPrefix([])).toBe('')
  })
})

describe('parseKeys', () => {
  it('splits a chunk into text, control keys and escape sequences, in order', () => {
    expect(parseKeys('ab\x1b[D\x7fc\r')).toEqual([
      { kind: 'text', text: 'ab' },
      { kind: 'key', name: 'left' },
      { kind: 'key', name: 'backspace' },
      { kind: 'text', text: 'c' },
      { kind: 'key', name: 'enter' },
    ])
  })

  it('knows Home, End, Delete, history, Tab and the Ctrl keys', () => {
    const names = parseKeys('\x1b[H\x1bOF\x1b[3~\x1b[A\x1b[B\t\x03\x0c\x04\x01\x05').map((k) =>
      k.kind === 'key' ? k.name : k.text,
    )
    expect(names).toEqual([
      'home',
      'end',
      'delete',
      'up',
      'down',
      'tab',
      'interrupt',
      'clear',
      'eof',
      'home',
      'end',
    ])
  })

  it('keeps a bracketed paste whole, with its line breaks as \\n', () => {
    expect(parseKeys('x\x1b[200~line 1\rline 2\r\x1b[201~')).toEqual([
      { kind: 'text', text: 'x' },
      { kind: 'paste', text: 'line 1\nline 2\n' },
    ])
  })

  it('drops unknown escape sequences instead of typing them', () => {
    expect(parseKeys('\x1b[15~a\x1b[1;2P')).toEqual([{ kind: 'text', text: 'a' }])
  })
})
