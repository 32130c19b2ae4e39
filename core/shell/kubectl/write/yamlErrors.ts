/**
 * YAML syntax errors as kubectl prints them. kubectl converts each document to JSON with
 * sigs.k8s.io/yaml (go-yaml v2), whose messages and line numbers differ from the `yaml`
 * package's: this maps the common mistakes of hand-written manifests (bad indentation, tabs, an
 * unclosed bracket or quote, a missing colon) to go-yaml's text. Lines count from the start of
 * the document, after its `---`, as kubectl's YAML reader hands documents over one by one.
 */
import type { YAMLError } from 'yaml'

/** "yaml: line 5: mapping values are not allowed in this context" for the first error. */
export function goYamlMessage(error: YAMLError, chunkStartLine: number, text: string): string {
  const line = (error.linePos?.[0].line ?? 1) - chunkStartLine
  const at = (n: number, text: string): string => `yaml: line ${Math.max(1, n)}: ${text}`
  const first = error.message.split('\n')[0] ?? ''
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      return at(line + 1, 'mapping values are not allowed in this context')
    case 'MULTILINE_IMPLICIT_KEY':
      return at(line + 1, "could not find expected ':'")
    case 'TAB_AS_INDENT':
      return at(line, 'found character that cannot start any token')
    case 'DUPLICATE_KEY':
      return `yaml: unmarshal errors:\n  line ${line}: key ${duplicateKey(error, text)} already set in map`
    case 'MISSING_CHAR':
      if (/quote/i.test(first)) return at(line, 'found unexpected end of stream')
      return at(line - 1, 'did not find expected key')
    case 'BAD_INDENT':
      if (first.startsWith('Flow sequence')) return at(line - 1, "did not find expected ',' or ']'")
      if (first.startsWith('Flow map')) return at(line - 1, "did not find expected ',' or '}'")
      return at(line - 1, 'did not find expected key')
    default:
      return at(line, 'did not find expected key')
  }
}

/** The repeated key, read from the text where the error points. */
function duplicateKey(error: YAMLError, text: string): string {
  const rest = text.slice(error.pos[0])
  return JSON.stringify(/^\s*([^:\n]*?)\s*:/.exec(rest)?.[1] ?? '')
}
