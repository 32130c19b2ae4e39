/**
 * The labs of a folder tree handed in as data: paths → contents, as a bundler's glob or a host's
 * file reads give them. Core reads no files, so both workers pass the scenarios in this way.
 */
import type { LabSummary } from '../protocol'
import { loadLab, type Lab } from './lab'
import type { LabProblem } from './validate'

export interface Catalogue {
  /** In course order. */
  labs: Lab[]
  problems: LabProblem[]
}

/**
 * Groups `files` by lab folder under `root` ("../../scenarios/" and "life-of-a-pod/steps/x.en.md"
 * → folder "life-of-a-pod") and loads every folder holding a scenario.yaml. Files at the root
 * itself (the README) belong to no lab. Problems name a lab's files under `shownAs`
 * ("scenarios/life-of-a-pod/scenario.yaml:3:1: …").
 */
export function loadCatalogue(
  files: Readonly<Record<string, string>>,
  root: string,
  shownAs = 'scenarios',
): Catalogue {
  const prefix = root.endsWith('/') ? root : `${root}/`
  const folders = new Map<string, Map<string, string>>()
  for (const [path, text] of Object.entries(files)) {
    if (!path.startsWith(prefix)) continue
    const rest = path.slice(prefix.length)
    const slash = rest.indexOf('/')
    if (slash <= 0) continue
    const folder = rest.slice(0, slash)
    const inFolder = folders.get(folder) ?? new Map<string, string>()
    inFolder.set(rest.slice(slash + 1), text)
    folders.set(folder, inFolder)
  }
  const labs: Lab[] = []
  const problems: LabProblem[] = []
  for (const [folder, inFolder] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    if (!inFolder.has('scenario.yaml')) continue
    const stepFiles = new Map([...inFolder].filter(([p]) => p === 'scenario.yaml' || isStep(p)))
    const loaded = loadLab(`${shownAs}/${folder}`, stepFiles)
    if (loaded.ok) labs.push(loaded.value)
    else problems.push(...loaded.problems)
  }
  labs.sort((a, b) => a.scenario.order - b.scenario.order)
  return { labs, problems }
}

function isStep(path: string): boolean {
  return path.startsWith('steps/') && path.endsWith('.md')
}

/** A lab's catalogue card; `source`: the folder it was loaded from, for a learner's own labs. */
export function summaryOf(lab: Lab, source?: string): LabSummary {
  const { scenario } = lab
  return {
    id: scenario.id,
    title: scenario.title,
    duration: scenario.duration,
    difficulty: scenario.difficulty,
    concepts: [...scenario.concepts],
    order: scenario.order,
    stepIds: scenario.steps.map((s) => s.id),
    ...(source === undefined ? {} : { source }),
  }
}
