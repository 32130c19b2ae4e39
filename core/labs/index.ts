/** The lab engine's public face: what the app, the CLI and tests import. */
export { loadLab, stepFile, SCENARIO_FILE, type Lab } from './lab'
export { parseScenario, formatProblem, type LabProblem, type Parsed } from './validate'
export { ScenarioSchema, type Scenario, type Step, type Question } from './schema'
export { PredicateSchema, type Predicate } from './predicates/schema'
export { evaluate, PREDICATES } from './predicates/registry'
export type { CheckContext, CheckResult } from './predicates/context'
export { LabRunner, type StepCheck, type LabRunnerOptions } from './runner'
export { replaySolution, judgeReplay, type LabReplay, type StepReplay } from './replay'
export * from './progress'
export { parseProgress, serializeProgress, type LoadedProgress } from './progressJson'
export { checkAnswer, type AnswerResult } from './questions'
export {
  startChallenge,
  challengeRepaired,
  revealChallenge,
  challengeCandidates,
  ChallengeSession,
  type Challenge,
} from './challenge'
export { loadCatalogue, summaryOf, type Catalogue } from './catalogue'
export {
  loadFolder,
  folderRefusal,
  isLabFile,
  MAX_FOLDER_FILES,
  MAX_FOLDER_FILE_CHARS,
  MAX_FOLDER_CHARS,
} from './folder'
export { LANGUAGES, type Localized } from './text'
