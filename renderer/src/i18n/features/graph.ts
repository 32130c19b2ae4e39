/**
 * UI text of the architecture graph's pods, Services, laptop, level of detail and message flow.
 * Both languages side by side; the keys of `en` are the source of truth and `pt-BR` must match.
 * Pod STATUS words (Running, CrashLoopBackOff…) are kubectl's and stay as it prints them.
 */
export const en = {
  summary: '{pods} Pods and {services} Services.',
  help: 'Click a component, Pod or Service to inspect it.',
  current: 'Current: {label}',
  laptop: 'your laptop',
  services: 'Services',
  unscheduled: 'Pending (unscheduled)',
  tray: 'Pods ({count})',
  /** Before the cluster's objects are listed: no count rather than a wrong "0". */
  trayWaiting: 'Pods',
  podCount: 'no pods | {count} pod | {count} pods',
  moreServices: '+{count} more Service | +{count} more Services',
  legend: {
    pods: 'Pods',
    tone: {
      running: 'running',
      pending: 'pending',
      failed: 'failing',
      succeeded: 'completed',
      unknown: 'unknown',
      terminating: 'terminating',
    },
    service: 'Service (virtual IP)',
    nodePort: 'NodePort, open on every node',
    laptop: 'your laptop, outside the cluster',
    flow: 'a message on its way',
    pulse: 'busy connection',
  },
  flow: {
    toggle: 'Message flow',
    on: 'on',
    off: 'off',
    reduced: 'off: your system asks for reduced motion',
    hint: 'Animate the messages the components send each other (remembered)',
  },
  layout: {
    help: "Drag a machine to move it; Alt+arrow keys move the current element's machine.",
    reset: 'Reset layout',
    resetHint:
      'Put every machine back in its first place (your arrangement is remembered until then)',
  },
  outline: {
    pods: 'Pods ({count})',
    pod: '{status}, {ready}/{containers} ready, {restarts} restarts',
    podIP: 'IP {ip}',
    unscheduled: 'Pending (unscheduled) ({count})',
    unscheduledNone: 'No Pod is waiting for a node.',
    services: 'Services ({count})',
    service: 'type {type}, ClusterIP {ip}, ports {ports}',
    serviceNoIP: 'type {type}, ports {ports}',
    nodePort: 'open on every node as NodePort {ports}',
    laptop:
      'Your laptop, outside the cluster, runs kubectl against the API server and reaches NodePorts on any node.',
  },
}

export const ptBR: typeof en = {
  summary: '{pods} Pods e {services} Services.',
  help: 'Clique num componente, Pod ou Service para inspecioná-lo.',
  current: 'Atual: {label}',
  laptop: 'seu notebook',
  services: 'Services',
  unscheduled: 'Pendentes (sem nó)',
  tray: 'Pods ({count})',
  trayWaiting: 'Pods',
  podCount: 'nenhum pod | {count} pod | {count} pods',
  moreServices: 'mais {count} Service | mais {count} Services',
  legend: {
    pods: 'Pods',
    tone: {
      running: 'rodando',
      pending: 'pendente',
      failed: 'falhando',
      succeeded: 'concluído',
      unknown: 'desconhecido',
      terminating: 'terminando',
    },
    service: 'Service (IP virtual)',
    nodePort: 'NodePort, aberta em todos os nós',
    laptop: 'seu notebook, fora do cluster',
    flow: 'uma mensagem a caminho',
    pulse: 'conexão movimentada',
  },
  flow: {
    toggle: 'Fluxo de mensagens',
    on: 'ligado',
    off: 'desligado',
    reduced: 'desligado: seu sistema pede menos movimento',
    hint: 'Animar as mensagens que os componentes trocam entre si (a escolha fica guardada)',
  },
  layout: {
    help: 'Arraste uma máquina para movê-la; Alt+setas movem a máquina do elemento atual.',
    reset: 'Restaurar disposição',
    resetHint: 'Devolver cada máquina ao seu lugar inicial (sua disposição fica guardada até lá)',
  },
  outline: {
    pods: 'Pods ({count})',
    pod: '{status}, {ready}/{containers} prontos, {restarts} reinícios',
    podIP: 'IP {ip}',
    unscheduled: 'Pendentes, sem nó ({count})',
    unscheduledNone: 'Nenhum Pod está esperando um nó.',
    services: 'Services ({count})',
    service: 'tipo {type}, ClusterIP {ip}, portas {ports}',
    serviceNoIP: 'tipo {type}, portas {ports}',
    nodePort: 'aberta em todos os nós como NodePort {ports}',
    laptop:
      'Seu notebook, fora do cluster, roda o kubectl contra o API server e alcança as NodePorts em qualquer nó.',
  },
}
