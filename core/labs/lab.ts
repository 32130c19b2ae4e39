/**
 * A lab as the engine uses it: the validated scenario plus each step's text in each language.
 *
 * Layout of a lab folder (docs/authoring-labs.md):
 *   scenario.yaml
 *   steps/<step-id>.en.md
 *   steps/<step-id>.pt-BR.md
 * One Markdown file per step and language keeps each step's text short and lets a translator
 * work file by file. Core reads no files: the host passes the folder's files in.
 */
import type { Language } from '../protocol'
import type { Scenario } from './schema'
import { LANGUAGES, type Localized } from './text'
import { parseScenario, type LabProblem, type Parsed } from './validate'

export interface Lab {
  readonly scenario: Scenario
  /** The step's Markdown per language, by step id. */
  readonly text: ReadonlyMap<string, Localized>
}

export const SCENARIO_FILE = 'scenario.yaml'

export function stepFile(stepId: string, language: Language): string {
  return `steps/${stepId}.${language}.md`
}

/**
 * Validates a lab from its files (paths relative to the folder, '/'-separated). `folder` is how
 * problems name the folder, e.g. "scenarios/kube-apiserver"; its last part must be the lab's id.
 */
export function loadLab(folder: string, files: ReadonlyMap<string, string>): Parsed<Lab> {
  const yamlPath = `${folder}/${SCENARIO_FILE}`
  const source = files.get(SCENARIO_FILE)
  if (source === undefined)
    return { ok: false, problems: [problem(yamlPath, 'no scenario.yaml in this folder')] }
  const parsed = parseScenario(yamlPath, source)
  if (!parsed.ok) return parsed
  const scenario = parsed.value
  const problems: LabProblem[] = []
  const base =
    folder
      .split('/')
      .filter((part) => part !== '')
      .pop() ?? ''
  if (base !== scenario.id)
    problems.push({
      ...problem(
        yamlPath,
        `the folder is "${base}" but the id is "${scenario.id}": name them alike`,
      ),
      field: 'id',
    })
  const text = new Map<string, Localized>()
  const expected = new Set<string>()
  for (const step of scenario.steps) {
    const texts: Partial<Record<Language, string>> = {}
    for (const language of LANGUAGES) {
      const path = stepFile(step.id, language)
      expected.add(path)
      const markdown = files.get(path)
      if (markdown === undefined || markdown.trim() === '')
        problems.push(problem(`${folder}/${path}`, `missing or empty: step "${step.id}" needs it`))
      else texts[language] = markdown
    }
    if (texts.en !== undefined && texts['pt-BR'] !== undefined)
      text.set(step.id, { en: texts.en, 'pt-BR': texts['pt-BR'] })
  }
  for (const path of files.keys())
    if (path.startsWith('steps/') && !expected.has(path))
      problems.push(problem(`${folder}/${path}`, 'no step of scenario.yaml uses this file'))
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { scenario, text } }
}

function problem(file: string, message: string): LabProblem {
  return { file, line: 0, column: 0, field: '', message }
}
