/**
 * UI text of the inspector of a Kubernetes object (pod, node, Service…): YAML, conditions, events, logs, the scheduler's table.
 * Both languages side by side; the keys of `en` are the source of truth and `pt-BR` must match.
 * Kubernetes' own words (Pod, Ready, NotReady, Warning, plugin names) stay as Kubernetes spells them.
 */
export const en = {
  field: {
    kind: 'Kind',
    name: 'Name',
    status: 'Status',
    node: 'Node',
    ip: 'IP',
    owner: 'Controlled by',
    created: 'Created',
  },
  status: {
    ready: '{ready} of {total} ready',
    restarts: '{count} restart | {count} restarts',
    endpoints: '{ready} of {total} endpoints ready',
    deleting: 'being deleted',
  },
  nodeReady: {
    label: 'Node condition Ready',
    True: 'Ready',
    False: 'NotReady',
    Unknown: 'NotReady (Unknown)',
    hint: {
      True: 'The kubelet reports that the node is healthy.',
      False: 'The kubelet reports that the node is not healthy.',
      Unknown: 'The kubelet stopped reporting: the node lifecycle controller set Ready to Unknown.',
    },
    cordoned: 'SchedulingDisabled',
  },
  conditions: {
    title: 'Conditions',
    caption: 'Conditions of {name}',
    none: 'No conditions reported.',
    type: 'Type',
    status: 'Status',
    reason: 'Reason',
    message: 'Message',
    since: 'Since',
  },
  events: {
    title: 'Events',
    caption: 'Events about {name}, oldest first',
    none: 'No events about it.',
    type: 'Type',
    reason: 'Reason',
    at: 'When',
    from: 'From',
    message: 'Message',
    times: '{count} times, first at {time}',
  },
  yaml: {
    title: 'YAML (kubectl get -o yaml)',
    copy: 'Copy YAML',
    copied: 'The YAML is in the clipboard.',
    copyFailed: 'Cannot reach the clipboard: the YAML is selected, press Ctrl+C to copy it.',
    label: 'YAML of {name}',
  },
  scrollTable: 'Table {name}: scroll sideways to see every column',
  scheduler: {
    title: 'Scheduling',
    headline:
      '{feasible} of {total} node can run this pod | {feasible} of {total} nodes can run this pod',
    sentence: '{headline}: {reasons}.',
    plain: '{headline}.',
    chose: 'kube-scheduler chose {node}: it had the highest total score.',
    choseOnly: 'kube-scheduler chose {node}, the only node that fits, without scoring.',
    evaluated:
      'It looked at {evaluated} of {total} nodes: it stops once it has found enough that fit (percentageOfNodesToScore).',
    preFilter: 'Before looking at any node, {plugin} rejected the pod: {reason}.',
    postFilter: 'Preemption (PostFilter): {message}',
    nominated: 'Preemption nominated {node}: the pod goes there once the pods it evicts have gone.',
    error: 'Scheduling failed with an error: {message}',
    omitted:
      '{count} more node was examined and is not shown. | {count} more nodes were examined and are not shown.',
    skipped: 'Filter plugins that PreFilter skipped for this pod: {plugins}.',
    kubectl: 'What kubectl describe pod says',
    caption: 'How kube-scheduler judged each node for {pod}',
    filters: 'Filter',
    scores: 'Score',
    node: 'Node',
    total: 'Total',
    chosen: 'chosen',
    passed: 'passed',
    rejected: 'rejected:',
    notRun: 'not run',
    notScored: 'not scored',
    score: 'score {score} × weight {weight} = {weighted}',
    preemption: 'Preemption',
    legend:
      '✓ passed · ✗ rejected, with the reason · — not run (an earlier filter already rejected the node, or there was nothing to score)',
    reason: {
      taint:
        '{count} node has a taint the pod does not tolerate ({taint}) | {count} nodes have a taint the pod does not tolerate ({taint})',
      cpu: '{count} node has too little free CPU | {count} nodes have too little free CPU',
      memory: '{count} node has too little free memory | {count} nodes have too little free memory',
      resource:
        '{count} node has too little free {resource} | {count} nodes have too little free {resource}',
      pods: '{count} node already runs as many pods as it may | {count} nodes already run as many pods as they may',
      unschedulable:
        '{count} node is cordoned (marked unschedulable) | {count} nodes are cordoned (marked unschedulable)',
      affinity:
        "{count} node does not match the pod's node selector or affinity | {count} nodes do not match the pod's node selector or affinity",
      nodeName:
        '{count} node is not the one the pod asks for by name | {count} nodes are not the one the pod asks for by name',
      ports:
        '{count} node already uses a host port the pod asks for | {count} nodes already use a host port the pod asks for',
      other: '{count} node: {reason} | {count} nodes: {reason}',
    },
    plugin: {
      NodeUnschedulable: 'Is the node open to new pods (not cordoned)?',
      NodeName: 'Is it the node the pod names in spec.nodeName, if it names one?',
      TaintToleration:
        'Does the pod tolerate the node’s NoSchedule taints? As a score: fewer PreferNoSchedule taints is better.',
      NodeAffinity: 'Does the node match the pod’s nodeSelector and node affinity?',
      NodePorts: 'Are the host ports the pod asks for free on the node?',
      NodeResourcesFit:
        'Does the node have the CPU, memory and pod slots the pod requests free? As a score: the least allocated node is better.',
      NodeResourcesBalancedAllocation:
        'Score: does the pod keep the node’s CPU and memory use balanced?',
      ImageLocality: 'Score: does the node already have the pod’s images?',
    },
  },
}

export const ptBR: typeof en = {
  field: {
    kind: 'Tipo',
    name: 'Nome',
    status: 'Situação',
    node: 'Nó',
    ip: 'IP',
    owner: 'Controlado por',
    created: 'Criado',
  },
  status: {
    ready: '{ready} de {total} prontos',
    restarts: '{count} reinício | {count} reinícios',
    endpoints: '{ready} de {total} endpoints prontos',
    deleting: 'sendo excluído',
  },
  nodeReady: {
    label: 'Condição Ready do nó',
    True: 'Ready',
    False: 'NotReady',
    Unknown: 'NotReady (Unknown)',
    hint: {
      True: 'O kubelet informa que o nó está saudável.',
      False: 'O kubelet informa que o nó não está saudável.',
      Unknown:
        'O kubelet parou de se reportar: o controlador de ciclo de vida dos nós marcou Ready como Unknown.',
    },
    cordoned: 'SchedulingDisabled',
  },
  conditions: {
    title: 'Condições',
    caption: 'Condições de {name}',
    none: 'Nenhuma condição informada.',
    type: 'Tipo',
    status: 'Estado',
    reason: 'Motivo',
    message: 'Mensagem',
    since: 'Desde',
  },
  events: {
    title: 'Eventos',
    caption: 'Eventos sobre {name}, do mais antigo ao mais recente',
    none: 'Nenhum evento sobre ele.',
    type: 'Tipo',
    reason: 'Motivo',
    at: 'Quando',
    from: 'Origem',
    message: 'Mensagem',
    times: '{count} vezes, a primeira às {time}',
  },
  yaml: {
    title: 'YAML (kubectl get -o yaml)',
    copy: 'Copiar o YAML',
    copied: 'O YAML está na área de transferência.',
    copyFailed:
      'Não foi possível usar a área de transferência: o YAML está selecionado, tecle Ctrl+C para copiá-lo.',
    label: 'YAML de {name}',
  },
  scrollTable: 'Tabela {name}: role para o lado para ver todas as colunas',
  scheduler: {
    title: 'Escalonamento',
    headline:
      '{feasible} de {total} nó pode executar este pod | {feasible} de {total} nós podem executar este pod',
    sentence: '{headline}: {reasons}.',
    plain: '{headline}.',
    chose: 'O kube-scheduler escolheu {node}: ele teve a maior pontuação total.',
    choseOnly: 'O kube-scheduler escolheu {node}, o único nó que serve, sem pontuar.',
    evaluated:
      'Ele examinou {evaluated} de {total} nós: para assim que acha nós suficientes que servem (percentageOfNodesToScore).',
    preFilter: 'Antes de olhar qualquer nó, {plugin} rejeitou o pod: {reason}.',
    postFilter: 'Preempção (PostFilter): {message}',
    nominated:
      'A preempção indicou {node}: o pod vai para lá quando os pods que ela despeja tiverem saído.',
    error: 'O escalonamento falhou com um erro: {message}',
    omitted:
      'Mais {count} nó foi examinado e não aparece aqui. | Mais {count} nós foram examinados e não aparecem aqui.',
    skipped: 'Plugins de filtro que o PreFilter pulou para este pod: {plugins}.',
    kubectl: 'O que o kubectl describe pod diz',
    caption: 'Como o kube-scheduler avaliou cada nó para {pod}',
    filters: 'Filtro',
    scores: 'Pontuação',
    node: 'Nó',
    total: 'Total',
    chosen: 'escolhido',
    passed: 'aprovado',
    rejected: 'rejeitado:',
    notRun: 'não executado',
    notScored: 'sem pontuação',
    score: 'pontuação {score} × peso {weight} = {weighted}',
    preemption: 'Preempção',
    legend:
      '✓ aprovado · ✗ rejeitado, com o motivo · — não executado (um filtro anterior já rejeitou o nó, ou não havia o que pontuar)',
    reason: {
      taint:
        '{count} nó tem um taint que o pod não tolera ({taint}) | {count} nós têm um taint que o pod não tolera ({taint})',
      cpu: '{count} nó tem pouca CPU livre | {count} nós têm pouca CPU livre',
      memory: '{count} nó tem pouca memória livre | {count} nós têm pouca memória livre',
      resource: '{count} nó tem pouco {resource} livre | {count} nós têm pouco {resource} livre',
      pods: '{count} nó já executa o máximo de pods permitido | {count} nós já executam o máximo de pods permitido',
      unschedulable:
        '{count} nó está isolado (marcado como unschedulable) | {count} nós estão isolados (marcados como unschedulable)',
      affinity:
        '{count} nó não atende ao nodeSelector ou à afinidade de nó do pod | {count} nós não atendem ao nodeSelector ou à afinidade de nó do pod',
      nodeName:
        '{count} nó não é o que o pod pede pelo nome | {count} nós não são o que o pod pede pelo nome',
      ports:
        '{count} nó já usa uma porta do host que o pod pede | {count} nós já usam uma porta do host que o pod pede',
      other: '{count} nó: {reason} | {count} nós: {reason}',
    },
    plugin: {
      NodeUnschedulable: 'O nó aceita novos pods (não está isolado com cordon)?',
      NodeName: 'É o nó que o pod indica em spec.nodeName, se indicar algum?',
      TaintToleration:
        'O pod tolera os taints NoSchedule do nó? Na pontuação: quanto menos taints PreferNoSchedule, melhor.',
      NodeAffinity: 'O nó atende ao nodeSelector e à afinidade de nó do pod?',
      NodePorts: 'As portas do host que o pod pede estão livres no nó?',
      NodeResourcesFit:
        'O nó tem livres a CPU, a memória e as vagas de pod que o pod pede? Na pontuação: o nó menos ocupado é melhor.',
      NodeResourcesBalancedAllocation:
        'Pontuação: o pod mantém equilibrado o uso de CPU e memória do nó?',
      ImageLocality: 'Pontuação: o nó já tem as imagens do pod?',
    },
  },
}
