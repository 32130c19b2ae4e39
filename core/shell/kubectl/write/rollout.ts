/**
 * `kubectl rollout status|history|undo|restart|pause|resume TYPE/NAME` for Deployments (and
 * DaemonSets for status and restart, which their controller supports).
 */
import { rfc3339 } from '../../../api/time'
import type { Deployment, KubeObject } from '../../../api/types'
import { clientError, KubectlError } from '../errors'
import { objectName } from '../print/object'
import { resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { failed, throwFailures } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, OUTPUT_FLAG, report } from './printing'
import { rolloutHistory, rolloutUndo } from './rolloutHistory'
import { rolloutStatus } from './rolloutStatus'
import { fetch, parseTargets, typed, type Target } from './targets'

const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt'
const SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo']

const HELP = `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

export const rollout: KubectlVerb = {
  name: 'rollout',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'watch', short: 'w', type: 'bool', default: 'true' },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'revision', type: 'int', default: '0' },
    { name: 'to-revision', type: 'int', default: '0' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run(inv) {
    const [sub, ...args] = inv.args
    if (sub === undefined) {
      inv.io.out(HELP)
      return 1
    }
    if (!SUBCOMMANDS.includes(sub)) {
      throw new KubectlError(
        `error: unknown command "${sub}"\nSee 'kubectl rollout -h' for help and examples`,
      )
    }
    if (args.length === 0) throw clientError('required resource not specified')
    const dryRun = dryRunOf(inv)
    const { named } = parseTargets(inv, args)
    inv.api.discover()
    for (const target of named) runOne(inv, sub, target, dryRun)
    return 0
  },
}

function runOne(inv: Invocation, sub: string, target: Target, dryRun: ReturnType<typeof dryRunOf>) {
  if (sub === 'status') return rolloutStatus(inv, target)
  const fetched = fetch(inv, target)
  if ('failure' in fetched) return throwFailures([fetched.failure])
  const object = typed(target.def, fetched.object)
  const isDeployment = object.kind === 'Deployment'
  if (sub === 'restart') return restart(inv, target, object, dryRun)
  if (!isDeployment) {
    const what = `${target.def.resource}.${target.def.group}`
    if (sub === 'pause' || sub === 'resume')
      throw clientError(
        `${what} "${target.name}" ${sub === 'pause' ? 'pausing' : 'resuming'} is not supported`,
      )
    throw clientError(
      `unable to find history controlled by ${object.kind} ${target.name}: the server could not find the requested resource`,
    )
  }
  const d = object as Deployment
  if (sub === 'history') return rolloutHistory(inv, d)
  if (sub === 'undo') return rolloutUndo(inv, d, dryRun)
  return pauseOrResume(inv, target, d, sub === 'pause', dryRun)
}

function restart(
  inv: Invocation,
  target: Target,
  object: KubeObject,
  dryRun: ReturnType<typeof dryRunOf>,
) {
  const name = `${target.def.resource}.${target.def.group}`
  if ((object as Deployment).spec?.paused)
    throw clientError(
      `${name} "${target.name}" can't restart paused deployment (run rollout resume first)`,
    )
  const now = rfc3339(inv.context.host.nowMs())
  const template = (
    object['spec'] as { template?: { metadata?: { annotations?: Record<string, string> } } }
  ).template
  if (template?.metadata?.annotations?.[RESTARTED_AT] === now) {
    throw clientError(
      `failed to create patch for ${target.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
    )
  }
  if (dryRun === 'none') {
    const response = inv.api.send({
      method: 'PATCH',
      path: resourcePath(target.def, target.namespace, target.name),
      query: { fieldManager: 'kubectl-rollout' },
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
      body: { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now } } } } },
    })
    if (response.status >= 400) return throwFailures([failed(response)])
  }
  report(inv, object, 'restarted', dryRun)
  return 0
}

function pauseOrResume(
  inv: Invocation,
  target: Target,
  d: Deployment,
  pause: boolean,
  dryRun: ReturnType<typeof dryRunOf>,
) {
  if ((d.spec.paused === true) === pause)
    throw clientError(
      `deployments.apps "${target.name}" is ${pause ? 'already paused' : 'not paused'}`,
    )
  if (dryRun === 'none') {
    const response = inv.api.send({
      method: 'PATCH',
      path: resourcePath(target.def, target.namespace, target.name),
      query: { fieldManager: 'kubectl-rollout' },
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
      body: { spec: { paused: pause ? true : null } },
    })
    if (response.status >= 400) return throwFailures([failed(response)])
  }
  inv.io.out(
    `${objectName(d)} ${pause ? 'paused' : 'resumed'}${dryRun === 'none' ? '' : ' (dry run)'}\n`,
  )
  return 0
}
