/**
 * Challenge mode: a fault from the catalogue, picked with the simulation's seeded Random and
 * applied without saying which. The learner diagnoses and repairs it; `challengeRepaired` tells
 * when it is repaired (healed, or the broken component Running again), and `revealChallenge`
 * says what it was.
 *
 * Only faults a learner can repair with the node's own tools are candidates: a stopped systemd
 * service (the kubelet or containerd, on any machine: `systemctl start`). The other faults have no
 * repair a learner could type: a challenge's fault is hidden from `fault list`, so `fault heal`
 * cannot name it; a static Pod's manifest is taken away, not left somewhere to move back; a
 * frozen DaemonSet process, a powered-off machine, a blocked port or an unreachable registry
 * need the fault menu; and killed processes heal themselves.
 */
import type { ComponentType } from '../cluster/world'
import type { FaultKindId, FaultTarget } from '../faults/catalogue'
import type { ActiveFault } from '../faults/faults'
import { isRunning } from '../kubernetes/componentStates'
import type { ChallengeEnd, ChallengeStatus } from '../protocol'
import type { Random } from '../random'
import type { Simulation } from '../simulation'
import { say, type Localized } from './text'

export interface ChallengeCandidate {
  kind: FaultKindId
  target: FaultTarget
}

export interface Challenge {
  fault: ActiveFault
}

/** Every repairable fault the catalogue offers on this simulation's machines. */
export function challengeCandidates(simulation: Simulation): ChallengeCandidate[] {
  return simulation
    .components()
    .filter((component) => component.spec.runsAs === 'systemd')
    .map((component) => ({
      kind: 'process/stop' as const,
      target: { kind: 'component', type: component.spec.type, machine: component.spec.machine },
    }))
}

export function startChallenge(simulation: Simulation, random: Random): Challenge {
  const pick = random.pick(challengeCandidates(simulation))
  const fault = simulation.handle({
    kind: 'fault/apply',
    fault: pick.kind,
    target: pick.target,
    hidden: true,
  })
  return { fault }
}

export function challengeRepaired(simulation: Simulation, challenge: Challenge): boolean {
  const active = simulation.handle({ kind: 'fault/list', includeHidden: true }).active
  if (!active.some((f) => f.id === challenge.fault.id)) return true
  const target = challenge.fault.target
  const cluster = simulation.kubernetes
  return (
    target.kind === 'component' &&
    cluster !== undefined &&
    isRunning(cluster, target.type, target.machine)
  )
}
const WHAT: Partial<Record<FaultKindId, Localized>> = {
  'process/stop': say('was stopped', 'foi parado'),
  'machine/power-off': say('was powered off', 'foi desligada'),
  'registry/unreachable': say('lost its image registry', 'perdeu acesso ao registry de imagens'),
  'node/memory-pressure': say('ran low on memory', 'ficou com pouca memória'),
  'port/block': say('had a port blocked', 'teve uma porta bloqueada'),
}

const HOW_STOPPED: Record<ComponentType, Localized> = {
  etcd: say(
    'its static pod manifest was moved out of /etc/kubernetes/manifests',
    'o manifesto do static pod saiu de /etc/kubernetes/manifests',
  ),
  'kube-apiserver': say(
    'its static pod manifest was moved out of /etc/kubernetes/manifests',
    'o manifesto do static pod saiu de /etc/kubernetes/manifests',
  ),
  'kube-scheduler': say(
    'its static pod manifest was moved out of /etc/kubernetes/manifests',
    'o manifesto do static pod saiu de /etc/kubernetes/manifests',
  ),
  'kube-controller-manager': say(
    'its static pod manifest was moved out of /etc/kubernetes/manifests',
    'o manifesto do static pod saiu de /etc/kubernetes/manifests',
  ),
  kubelet: say('systemctl stop kubelet', 'systemctl stop kubelet'),
  containerd: say('systemctl stop containerd', 'systemctl stop containerd'),
  'kube-proxy': say('its process was frozen with SIGSTOP', 'o processo foi congelado com SIGSTOP'),
  'weave-net': say('its router was stopped', 'o roteador foi parado'),
}

/** What the challenge was, to show once it is repaired (or the learner gives up). */
export function revealChallenge(challenge: Challenge): Localized {
  const { fault } = challenge
  const target = fault.target
  const what = WHAT[fault.kind] ?? say('was broken', 'foi quebrado')
  const subject =
    target.kind === 'component'
      ? say(`${target.type} on ${target.machine}`, `O ${target.type} em ${target.machine}`)
      : target.kind === 'port'
        ? say(
            `${target.machine} (port ${target.port}/${target.protocol})`,
            `A máquina ${target.machine} (porta ${target.port}/${target.protocol})`,
          )
        : target.kind === 'pod'
          ? say(
              `Pod ${target.namespace}/${target.name}`,
              `O Pod ${target.namespace}/${target.name}`,
            )
          : say(target.machine, `A máquina ${target.machine}`)
  const how = target.kind === 'component' ? HOW_STOPPED[target.type] : undefined
  return say(
    `${subject.en} ${what.en}${how === undefined ? '' : ` (${how.en})`}: fault ${fault.kind}.`,
    `${subject['pt-BR']} ${what['pt-BR']}${how === undefined ? '' : ` (${how['pt-BR']})`}: falha ${fault.kind}.`,
  )
}

/**
 * The one challenge a simulation may run at a time, as the terminal (`fault challenge`) and the
 * app (`challenge/start`, `challenge/status`, `challenge/reveal`) both drive it.
 *
 * The pick is drawn from a Random forked by the virtual time it starts at, so the same seed and
 * the same commands give the same challenge, and two challenges of one run differ.
 */
export class ChallengeSession {
  private current: Challenge | undefined

  constructor(private readonly simulation: Simulation) {}

  /** Starts one; false when one is already running. */
  start(): boolean {
    if (this.current !== undefined) return false
    const simulation = this.simulation
    const random = simulation.random.fork(`challenge/${simulation.clock.nowMs}`)
    this.current = startChallenge(simulation, random)
    return true
  }

  /** The running challenge, if any: repaired or not, and what it was once it is repaired. */
  status(): ChallengeStatus | undefined {
    const challenge = this.current
    if (challenge === undefined) return undefined
    const repaired = challengeRepaired(this.simulation, challenge)
    return {
      sinceMs: challenge.fault.sinceMs,
      repaired,
      ...(repaired ? { what: revealChallenge(challenge) } : {}),
    }
  }

  /** Ends it, healing the fault if it is still active, and says what it was. */
  reveal(): ChallengeEnd | undefined {
    const challenge = this.current
    if (challenge === undefined) return undefined
    const repaired = challengeRepaired(this.simulation, challenge)
    this.current = undefined
    const { id } = challenge.fault
    const active = this.simulation.handle({ kind: 'fault/list', includeHidden: true }).active
    if (active.some((f) => f.id === id)) this.simulation.handle({ kind: 'fault/heal', id })
    return { what: revealChallenge(challenge), repaired }
  }
}
