/**
 * KubeLab's own words in the terminal, in each UI language. Real tools (bash, kubectl, systemctl…)
 * always answer in English, exactly as on a real machine, so their texts are not here.
 */
import type { Language } from '../protocol'

const en = {
  'help.intro': "KubeLab shell: a bash on your laptop, with ssh to the lab's machines.",
  'help.kubectl': 'talk to the cluster, as on a real one (kubectl get nodes, kubectl apply -f -)',
  'help.ssh': 'open a shell on a machine (cp-1, worker-1…); exit comes back',
  'help.node':
    'on a node: systemctl, journalctl, crictl, ctr, ps, kill, ss, ip, iptables, curl, etcdctl, kubeadm',
  'help.files':
    'files: ls, cat, cp, mv, rm, mkdir, touch, cd, pwd; text: grep, head, tail, wc, sort, uniq, cut, awk, tee',
  'help.sleep':
    'let cluster time pass, e.g. "sleep 90s", "sleep 5m" (virtual time: returns at once)',
  'help.fault':
    'break things on purpose: fault kinds, fault inject KIND TARGET, fault list, fault heal ID|all',
  'help.why': 'why is it so? e.g. "why pod/web-1", "why node/worker-1"',
  'help.more': 'also: echo, export, history, hostname, date, env, base64, clear, help, exit',
  'help.outro': 'Time in the lab only moves when you let it (sleep, or the time controls).',
  'fault.usage':
    'usage: fault kinds | fault list | fault inject KIND TARGET [-n NAMESPACE] [-c CONTAINER] | fault heal ID|all | fault challenge [status|reveal]\n  TARGET: MACHINE (worker-1), MACHINE/COMPONENT (worker-1/kubelet), MACHINE:PORT[/udp] (cp-1:6443), pod/NAME',
  'fault.none': 'No active faults.',
  'fault.unknownKind': 'fault: unknown fault kind "{kind}" (see: fault kinds)',
  'fault.noTarget': 'fault: {kind} needs a target (see: fault kinds)',
  'fault.badTarget': 'fault: "{target}" is not a target of this kind; expected {form}',
  'fault.applied': '{id}: {kind} applied to {target} (heal it with: fault heal {id})',
  'fault.happened': '{id}: {kind} done to {target} (it recovers by itself)',
  'fault.healed': '{id}: {kind} healed on {target}',
  'challenge.started':
    'A fault was injected somewhere in the cluster, without a word about which. Find it and repair it as you would on a real cluster; "fault challenge status" tells you when it is repaired, "fault challenge reveal" says what it was.',
  'challenge.running':
    'A challenge is already running ("fault challenge status", "fault challenge reveal").',
  'challenge.none': 'No challenge is running; start one with "fault challenge".',
  'challenge.notYet':
    'Not repaired yet. Look around: kubectl get nodes, kubectl get pods -A, kubectl describe, kubectl get events, and on the nodes systemctl, journalctl, crictl.',
  'challenge.repaired': 'Repaired! "fault challenge reveal" says what it was.',
  'challenge.revealed': 'It was: {what}',
  'why.usage': 'usage: why KIND/NAME [-n NAMESPACE]   e.g. why pod/web-1, why node/worker-1',
  'why.nothing': 'No component has recorded anything about {subject} yet.',
  'why.header': 'Why {subject} is as it is (cluster time, component, reason):',
  'input.tooLarge': 'kubelab: input of {size} bytes refused (at most {max} bytes at once)',
} as const

export type MessageKey = keyof typeof en

const ptBR: Record<MessageKey, string> = {
  'help.intro': 'Shell do KubeLab: um bash no seu laptop, com ssh para as máquinas do laboratório.',
  'help.kubectl':
    'fale com o cluster, como num cluster real (kubectl get nodes, kubectl apply -f -)',
  'help.ssh': 'abre um shell numa máquina (cp-1, worker-1…); exit volta',
  'help.node':
    'num nó: systemctl, journalctl, crictl, ctr, ps, kill, ss, ip, iptables, curl, etcdctl, kubeadm',
  'help.files':
    'arquivos: ls, cat, cp, mv, rm, mkdir, touch, cd, pwd; texto: grep, head, tail, wc, sort, uniq, cut, awk, tee',
  'help.sleep':
    'deixa o tempo do cluster passar, ex.: "sleep 90s", "sleep 5m" (tempo virtual: volta na hora)',
  'help.fault':
    'quebre coisas de propósito: fault kinds, fault inject TIPO ALVO, fault list, fault heal ID|all',
  'help.why': 'por que está assim? ex.: "why pod/web-1", "why node/worker-1"',
  'help.more': 'também: echo, export, history, hostname, date, env, base64, clear, help, exit',
  'help.outro':
    'O tempo no laboratório só anda quando você deixa (sleep, ou os controles de tempo).',
  'fault.usage':
    'uso: fault kinds | fault list | fault inject TIPO ALVO [-n NAMESPACE] [-c CONTÊINER] | fault heal ID|all | fault challenge [status|reveal]\n  ALVO: MÁQUINA (worker-1), MÁQUINA/COMPONENTE (worker-1/kubelet), MÁQUINA:PORTA[/udp] (cp-1:6443), pod/NOME',
  'fault.none': 'Nenhuma falha ativa.',
  'fault.unknownKind': 'fault: tipo de falha desconhecido "{kind}" (veja: fault kinds)',
  'fault.noTarget': 'fault: {kind} precisa de um alvo (veja: fault kinds)',
  'fault.badTarget': 'fault: "{target}" não é um alvo deste tipo; esperado {form}',
  'fault.applied': '{id}: {kind} aplicada em {target} (para curar: fault heal {id})',
  'fault.happened': '{id}: {kind} feita em {target} (ele se recupera sozinho)',
  'fault.healed': '{id}: {kind} curada em {target}',
  'challenge.started':
    'Uma falha foi injetada em algum lugar do cluster, sem dizer qual. Encontre e conserte, como faria num cluster de verdade; "fault challenge status" diz quando estiver consertado, "fault challenge reveal" conta o que era.',
  'challenge.running':
    'Já há um desafio em andamento ("fault challenge status", "fault challenge reveal").',
  'challenge.none': 'Nenhum desafio em andamento; comece um com "fault challenge".',
  'challenge.notYet':
    'Ainda não está consertado. Investigue: kubectl get nodes, kubectl get pods -A, kubectl describe, kubectl get events e, nos nós, systemctl, journalctl, crictl.',
  'challenge.repaired': 'Consertado! "fault challenge reveal" conta o que era.',
  'challenge.revealed': 'Era: {what}',
  'why.usage': 'uso: why TIPO/NOME [-n NAMESPACE]   ex.: why pod/web-1, why node/worker-1',
  'why.nothing': 'Nenhum componente registrou nada sobre {subject} ainda.',
  'why.header': 'Por que {subject} está assim (hora do cluster, componente, motivo):',
  'input.tooLarge': 'kubelab: entrada de {size} bytes recusada (no máximo {max} bytes de uma vez)',
}

const catalogues: Record<Language, Record<MessageKey, string>> = { en, 'pt-BR': ptBR }

export function message(
  language: Language,
  key: MessageKey,
  params: Record<string, string> = {},
): string {
  return catalogues[language][key].replace(
    /\{(\w+)\}/g,
    (_, name: string) => params[name] ?? `{${name}}`,
  )
}
