/**
 * English UI text. The source of truth for the message keys: pt-BR must have exactly these.
 * Component, port and protocol names are not here: they are Kubernetes' own words.
 */
export default {
  app: {
    name: 'KubeLab',
    tagline: 'Kubernetes internals lab',
  },
  header: {
    clock: 'Cluster time',
    clockHint: 'Virtual time since the simulated cluster started',
    kubernetes: 'Kubernetes {version}',
    seed: 'seed {seed}',
  },
  language: {
    label: 'Language',
    en: 'English',
    ptBR: 'Português (Brasil)',
  },
  connection: {
    connecting: 'Starting the simulated cluster…',
    failed: 'The simulated cluster did not start: {message}',
  },
  topology: {
    label:
      'Cluster topology: {machines} machines, {components} components and {links} connections. The outline panel lists the same graph as text.',
    help: 'Drag to pan and scroll to zoom. With the graph focused: arrow keys pan, + and − zoom, 0 fits the whole cluster.',
    legend: 'Legend',
    directed: 'connects to',
    mutual: 'peers: both sides connect',
    localhost: 'localhost',
    unixSocket: 'unix socket',
    stopped: 'stopped',
    poweredOff: 'powered off',
    role: {
      controlPlane: 'control plane',
      worker: 'worker',
    },
    family: {
      controlPlane: 'Control plane',
      nodeAgent: 'Node agents',
      network: 'Network',
    },
  },
  outline: {
    title: 'Outline',
    intro:
      'The topology as text: every machine, the components on it with their ports, and who connects to whom.',
    machines: 'Machines ({count})',
    links: 'Connections ({count})',
    empty: 'Nothing to show yet.',
    ports: 'Ports',
    noPorts: 'no TCP or UDP port',
    socket: 'socket {path}',
    localOnly: 'localhost only',
    dials: 'connects to',
    peers: 'peers with',
    runsAs: {
      staticPod: 'static Pod',
      systemd: 'systemd service',
      daemonset: 'DaemonSet Pod',
    },
    state: {
      running: 'running',
      stopped: 'stopped',
    },
  },
  terminal: {
    region: 'Terminal and manifest editor',
    tabs: 'Terminal tabs',
    newTab: 'New terminal',
    closeTab: 'Close terminal {title}',
    tabState: {
      starting: 'starting',
      editing: 'ready',
      running: 'running',
      following: 'following output',
      ended: 'session ended',
    },
    inputLabel: 'Terminal on {title}',
    help: 'Shell on your laptop. Tab completes, Up and Down browse the history, Ctrl+C interrupts, Ctrl+L clears. To leave the terminal, press Shift+Tab, or Esc then Tab.',
    sessionEnded: '[session ended — press Enter to start a new one]',
    failed: 'kubelab: the simulation did not run the command: {message}',
    tooMuchOutput: 'Too much output to announce; move through the rows to read it.',
    resize: 'Resize the terminal panel',
    editor: {
      toggle: 'Manifest editor',
      title: 'Manifest',
      label: 'Manifest editor (YAML)',
      help: 'Write a manifest and apply it in the active terminal tab. Ctrl+Enter applies; Esc then Tab leaves the editor.',
      apply: 'Apply',
      applyHint:
        'Runs kubectl apply -f - with this manifest in the active terminal tab (Ctrl+Enter)',
      template: 'Template',
      templatePlaceholder: 'Insert a template…',
      templates: {
        deployment: 'Deployment',
        serviceNodePort: 'Service (NodePort)',
        pod: 'Pod',
      },
    },
  },
}
