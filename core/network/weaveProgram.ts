/**
 * The programs of the weave-net DaemonSet's images: `weave` (the router) and `weave-npc` (the
 * network-policy controller, idle in the lab). Running the weave container is what starts the
 * machine's WeaveRouter; stopping or killing it stops the router, and pods on that machine lose
 * their links to other machines.
 */
import { WEAVE_IMAGE, WEAVE_NPC_IMAGE } from '../kubeadm/addons'
import type { Program, ProgramContext, ProgramRegistry, RunningProgram } from '../node/program'
import { COMPONENT_VERSIONS } from '../version'
import { WEAVE_CONTROL_PORT, WEAVE_FASTDP_PORT, type WeaveNet } from './weave'
import { weaveLine, weavePeer } from './weaveLog'

const METRICS_PORT = 6782

/** A line to the container's log and to the weave-net component's (the timeline's). */
function info(context: ProgramContext, net: WeaveNet, message: string): void {
  const line = weaveLine(context.clock.nowMs, message)
  context.log(line)
  net.componentLog?.(context.machine, line)
}

function exitOnSignal(context: ProgramContext, stop: () => void): RunningProgram['signal'] {
  let stopped = false
  return (signal) => {
    if (stopped) return
    stopped = true
    stop()
    if (signal === 'SIGTERM') {
      context.clock.schedule(0, `${context.containerName} exit`, () => context.exit(0))
    }
  }
}

export function weaveRouterProgram(net: WeaveNet): Program {
  return {
    processName: (context) =>
      `/home/weave/weaver --port=${WEAVE_CONTROL_PORT} --datapath=datapath --name=${context.machine} --http-addr=127.0.0.1:${WEAVE_FASTDP_PORT} --metrics-addr=0.0.0.0:${METRICS_PORT} --ipalloc-range=${net.ipam.range} --nickname=${context.machine}`,
    start(context) {
      const router = net.addPeer(context.machine)
      info(context, net, `weave  ${COMPONENT_VERSIONS.weave}`)
      info(context, net, `Our name is ${weavePeer(context.machine)}`)
      info(context, net, `Listening for HTTP control messages on 127.0.0.1:${WEAVE_FASTDP_PORT}`)
      info(context, net, `Listening for metrics requests on 0.0.0.0:${METRICS_PORT}`)
      // From here on the router's connection log (weaveLog.ts) writes to this container too.
      router.start((line) => context.log(line))
      return {
        signal: exitOnSignal(context, () => router.stop()),
        // SIGSTOP: the router stops forwarding and gossiping, its peers lose it; SIGCONT: it
        // dials them again.
        freeze(stopped) {
          if (stopped) router.stop()
          else router.start((line) => context.log(line))
        },
        listening: () => [WEAVE_CONTROL_PORT, WEAVE_FASTDP_PORT, METRICS_PORT],
        http: (request) => {
          if (request.port !== WEAVE_FASTDP_PORT || request.path !== '/status') return undefined
          return { status: 200, body: statusText(net, context.machine) }
        },
      }
    },
  }
}

/** A short `weave status connections` for the router's HTTP status endpoint. */
function statusText(net: WeaveNet, machine: string): string {
  return net
    .connectionsOf(machine)
    .map((c) =>
      c.state === 'established'
        ? `-> ${c.peer}:${WEAVE_CONTROL_PORT}  established ${c.dataPath}`
        : `-> ${c.peer}:${WEAVE_CONTROL_PORT}  failed      ${c.reason}`,
    )
    .join('\n')
    .concat('\n')
}

function npcProgram(net: WeaveNet): Program {
  return {
    processName: () => '/usr/bin/weave-npc',
    start(context) {
      info(
        context,
        net,
        `Starting Weaveworks NPC ${COMPONENT_VERSIONS.weave}; node name "${context.machine}"`,
      )
      return { signal: exitOnSignal(context, () => undefined) }
    },
  }
}

/** The ProgramRegistry fragment for the weave-net images. */
export function weavePrograms(net: WeaveNet): ProgramRegistry {
  const router = weaveRouterProgram(net)
  const npc = npcProgram(net)
  return (image) => (image === WEAVE_IMAGE ? router : image === WEAVE_NPC_IMAGE ? npc : undefined)
}
