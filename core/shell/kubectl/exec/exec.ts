/**
 * `kubectl exec POD [-c CONTAINER] [-i] [-t] -- COMMAND [ARGS…]`: the API server proxies the
 * request to the pod's kubelet (port 10250), which runs the command in the container through
 * containerd's Exec. Each step fails as the real one does: no such pod, a completed pod, a
 * container that is not running, a kubelet that does not answer, a binary the image lacks
 * ("executable file not found in $PATH"), a non-zero exit ("command terminated with exit code N").
 *
 * The lab has no interactive terminal inside containers: `-it POD -- sh` prints a note instead;
 * `-i POD -- sh` with a script on standard input runs the script.
 */
import type { Pod } from '../../../api/types'
import { CriError } from '../../../node/cri'
import { fnv1a } from '../../../random'
import type { CommandIO } from '../../command'
import { clientError, KubectlError, serverError } from '../errors'
import type { Invocation, KubectlVerb } from '../verb'
import { attachablePod } from '../read/attachablePod'
import { nslookup, podCurl, podFile, toolsOf, wget, type PodSource } from './podTools'

const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash)$/

function chooseContainer(pod: Pod, invocation: Invocation): string {
  const names = pod.spec.containers.map((c) => c.name)
  const wanted = invocation.flags.string('container')
  if (wanted !== undefined) {
    if (!names.includes(wanted))
      throw serverError({
        reason: 'BadRequest',
        message: `container ${wanted} is not valid for pod ${pod.metadata.name!}`,
      })
    return wanted
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container']
  const chosen = annotated !== undefined && names.includes(annotated) ? annotated : names[0]!
  if (names.length > 1)
    invocation.io.err(`Defaulted container "${chosen}" out of: ${names.join(', ')}\n`)
  return chosen
}

/** The running container in the pod's current sandbox, through the node's runtime. */
function runningContainer(
  invocation: Invocation,
  pod: Pod,
  container: string,
): { id: string; image: string; source: PodSource } {
  const cluster = invocation.context.host.kubernetes!
  const node = cluster.nodes.get(pod.spec.nodeName ?? '')
  if (node === undefined)
    throw clientError(`unable to upgrade connection: container not found ("${container}")`)
  const ip = node.machine.spec.internalIP
  if (!node.kubelet.runtimeUp() && !node.kubelet.running)
    throw serverError({
      message: `error dialing backend: dial tcp ${ip}:10250: connect: connection refused`,
    })
  const uid = pod.metadata.annotations?.['kubernetes.io/config.mirror'] ?? pod.metadata.uid!
  try {
    const sandboxes = node.containerd
      .listPodSandbox({ uid })
      .filter((s) => s.state === 'SANDBOX_READY')
    const found = sandboxes
      .flatMap((s) => node.containerd.listContainers({ podSandboxId: s.id }).map((c) => ({ c, s })))
      .find(({ c }) => c.metadata.name === container && c.state === 'CONTAINER_RUNNING')
    if (found === undefined)
      throw clientError(`unable to upgrade connection: container not found ("${container}")`)
    const source: PodSource = {
      kind: 'pod',
      machine: node.machine.metadata.name,
      namespace: pod.metadata.namespace!,
      name: pod.metadata.name!,
      ip: found.s.ip,
    }
    return { id: found.c.id, image: found.c.image, source }
  } catch (error) {
    if (error instanceof CriError)
      throw new KubectlError(
        `error: Internal error occurred: error executing command in container: ${error.message}`,
      )
    throw error
  }
}

function execute(
  invocation: Invocation,
  target: ReturnType<typeof runningContainer>,
  command: string[],
): number {
  const { io, context } = invocation
  const cluster = context.host.kubernetes!
  const node = cluster.nodes.get(target.source.machine)!
  const [program = '', ...args] = command
  const base = program.replace(/^\/(?:usr\/)?s?bin\//, '')
  const tools = toolsOf(target.image)
  if (tools.includes(base)) {
    if (base === 'curl') return podCurl(cluster, target.source, args, context.host, io)
    if (base === 'wget') return wget(cluster, target.source, args, context.host, io)
    if (base === 'nslookup') return nslookup(cluster, target.source, args, context.host, io)
    if (base === 'cat' && args.length === 1 && podFile(args[0]!, target.source) !== undefined) {
      io.out(podFile(args[0]!, target.source)!)
      return 0
    }
  }
  try {
    const result = node.containerd.execSync(target.id, command, 60_000)
    // The lab's container shell answers "not found" for a binary the image lacks; runc refuses
    // to start it instead, and kubectl reports the runtime's error.
    if (
      result.exitCode === 127 &&
      !SHELLS.test(program) &&
      result.output === `sh: ${program}: not found\n`
    )
      throw new KubectlError(
        `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(target.id, command)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`,
      )
    io.out(result.output)
    if (result.exitCode !== 0) {
      io.err(`command terminated with exit code ${result.exitCode}\n`)
      return result.exitCode
    }
    return 0
  } catch (error) {
    if (!(error instanceof CriError)) throw error
    throw new KubectlError(
      `error: Internal error occurred: error executing command in container: ${error.desc}`,
    )
  }
}

/** A 64-hex exec id, stable for the same container and command. */
function execId(containerId: string, command: readonly string[]): string {
  return Array.from({ length: 8 }, (_, i) =>
    fnv1a(`${containerId}/${command.join(' ')}/${i}`)
      .toString(16)
      .padStart(8, '0'),
  ).join('')
}

function interactiveNote(io: CommandIO, pod: string, command: string[]): number {
  io.err(
    `KubeLab: containers have no interactive terminal in the lab; \`${command.join(' ')}\` would wait for your typing.\nRun each command directly instead, for example:\n  kubectl exec ${pod} -- ls /\n  kubectl exec ${pod} -- cat /etc/resolv.conf\n`,
  )
  return 0
}

export const exec: KubectlVerb = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  run(invocation) {
    const [target, ...command] = invocation.args
    if (target === undefined)
      throw clientError(
        "expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command\nSee 'kubectl exec -h' for help and examples",
      )
    // kubectl 1.32 refuses the old form without "--".
    if (command.length > 0 && invocation.argsBeforeDash < 0)
      throw clientError(
        "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples",
      )
    if (command.length === 0)
      throw clientError('you must specify at least one command for the container')
    invocation.api.discover()
    const pod = attachablePod(invocation, target, 'exec')
    const name = pod.metadata.name!
    const phase = pod.status?.phase
    if (phase === 'Succeeded' || phase === 'Failed')
      throw clientError(
        `cannot exec into a container in a completed pod; current phase is ${phase}`,
      )
    const container = chooseContainer(pod, invocation)
    const running = runningContainer(invocation, pod, container)
    if (command.length === 1 && SHELLS.test(command[0]!)) {
      const script = invocation.io.stdin
      if (!invocation.flags.bool('stdin') || script === '')
        return interactiveNote(invocation.io, name, command)
      return execute(invocation, running, [command[0]!, '-c', script])
    }
    return execute(invocation, running, command)
  },
}
