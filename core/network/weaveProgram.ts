/**
 * The programs of the weave-net DaemonSet's images: `weave` (the router) and `weave-npc` (the
 * network-policy controller, idle in the lab). Running the weave container is what starts the
 * machine's WeaveRouter; stopping or killing it stops the router, and pods on that machine lose
 * their links to other machines.
 */
import { rfc3339Micro } from '../api/time'
import { WEAVE_IMAGE, WEAVE_NPC_IMAGE } from '../kubeadm/addons'
import type { Program, ProgramContext, ProgramRegistry, RunningProgram } from '../node/program'
import { COMPONENT_VERSIONS } from '../version'
import { WEAVE_CONTROL_PORT, WEAVE_FASTDP_PORT, type WeaveNet } from './weave'

const METRICS_PORT = 6782

/** Weave's log prefix: "INFO: 2026/01/05 09:00:00.000000 ". */
function info(context: ProgramContext, message: string): void {
  const stamp = rfc3339Micro(context.clock.nowMs)
  const date = stamp.slice(0, 10).replaceAll('-', '/')
  context.log(`INFO: ${date} ${stamp.slice(11, 26)} ${message}`)
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
      info(context, `weave  ${COMPONENT_VERSIONS.weave}`)
      info(context, `Our name is ${context.machine}`)
      info(context, `Listening for HTTP control messages on 127.0.0.1:${WEAVE_FASTDP_PORT}`)
      info(context, `Listening for metrics requests on 0.0.0.0:${METRICS_PORT}`)
      router.start()
      return {
        signal: exitOnSignal(context, () => router.stop()),
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

const npcProgram: Program = {
  processName: () => '/usr/bin/weave-npc',
  start(context) {
    info(
      context,
      `Starting Weaveworks NPC ${COMPONENT_VERSIONS.weave}; node name "${context.machine}"`,
    )
    return { signal: exitOnSignal(context, () => undefined) }
  },
}

/** The ProgramRegistry fragment for the weave-net images. */
export function weavePrograms(net: WeaveNet): ProgramRegistry {
  const router = weaveRouterProgram(net)
  return (image) =>
    image === WEAVE_IMAGE ? router : image === WEAVE_NPC_IMAGE ? npcProgram : undefined
}
