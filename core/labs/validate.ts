/**
 * Parses a scenario.yaml and validates it, reporting each problem with the file, the line and
 * the field it is in: "scenarios/x/scenario.yaml:12:7: steps[1].verify.check: …".
 *
 * Zod reports a path into the parsed value; the `yaml` package's Document keeps the source range
 * of every node, so the path is looked up in the Document to find its line. A missing field has
 * no node: the nearest ancestor that exists (the map that lacks it) is reported instead.
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { ScenarioSchema, type Scenario } from './schema'

export interface LabProblem {
  file: string
  /** 1-based; 0 when the problem is about the file as a whole. */
  line: number
  column: number
  /** Where in the document: "steps[1].verify.check"; '' for the whole file. */
  field: string
  message: string
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: LabProblem[] }

export function formatProblem(problem: LabProblem): string {
  const where =
    problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file
  return `${where}: ${problem.field === '' ? '' : `${problem.field}: `}${problem.message}`
}

/** "steps[1].verify.of[0].name" */
export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('')
}

export function parseScenario(file: string, text: string): Parsed<Scenario> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0])
        return { file, line, column: col, field: '', message: error.message.split('\n')[0]! }
      }),
    }
  }
  const result = ScenarioSchema.safeParse(doc.toJS())
  if (result.success) return { ok: true, value: result.data }
  return {
    ok: false,
    problems: result.error.issues.map((issue) => locate(file, doc, lineCounter, issue)),
  }
}

function locate(
  file: string,
  doc: Document,
  lineCounter: LineCounter,
  issue: z.core.$ZodIssue,
): LabProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
  // An unknown field is reported on its own line, under its parent's name.
  const at = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path
  let offset: number | undefined
  for (let depth = at.length; depth >= 0 && offset === undefined; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(at.slice(0, depth), true)
    if (isNode(node) && node.range !== undefined && node.range !== null) offset = node.range[0]
  }
  const { line, col } = offset === undefined ? { line: 0, col: 0 } : lineCounter.linePos(offset)
  return { file, line, column: col, field: fieldName(path), message: describeIssue(issue) }
}

/** Zod's messages, made specific where its defaults are vague. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'))
    return `missing (expected ${issue.expected})`
  return issue.message
}
