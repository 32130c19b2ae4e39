/** `kubectl set image|resources|env`: edits to a workload's pod template (or a pod's spec). */
import { KubectlError } from '../errors'
import type { KubectlVerb } from '../verb'
import { DRY_RUN_FLAG, OUTPUT_FLAG } from './printing'
import { setEnv } from './setEnv'
import { setImage } from './setImage'
import { setResources } from './setResources'

export const set: KubectlVerb = {
  name: 'set',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    // set resources
    { name: 'containers', short: 'c', type: 'string', default: '*' },
    { name: 'limits', type: 'string' },
    { name: 'requests', type: 'string' },
    // set env
    { name: 'env', short: 'e', type: 'stringArray' },
    { name: 'list', type: 'bool' },
    { name: 'overwrite', type: 'bool', default: 'true' },
    { name: 'from', type: 'string' },
    { name: 'prefix', type: 'string' },
    { name: 'keys', type: 'string' },
  ],
  run(inv) {
    const [sub, ...rest] = inv.args
    if (sub === 'image') return setImage(inv, rest)
    if (sub === 'resources') return setResources(inv, rest)
    if (sub === 'env') return setEnv(inv, rest)
    throw new KubectlError(
      sub === undefined
        ? "error: Unexpected args: []\nSee 'kubectl set -h' for help and examples"
        : `error: unknown command "${sub}" for "kubectl set"`,
    )
  },
}
