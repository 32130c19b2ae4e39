/**
 * UI text of the charts: pods by phase, node requests vs allocatable, the scheduler's queue.
 * Both languages side by side; the keys of `en` are the source of truth and `pt-BR` must match.
 * Pod phases and the scheduler's queue names are Kubernetes' own words and stay in English.
 */
export const en = {
  title: 'Charts',
  interval: 'The simulation samples the cluster every 10 s of cluster time.',
  empty: 'No samples yet: the first comes after 10 s of cluster time.',
  failed: 'The samples could not be loaded: {message}',
  time: 'Cluster time',
  legend: 'Legend',
  noValue: 'no value',
  summary: 'At {time}: {values}.',
  pair: '{label} {value}',
  percent: '{value}%',
  table: {
    show: 'Show the data as a table',
    caption: '{title}: the last {count} samples, newest first',
  },
  pods: {
    title: 'Pods by phase',
  },
  nodes: {
    title: 'Node requests vs allocatable',
    node: 'Node',
    all: 'All nodes',
    cpu: 'CPU requests',
    memory: 'Memory requests',
  },
  queue: {
    title: 'Scheduler queue',
    active: 'Active (activeQ)',
    backoff: 'Backing off (backoffQ)',
    unschedulable: 'Unschedulable (unschedulablePods)',
    noLeader: 'No kube-scheduler leads: no queue to show.',
  },
}

export const ptBR: typeof en = {
  title: 'Gráficos',
  interval: 'A simulação amostra o cluster a cada 10 s do tempo do cluster.',
  empty: 'Ainda não há amostras: a primeira chega depois de 10 s do tempo do cluster.',
  failed: 'Não foi possível carregar as amostras: {message}',
  time: 'Tempo do cluster',
  legend: 'Legenda',
  noValue: 'sem valor',
  summary: 'Em {time}: {values}.',
  pair: '{label} {value}',
  percent: '{value}%',
  table: {
    show: 'Mostrar os dados em uma tabela',
    caption: '{title}: as últimas {count} amostras, da mais recente à mais antiga',
  },
  pods: {
    title: 'Pods por fase',
  },
  nodes: {
    title: 'Requests dos nós vs. alocável',
    node: 'Nó',
    all: 'Todos os nós',
    cpu: 'Requests de CPU',
    memory: 'Requests de memória',
  },
  queue: {
    title: 'Fila do scheduler',
    active: 'Ativos (activeQ)',
    backoff: 'Em back-off (backoffQ)',
    unschedulable: 'Não escalonáveis (unschedulablePods)',
    noLeader: 'Nenhum kube-scheduler é líder: não há fila para mostrar.',
  },
}
