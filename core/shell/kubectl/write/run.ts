/**
 * `kubectl run NAME --image=IMAGE [--port] [--labels] [--env] [--restart] [-- ARGS…]`: one Pod,
 * built as kubectl's pod generator builds it, POSTed with fieldManager kubectl-run.
 * Attaching to the container (-i, -t, --attach, --rm) needs a terminal stream the lab's
 * kubectl does not have, and says so.
 */
import type { KubeObject } from '../../../api/types'
import { KubectlError, clientError } from '../errors'
import { findResourceType, resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { requiredFlagError, singleText, failed } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, OUTPUT_FLAG, outputOf, report } from './printing'

const RESTART_POLICIES: Record<string, string> = {
  Always: 'Always',
  OnFailure: 'OnFailure',
  Never: 'Never',
}

function usage(message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee 'kubectl run -h' for help and examples`)
}

export const run: KubectlVerb = {
  name: 'run',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'image', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'stringArray' },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'command', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'rm', type: 'bool' },
  ],
  run(inv) {
    if (!inv.flags.has('image')) throw requiredFlagError(inv, 'image')
    const [name, ...args] = inv.args
    if (name === undefined || name === '') throw usage('NAME is required for run')
    const dryRun = dryRunOf(inv)
    outputOf(inv)
    const attached = ['stdin', 'tty', 'attach'].some((f) => inv.flags.bool(f))
    if (attached && dryRun !== 'none') {
      throw usage(
        "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
      )
    }
    const pod = podFor(inv, name, args)
    if (attached) {
      throw clientError('attaching to a container (-i, -t, --attach) is not available in this lab')
    }
    if (dryRun === 'client') {
      report(inv, pod, 'created', dryRun)
      return 0
    }
    inv.api.discover()
    const response = inv.api.send({
      method: 'POST',
      path: resourcePath(findResourceType('pods')!, inv.namespace),
      query: { fieldManager: 'kubectl-run', ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
      body: pod,
    })
    if (response.status >= 400) throw new KubectlError(singleText(failed(response)))
    report(inv, response.body as KubeObject, 'created', dryRun)
    return 0
  },
}

function podFor(inv: Invocation, name: string, args: string[]): KubeObject {
  const restart = RESTART_POLICIES[inv.flags.string('restart') ?? 'Always']
  if (restart === undefined) throw usage(`invalid restart policy: ${inv.flags.string('restart')}`)
  const port = inv.flags.string('port')
  if (port !== undefined && !/^[-+]?\d+$/.test(port))
    throw clientError(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`)
  const env = inv.flags.all('env').map((e) => {
    const eq = e.indexOf('=')
    return eq < 0 ? { name: e } : { name: e.slice(0, eq), value: e.slice(eq + 1) }
  })
  const pullPolicy = inv.flags.string('image-pull-policy')
  const container = {
    ...(args.length === 0 ? {} : { [inv.flags.bool('command') ? 'command' : 'args']: args }),
    ...(env.length === 0 ? {} : { env }),
    image: inv.flags.string('image'),
    ...(pullPolicy ? { imagePullPolicy: pullPolicy } : {}),
    name,
    ...(port === undefined || Number(port) < 0 ? {} : { ports: [{ containerPort: Number(port) }] }),
    resources: {},
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: null,
      labels: labelsOf(inv, name),
      name,
      ...(inv.namespaceGiven ? { namespace: inv.namespace } : {}),
    } as unknown as KubeObject['metadata'],
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  }
}

/** --labels=a=b,c=d, or run=NAME by default. */
function labelsOf(inv: Invocation, name: string): Record<string, string> {
  const text = inv.flags.string('labels')
  if (text === undefined || text === '') return { run: name }
  const labels: Record<string, string> = {}
  for (const pair of text.split(',')) {
    const parts = pair.split('=')
    if (parts.length !== 2) throw clientError(`unexpected label spec: ${pair}`)
    labels[parts[0]!] = parts[1]!
  }
  return labels
}
