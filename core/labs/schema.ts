/**
 * The shape of `scenarios/<lab-id>/scenario.yaml` (docs/authoring-labs.md documents every field).
 * Cross-field rules (unique step ids, a fault's target matching its kind, questions after a step
 * that exists) are checked here too, so that every mistake an author can make is reported with
 * the file, line and field it is in.
 */
import { z } from 'zod'
import { FAULT_KINDS, type FaultKindId } from '../faults/catalogue'
import { MAX_CONTROL_PLANES } from '../cluster/spec'
import { DurationSchema } from './duration'
import { LocalizedSchema } from './text'
import { ComponentTypeSchema, PredicateSchema } from './predicates/schema'

const Id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by dashes (kebab-case)')

const FAULT_KIND_IDS = FAULT_KINDS.map((kind) => kind.id) as [FaultKindId, ...FaultKindId[]]

export const FaultTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('component'),
    type: ComponentTypeSchema,
    machine: z.string().min(1),
  }),
  z.strictObject({ kind: z.literal('machine'), machine: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('port'),
    machine: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    protocol: z.enum(['TCP', 'UDP']).default('TCP'),
  }),
  z.strictObject({
    kind: z.literal('pod'),
    namespace: z.string().min(1).default('default'),
    name: z.string().min(1),
    container: z.string().min(1).optional(),
  }),
])

const FaultSchema = z
  .strictObject({
    id: Id,
    kind: z.enum(FAULT_KIND_IDS),
    target: FaultTargetSchema,
    /** Virtual time after the lab starts. */
    at: DurationSchema.optional(),
    /** Or: when this step becomes the current one. */
    onStep: Id.optional(),
  })
  .superRefine((fault, ctx) => {
    const spec = FAULT_KINDS.find((kind) => kind.id === fault.kind)!
    if (spec.target !== fault.target.kind)
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'kind'],
        message: `${fault.kind} applies to a ${spec.target}, not a ${fault.target.kind}`,
      })
    if ((fault.at === undefined) === (fault.onStep === undefined))
      ctx.addIssue({ code: 'custom', message: 'give exactly one of "at" and "onStep"' })
  })

const StepSchema = z.strictObject({
  id: Id,
  title: LocalizedSchema,
  verify: PredicateSchema,
  /** Progressive: the first is a nudge, the last nearly the answer. */
  hints: z.array(LocalizedSchema).default([]),
  /** The command lines a learner would type, in order. */
  solution: z.array(z.string().min(1)).min(1),
})

const QuestionBase = {
  id: Id,
  /** Asked once this step is done; at the end of the lab when left out. */
  after: Id.optional(),
  prompt: LocalizedSchema,
  explanation: LocalizedSchema,
}

const QuestionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('choice'),
    ...QuestionBase,
    choices: z.array(LocalizedSchema).min(2),
    /** Index of the right choice, from 0. */
    answer: z.number().int().nonnegative(),
  }),
  z.strictObject({
    type: z.literal('short'),
    ...QuestionBase,
    /** Accepted answers, compared without case and surrounding spaces. */
    accept: z.array(z.string().trim().min(1)).min(1),
  }),
])

export const ScenarioSchema = z
  .strictObject({
    id: Id,
    title: LocalizedSchema,
    /** Minutes a learner needs, about. */
    duration: z.number().int().positive(),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
    concepts: z.array(z.string().min(1)).min(1),
    /** Position in the course. */
    order: z.number().int().nonnegative(),
    cluster: z.strictObject({
      controlPlanes: z.number().int().min(1).max(MAX_CONTROL_PLANES),
      workers: z.number().int().min(0).max(50),
    }),
    seed: z.number().int().min(0).max(0xffffffff),
    setup: z
      .strictObject({
        /** Kubernetes objects, created through the API server before the lab starts. */
        objects: z
          .array(
            z.looseObject({
              apiVersion: z.string().min(1),
              kind: z.string().min(1),
              metadata: z.looseObject({ name: z.string().min(1) }),
            }),
          )
          .default([]),
        /** Shell lines run (on the laptop) after the objects, before the first step. */
        commands: z.array(z.string().min(1)).default([]),
        /** Virtual time to let pass after setup, so the cluster settles. */
        settle: DurationSchema.default(0),
      })
      .default({ objects: [], commands: [], settle: 0 }),
    faults: z.array(FaultSchema).default([]),
    steps: z.array(StepSchema).min(1),
    questions: z.array(QuestionSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    const stepIds = new Set<string>()
    scenario.steps.forEach((step, i) => {
      if (stepIds.has(step.id))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id` })
      stepIds.add(step.id)
    })
    const unique = (items: { id: string }[], field: string): Set<string> => {
      const seen = new Set<string>()
      items.forEach((item, i) => {
        if (seen.has(item.id))
          ctx.addIssue({ code: 'custom', path: [field, i, 'id'], message: `duplicate id` })
        seen.add(item.id)
      })
      return seen
    }
    const faultIds = unique(scenario.faults, 'faults')
    unique(scenario.questions, 'questions')
    scenario.faults.forEach((fault, i) => {
      if (fault.onStep !== undefined && !stepIds.has(fault.onStep))
        ctx.addIssue({
          code: 'custom',
          path: ['faults', i, 'onStep'],
          message: `no step "${fault.onStep}"`,
        })
    })
    scenario.questions.forEach((question, i) => {
      if (question.after !== undefined && !stepIds.has(question.after))
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'after'],
          message: `no step "${question.after}"`,
        })
      if (question.type === 'choice' && question.answer >= question.choices.length)
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'answer'],
          message: `there are only ${question.choices.length} choices (counted from 0)`,
        })
    })
    scenario.steps.forEach((step, i) =>
      faultReferences(step.verify, ['steps', i, 'verify'], faultIds, ctx),
    )
  })

/**
 * A `fault` predicate names one of the scenario's faults, or a fault kind (and where) to look
 * for among every fault applied; the target fields go with a kind, and with a kind they fit.
 */
function faultReferences(
  predicate: z.output<typeof PredicateSchema>,
  path: (string | number)[],
  faultIds: Set<string>,
  ctx: z.RefinementCtx,
): void {
  if (predicate.check === 'fault') faultPredicate(predicate, path, faultIds, ctx)
  if (predicate.check === 'all' || predicate.check === 'any')
    predicate.of.forEach((p, i) => faultReferences(p, [...path, 'of', i], faultIds, ctx))
  if (predicate.check === 'not')
    faultReferences(predicate.predicate, [...path, 'predicate'], faultIds, ctx)
}

function faultPredicate(
  predicate: Extract<z.output<typeof PredicateSchema>, { check: 'fault' }>,
  path: (string | number)[],
  faultIds: Set<string>,
  ctx: z.RefinementCtx,
): void {
  const issue = (field: string, message: string): void =>
    ctx.addIssue({ code: 'custom', path: [...path, field], message })
  const { fault, kind } = predicate
  if ((fault === undefined) === (kind === undefined))
    return issue('check', 'give either fault (a scenario fault id) or kind (a fault kind)')
  if (fault !== undefined) {
    if (!faultIds.has(fault)) issue('fault', `no fault "${fault}" in this scenario's faults`)
    for (const field of ['machine', 'component', 'port'] as const)
      if (predicate[field] !== undefined) issue(field, `${field} goes with kind, not with fault`)
    return
  }
  const spec = FAULT_KINDS.find((k) => k.id === kind)!
  if (!spec.reversible) issue('kind', `${kind} is not reversible: it is never active`)
  if (predicate.component !== undefined && spec.target !== 'component')
    issue('component', `${kind} applies to a ${spec.target}, not a component`)
  if (predicate.port !== undefined && spec.target !== 'port')
    issue('port', `${kind} applies to a ${spec.target}, not a port`)
}

export type Scenario = z.output<typeof ScenarioSchema>
export type Step = Scenario['steps'][number]
export type Question = Scenario['questions'][number]
export type ScenarioFault = Scenario['faults'][number]
