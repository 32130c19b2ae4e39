/** kubectl verbs that change the cluster (apply, create, delete, scale, …). */
import type { KubectlVerb } from '../verb'
import { apply } from './apply'
import { cordon, uncordon } from './cordon'
import { create } from './create'
import { deleteVerb } from './delete'
import { drain } from './drain'
import { expose } from './expose'
import { annotate, label } from './labels'
import { edit, patch, replace } from './patch'
import { rollout } from './rollout'
import { run } from './run'
import { scale } from './scale'
import { set } from './set'
import { taint } from './taint'
import { wait } from './wait'

export const WRITE_VERBS: readonly KubectlVerb[] = [
  apply,
  create,
  deleteVerb,
  run,
  expose,
  scale,
  set,
  rollout,
  label,
  annotate,
  taint,
  cordon,
  uncordon,
  drain,
  patch,
  replace,
  edit,
  wait,
]
