/**
 * The CodeMirror 6 setup of the manifest editor: YAML highlighting with colours taken from CSS
 * variables (so light and dark follow the page without reconfiguring), line numbers, undo,
 * indentation with Tab (Esc then Tab still leaves the editor, CodeMirror's own escape hatch),
 * and Ctrl/Cmd+Enter to apply.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { yaml } from '@codemirror/lang-yaml'
import { HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language'
import { Compartment, type Extension } from '@codemirror/state'
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view'
import { tags } from '@lezer/highlight'
import { FONT_FAMILY } from './theme'

const highlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: 'var(--yaml-key)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--yaml-string)' },
  { tag: [tags.content, tags.attributeValue], color: 'var(--yaml-value)' },
  { tag: tags.lineComment, color: 'var(--yaml-comment)', fontStyle: 'italic' },
  { tag: [tags.keyword, tags.typeName, tags.labelName, tags.meta], color: 'var(--yaml-meta)' },
  {
    tag: [tags.separator, tags.punctuation, tags.squareBracket, tags.brace],
    color: 'var(--yaml-punctuation)',
  },
])

const look = EditorView.theme({
  '&': { height: '100%', color: 'var(--text)', backgroundColor: 'var(--bg)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: FONT_FAMILY, fontSize: '13px', lineHeight: '1.45' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--yaml-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--yaml-active-line)', color: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'var(--yaml-selection) !important',
  },
})

export interface EditorOptions {
  label: string
  describedBy: string
  onApply(): void
  onChange(text: string): void
}

/** The accessible name and description, reconfigured alone when the UI language changes. */
export const labelling = new Compartment()

export function labels(label: string, describedBy: string): Extension {
  return EditorView.contentAttributes.of({
    'aria-label': label,
    'aria-describedby': describedBy,
    'data-testid': 'yaml-editor-input',
    // Already in the Tab order as contenteditable; said explicitly so that checkers (axe's
    // scrollable-region-focusable) see the scrolling editor is reachable by keyboard.
    tabindex: '0',
  })
}

export function editorExtensions(options: EditorOptions): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    drawSelection(),
    history(),
    indentOnInput(),
    yaml(),
    syntaxHighlighting(highlight),
    look,
    EditorView.lineWrapping,
    labelling.of(labels(options.label, options.describedBy)),
    keymap.of([
      { key: 'Mod-Enter', run: () => (options.onApply(), true) },
      indentWithTab,
      ...defaultKeymap,
      ...historyKeymap,
    ]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString())
    }),
  ]
}
