/**
 * The programs in the control-plane images. When the kubelet starts the container of a static
 * pod, runc starts one of these, and it brings the component to life (an etcd member joins, an
 * API server starts serving, a scheduler starts campaigning for its Lease). When the process is
 * signalled or dies, the component goes with it. So the chain is the real one: a manifest moved
 * out of /etc/kubernetes/manifests stops the container, and the component with it.
 */
import { klogLine } from '../api/time'
import { zapLine } from '../etcd/etcdLog'
import type {
  HttpRequest,
  HttpResponse,
  Program,
  ProgramContext,
  RunningProgram,
} from '../node/program'
import { COMPONENT_VERSIONS, KUBERNETES_VERSION } from '../version'

/** What a control-plane process does to the cluster when it starts and stops. */
export interface ControlPlaneHooks {
  /** `log` appends to the container's log, for what the component writes later on. */
  start(component: ControlPlaneComponent, machine: string, log: (line: string) => void): void
  stop(component: ControlPlaneComponent, machine: string): void
  /** Answers HTTP on the component's ports (health endpoints, the API). */
  http(
    component: ControlPlaneComponent,
    machine: string,
    request: HttpRequest,
  ): HttpResponse | undefined
  /** A line the process wrote to its container's log (its startup, a signal). */
  log(component: ControlPlaneComponent, machine: string, line: string): void
}

export type ControlPlaneComponent =
  'etcd' | 'kube-apiserver' | 'kube-scheduler' | 'kube-controller-manager'

const PORTS: Record<ControlPlaneComponent, number[]> = {
  etcd: [2379, 2380, 2381],
  'kube-apiserver': [6443],
  'kube-scheduler': [10259],
  'kube-controller-manager': [10257],
}

/** The value of a `--flag=value` in the container's command or args, if given. */
function flag(context: ProgramContext, name: string): string | undefined {
  const prefix = `--${name}=`
  return [...context.command, ...context.args]
    .find((a) => a.startsWith(prefix))
    ?.slice(prefix.length)
}

/** The first lines each component logs, as the real binaries print them (etcd: zap JSON). */
function startupLines(component: ControlPlaneComponent, context: ProgramContext): string[] {
  const ip = context.podIP
  const now = context.clock.nowMs
  const klog = (lines: [string, string][]): string[] =>
    lines.map(([source, message]) => klogLine(now, 'I', source, message))
  switch (component) {
    case 'etcd':
      return [
        zapLine(now, 'info', 'embed/etcd.go:128', 'configuring peer listeners', {
          'listen-peer-urls': [flag(context, 'listen-peer-urls') ?? `https://${ip}:2380`],
        }),
        zapLine(now, 'info', 'embed/etcd.go:308', 'starting an etcd server', {
          'etcd-version': COMPONENT_VERSIONS.etcd.replace(/-0$/, ''),
          name: flag(context, 'name') ?? context.machine,
          'data-dir': flag(context, 'data-dir') ?? '/var/lib/etcd',
        }),
        zapLine(now, 'info', 'embed/serve.go:103', 'ready to serve client requests'),
      ]
    case 'kube-apiserver':
      return klog([
        ['options.go:221', `external host was not specified, using ${ip}`],
        ['server.go:145', `Version: ${KUBERNETES_VERSION}`],
        ['secure_serving.go:213', 'Serving securely on [::]:6443'],
        ['controller.go:615', 'quota admission added evaluator for: leases.coordination.k8s.io'],
      ])
    case 'kube-scheduler':
      return klog([
        ['serving.go:386', 'Generated self-signed cert in-memory'],
        ['server.go:167', `"Starting Kubernetes Scheduler" version="${KUBERNETES_VERSION}"`],
        ['secure_serving.go:213', 'Serving securely on 127.0.0.1:10259'],
        [
          'leaderelection.go:257',
          'attempting to acquire leader lease kube-system/kube-scheduler...',
        ],
      ])
    case 'kube-controller-manager':
      return klog([
        ['serving.go:386', 'Generated self-signed cert in-memory'],
        ['controllermanager.go:197', `"Starting" version="${KUBERNETES_VERSION}"`],
        ['secure_serving.go:213', 'Serving securely on 127.0.0.1:10257'],
        [
          'leaderelection.go:257',
          'attempting to acquire leader lease kube-system/kube-controller-manager...',
        ],
      ])
  }
}

/** What the process prints on SIGTERM before it exits. */
function terminatingLine(component: ControlPlaneComponent, nowMs: number): string {
  if (component === 'etcd')
    return zapLine(nowMs, 'info', 'osutil/interrupt_unix.go:64', 'received signal; shutting down', {
      signal: 'terminated',
    })
  return klogLine(
    nowMs,
    'I',
    'signal.go:37',
    `"Received signal to terminate, becoming unready, but keeping serving"`,
  )
}

function controlPlaneProgram(component: ControlPlaneComponent, hooks: ControlPlaneHooks): Program {
  return {
    processName: (context) => [...context.command, ...context.args].join(' ') || component,
    start(context): RunningProgram {
      const write = (line: string): void => {
        context.log(line)
        hooks.log(component, context.machine, line)
      }
      for (const line of startupLines(component, context)) write(line)
      hooks.start(component, context.machine, (line) => context.log(line))
      let running = true
      const end = (code: number): void => {
        if (!running) return
        running = false
        hooks.stop(component, context.machine)
        context.exit(code)
      }
      return {
        signal(signal) {
          if (signal === 'SIGTERM') write(terminatingLine(component, context.clock.nowMs))
          end(signal === 'SIGTERM' ? 0 : 137)
        },
        http: (request) => (running ? hooks.http(component, context.machine, request) : undefined),
        listening: () => (running ? PORTS[component] : []),
      }
    },
  }
}

/** The image → program entries of the control plane, for the node's ProgramRegistry. */
export function controlPlanePrograms(hooks: ControlPlaneHooks): Map<string, Program> {
  return new Map<string, Program>([
    ['registry.k8s.io/etcd', controlPlaneProgram('etcd', hooks)],
    ['registry.k8s.io/kube-apiserver', controlPlaneProgram('kube-apiserver', hooks)],
    ['registry.k8s.io/kube-scheduler', controlPlaneProgram('kube-scheduler', hooks)],
    [
      'registry.k8s.io/kube-controller-manager',
      controlPlaneProgram('kube-controller-manager', hooks),
    ],
  ])
}
