/**
 * UI text of the timeline: Kubernetes Events, component logs, faults and lab steps on one time axis.
 * Both languages side by side; the keys of `en` are the source of truth and `pt-BR` must match.
 */
export const en = {
  title: 'Timeline',
  filters: 'Filters',
  component: 'Component',
  allComponents: 'All components',
  object: 'Object',
  objectPlaceholder: 'Pod, Node, name…',
  types: 'Show',
  reset: 'Reset filters',
  count: '{shown} of {total} entries',
  listLabel: 'Timeline entries, oldest first, in cluster time',
  help: 'Up and down arrows move through the entries; Enter shows the chosen one in the inspector.',
  empty:
    'Nothing has happened yet. Events, logs, faults and lab steps appear here as cluster time passes.',
  emptyFiltered: 'No entry matches the filters.',
  newest: 'Jump to the newest',
  type: {
    Warning: 'Warning',
    Normal: 'Normal',
    log: 'Log',
    fault: 'Fault',
    lab: 'Lab step',
  },
  fault: {
    applied: 'Applied: {fault} ({target})',
    healed: 'Healed: {fault} ({target})',
  },
  lab: {
    stepDone: 'Step done: {step} ({lab})',
  },
  times: '×{count}',
  entryLabel: '{time}, {type}, {source}: {text}',
  details: {
    title: 'Chosen entry',
    none: 'Choose an entry to read it whole here.',
    time: 'Cluster time',
    type: 'Type',
    source: 'Source',
    reporter: 'Reported by',
    object: 'Object',
    firstSeen: 'First seen',
    count: 'Count',
    inspect: 'Show in the inspector',
  },
}

export const ptBR: typeof en = {
  title: 'Linha do tempo',
  filters: 'Filtros',
  component: 'Componente',
  allComponents: 'Todos os componentes',
  object: 'Objeto',
  objectPlaceholder: 'Pod, Node, nome…',
  types: 'Mostrar',
  reset: 'Limpar filtros',
  count: '{shown} de {total} entradas',
  listLabel: 'Entradas da linha do tempo, das mais antigas às mais recentes, no tempo do cluster',
  help: 'As setas para cima e para baixo percorrem as entradas; Enter mostra a escolhida no inspetor.',
  empty:
    'Nada aconteceu ainda. Eventos, logs, falhas e passos de laboratório aparecem aqui conforme o tempo do cluster passa.',
  emptyFiltered: 'Nenhuma entrada corresponde aos filtros.',
  newest: 'Ir para as mais recentes',
  type: {
    Warning: 'Warning',
    Normal: 'Normal',
    log: 'Log',
    fault: 'Falha',
    lab: 'Passo do lab',
  },
  fault: {
    applied: 'Aplicada: {fault} ({target})',
    healed: 'Reparada: {fault} ({target})',
  },
  lab: {
    stepDone: 'Passo concluído: {step} ({lab})',
  },
  times: '×{count}',
  entryLabel: '{time}, {type}, {source}: {text}',
  details: {
    title: 'Entrada escolhida',
    none: 'Escolha uma entrada para lê-la inteira aqui.',
    time: 'Tempo do cluster',
    type: 'Tipo',
    source: 'Origem',
    reporter: 'Relatado por',
    object: 'Objeto',
    firstSeen: 'Visto pela primeira vez',
    count: 'Contagem',
    inspect: 'Mostrar no inspetor',
  },
}
