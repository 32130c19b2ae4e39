/**
 * The predicates a scenario's `verify` may use, as data. Each is an object with a `check` naming
 * it and its own fields; `all`, `any` and `not` combine them. The evaluation lives in
 * registry.ts, one file per family; this file is only the shape authors write.
 */
import { z } from 'zod'
import type { ComponentType } from '../../cluster/world'
import { RESOURCES } from '../../apiserver/resources'
import { FAULT_KINDS, type FaultKindId } from '../../faults/catalogue'
import { DurationSchema } from '../duration'
import { parseFieldPath } from './fieldPath'

const COMPONENT_TYPES = [
  'etcd',
  'kube-apiserver',
  'kube-scheduler',
  'kube-controller-manager',
  'kubelet',
  'kube-proxy',
  'containerd',
  'weave-net',
] as const satisfies readonly ComponentType[]

export const ComponentTypeSchema = z.enum(COMPONENT_TYPES)

const FAULT_KIND_IDS = FAULT_KINDS.map((kind) => kind.id) as [FaultKindId, ...FaultKindId[]]

/** A regular expression as a string; it must compile. */
export const RegexSchema = z.string().refine(
  (text) => {
    try {
      new RegExp(text)
      return true
    } catch {
      return false
    }
  },
  { message: 'not a valid regular expression' },
)

const ObjectRef = {
  /** The Kubernetes kind, spelled as Kubernetes spells it: Pod, Node, Deployment. */
  kind: z.enum(RESOURCES.map((r) => r.kind) as [string, ...string[]]),
  /** For namespaced kinds; "default" when left out. */
  namespace: z.string().min(1).optional(),
  name: z.string().min(1),
}

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()])
const ConditionStatus = z.enum(['True', 'False', 'Unknown'])

const leaves = [
  z.strictObject({ check: z.literal('objectExists'), ...ObjectRef }),
  z.strictObject({
    check: z.literal('field'),
    ...ObjectRef,
    /** spec.nodeName, status.conditions[type=Ready].status, spec.containers[0].image */
    path: z.string().superRefine((path, ctx) => {
      const parsed = parseFieldPath(path)
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed })
    }),
    equals: Scalar.optional(),
    matches: RegexSchema.optional(),
  }),
  z.strictObject({
    check: z.literal('podsInPhase'),
    namespace: z.string().min(1).optional(),
    /** A label selector as kubectl -l takes it: "app=web", "tier in (a,b)". */
    selector: z.string(),
    phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']),
    /** Only pods bound to this node (spec.nodeName). */
    node: z.string().min(1).optional(),
    count: z.number().int().nonnegative().optional(),
    atLeast: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({
    check: z.literal('nodeCondition'),
    node: z.string().min(1),
    type: z.string().min(1),
    status: z.union([ConditionStatus, z.array(ConditionStatus).min(1)]),
  }),
  z.strictObject({
    check: z.literal('componentState'),
    component: ComponentTypeSchema,
    machine: z.string().min(1),
    state: z.enum(['Running', 'Stopped']),
  }),
  z.strictObject({
    check: z.literal('fault'),
    /** The id of one of the scenario's faults … */
    fault: z.string().min(1).optional(),
    /** … or any fault of this kind, whoever applied it (the lab, the fault menu, `fault inject`). */
    kind: z.enum(FAULT_KIND_IDS).optional(),
    /** With `kind`: only faults on this machine, of this component, on this port. */
    machine: z.string().min(1).optional(),
    component: ComponentTypeSchema.optional(),
    port: z.number().int().min(1).max(65535).optional(),
    state: z.enum(['active', 'healed']),
  }),
  z.strictObject({
    check: z.literal('eventHappened'),
    reason: z.string().min(1),
    kind: z.string().min(1).optional(),
    namespace: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    /** For objects named by a controller: "web-" matches web-7c9f8d6b5-x2x9k. */
    namePrefix: z.string().min(1).optional(),
    message: RegexSchema.optional(),
  }),
  z.strictObject({
    check: z.literal('commandRan'),
    /** Matched against the whole command line as typed. */
    pattern: RegexSchema,
    /** Where it ran: "laptop" or a node; anywhere when left out. */
    machine: z.string().min(1).optional(),
    /** Which runs count: exit status 0 (the default), non-zero, or either. */
    outcome: z.enum(['succeeded', 'failed', 'any']).default('succeeded'),
  }),
  z.strictObject({
    check: z.literal('curl'),
    /** "laptop" or a node's name. */
    from: z.string().min(1),
    url: z.string().min(1),
    /** The HTTP status expected; any status below 400 when left out. */
    status: z.number().int().min(100).max(599).optional(),
    body: RegexSchema.optional(),
    /** `-k`: accept the cluster's self-signed certificates (the default). */
    insecure: z.boolean().default(true),
  }),
  z.strictObject({ check: z.literal('timePassed'), duration: DurationSchema }),
] as const

export type LeafPredicate = z.output<(typeof leaves)[number]>

export type Predicate =
  | LeafPredicate
  | { check: 'all'; of: Predicate[] }
  | { check: 'any'; of: Predicate[] }
  | { check: 'not'; predicate: Predicate }

/** The input type (before defaults and durations) differs from the output; zod needs both. */
type PredicateInput =
  | z.input<(typeof leaves)[number]>
  | { check: 'all'; of: PredicateInput[] }
  | { check: 'any'; of: PredicateInput[] }
  | { check: 'not'; predicate: PredicateInput }

export const PredicateSchema: z.ZodType<Predicate, PredicateInput> = z.lazy(() =>
  z.discriminatedUnion('check', [
    ...leaves,
    z.strictObject({ check: z.literal('all'), of: z.array(PredicateSchema).min(1) }),
    z.strictObject({ check: z.literal('any'), of: z.array(PredicateSchema).min(1) }),
    z.strictObject({ check: z.literal('not'), predicate: PredicateSchema }),
  ]),
)

export const PREDICATE_CHECKS = [
  ...leaves.map((leaf) => leaf.shape.check.value),
  'all',
  'any',
  'not',
]
