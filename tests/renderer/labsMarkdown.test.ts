import { describe, expect, it } from 'vitest'
import { parseInline, parseMarkdown } from '../../renderer/src/util/markdown'

describe('parseMarkdown', () => {
  it('splits a step into headings, paragraphs, lists and fenced code', () => {
    const blocks = parseMarkdown(
      '# Title\n\nSome **bold** and\n`code` here.\n\n- one\n- two\n\n```bash\nsleep 5s\nkubectl get pods\n```\n',
    )
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'code'])
    expect(blocks[3]).toEqual({
      kind: 'code',
      language: 'bash',
      text: 'sleep 5s\nkubectl get pods',
    })
    expect(blocks[2]).toMatchObject({ items: [[{ text: 'one' }], [{ text: 'two' }]] })
  })

  it('keeps markup in the text as text, never as HTML', () => {
    const [block] = parseMarkdown('<img src=x onerror=alert(1)> *em* _also_')
    expect(block).toEqual({
      kind: 'paragraph',
      content: [
        { kind: 'text', text: '<img src=x onerror=alert(1)> ' },
        { kind: 'em', text: 'em' },
        { kind: 'text', text: ' ' },
        { kind: 'em', text: 'also' },
      ],
    })
  })

  it('leaves underscores inside words alone', () => {
    expect(parseInline('node_name and spec.nodeName')).toEqual([
      { kind: 'text', text: 'node_name and spec.nodeName' },
    ])
  })
})
