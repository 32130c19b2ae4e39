/**
 * UI text of the main area's views and the switch between them.
 * Both languages side by side; the keys of `en` are the source of truth and `pt-BR` must match.
 */
export const en = {
  label: 'Views',
  architecture: 'Architecture',
  workloads: 'Workloads',
  timeline: 'Timeline',
  charts: 'Charts',
  resizeSide: 'Resize the side column',
  side: 'Faults, inspector and outline',
  theme: {
    label: 'Colour theme: as the system, light or dark',
    system: '◐ Auto',
    light: '☀ Light',
    dark: '☾ Dark',
  },
}

export const ptBR: typeof en = {
  label: 'Visões',
  architecture: 'Arquitetura',
  workloads: 'Cargas de trabalho',
  timeline: 'Linha do tempo',
  charts: 'Gráficos',
  resizeSide: 'Redimensionar a coluna lateral',
  side: 'Falhas, inspetor e resumo',
  theme: {
    label: 'Tema de cores: o do sistema, claro ou escuro',
    system: '◐ Auto',
    light: '☀ Claro',
    dark: '☾ Escuro',
  },
}
