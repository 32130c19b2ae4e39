/**
 * Textos da interface em português do Brasil. Mesmas chaves de en.ts (um teste confere).
 * "Control plane" e "worker" ficam como a comunidade brasileira fala no dia a dia.
 */
import type en from './en'

const ptBR: typeof en = {
  app: {
    name: 'KubeLab',
    tagline: 'Laboratório para ver o Kubernetes por dentro',
  },
  header: {
    clock: 'Hora do cluster',
    clockHint: 'Tempo virtual desde que o cluster simulado foi iniciado',
    kubernetes: 'Kubernetes {version}',
    seed: 'semente {seed}',
  },
  language: {
    label: 'Idioma',
    en: 'English',
    ptBR: 'Português (Brasil)',
  },
  connection: {
    connecting: 'Subindo o cluster simulado…',
    failed: 'Não deu para iniciar o cluster simulado: {message}',
  },
  topology: {
    label:
      'Topologia do cluster: {machines} máquinas, {components} componentes e {links} conexões. O painel de resumo traz o mesmo grafo em texto.',
    help: 'Arraste para mover e use a rolagem para o zoom. Com o grafo em foco: as setas movem, + e − mudam o zoom e 0 enquadra o cluster inteiro.',
    legend: 'Legenda',
    directed: 'se conecta a',
    mutual: 'pares: os dois lados se conectam',
    localhost: 'localhost',
    unixSocket: 'socket unix',
    stopped: 'parado',
    poweredOff: 'desligada',
    role: {
      controlPlane: 'control plane',
      worker: 'worker',
    },
    family: {
      controlPlane: 'Control plane',
      nodeAgent: 'Agentes do nó',
      network: 'Rede',
    },
  },
  outline: {
    title: 'Resumo',
    intro:
      'A topologia em texto: cada máquina, os componentes que rodam nela com suas portas e quem se conecta com quem.',
    machines: 'Máquinas ({count})',
    links: 'Conexões ({count})',
    empty: 'Ainda não há nada para mostrar.',
    ports: 'Portas',
    noPorts: 'nenhuma porta TCP ou UDP',
    socket: 'socket {path}',
    localOnly: 'só em localhost',
    dials: 'se conecta a',
    peers: 'é par de',
    runsAs: {
      staticPod: 'Pod estático',
      systemd: 'serviço do systemd',
      daemonset: 'Pod de DaemonSet',
    },
    state: {
      running: 'rodando',
      stopped: 'parado',
    },
  },
  terminal: {
    region: 'Terminal e editor de manifestos',
    tabs: 'Abas do terminal',
    newTab: 'Novo terminal',
    closeTab: 'Fechar o terminal {title}',
    tabState: {
      starting: 'iniciando',
      editing: 'pronto',
      running: 'executando',
      following: 'acompanhando a saída',
      ended: 'sessão encerrada',
    },
    inputLabel: 'Terminal em {title}',
    help: 'Shell no seu laptop. Tab completa, as setas para cima e para baixo percorrem o histórico, Ctrl+C interrompe, Ctrl+L limpa a tela. Para sair do terminal, use Shift+Tab, ou Esc e depois Tab.',
    sessionEnded: '[sessão encerrada — tecle Enter para abrir outra]',
    failed: 'kubelab: a simulação não executou o comando: {message}',
    tooMuchOutput: 'Saída demais para anunciar; percorra as linhas para ler.',
    resize: 'Redimensionar o painel do terminal',
    editor: {
      toggle: 'Editor de manifestos',
      title: 'Manifesto',
      label: 'Editor de manifestos (YAML)',
      help: 'Escreva um manifesto e aplique na aba ativa do terminal. Ctrl+Enter aplica; Esc e depois Tab sai do editor.',
      apply: 'Aplicar',
      applyHint:
        'Executa kubectl apply -f - com este manifesto na aba ativa do terminal (Ctrl+Enter)',
      template: 'Modelo',
      templatePlaceholder: 'Inserir um modelo…',
      templates: {
        deployment: 'Deployment',
        serviceNodePort: 'Service (NodePort)',
        pod: 'Pod',
      },
    },
  },
}

export default ptBR
