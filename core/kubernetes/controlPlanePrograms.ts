/**
 * The programs in the control-plane images. When the kubelet starts the container of a static
 * pod, runc starts one of these, and it brings the component to life (an etcd member joins, an
 * API server starts serving, a scheduler starts campaigning for its Lease). When the process is
 * signalled or dies, the component goes with it. So the chain is the real one: a manifest moved
 * out of /etc/kubernetes/manifests stops the container, and the component with it.
 */
import { klogLine } from '../api/time'
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
  start(component: ControlPlaneComponent, machine: string): void
  stop(component: ControlPlaneComponent, machine: string): void
  /** Answers HTTP on the component's ports (health endpoints, the API). */
  http(
    component: ControlPlaneComponent,
    machine: string,
    request: HttpRequest,
  ): HttpResponse | undefined
}

export type ControlPlaneComponent =
  'etcd' | 'kube-apiserver' | 'kube-scheduler' | 'kube-controller-manager'

const PORTS: Record<ControlPlaneComponent, number[]> = {
  etcd: [2379, 2380, 2381],
  'kube-apiserver': [6443],
  'kube-scheduler': [10259],
  'kube-controller-manager': [10257],
}

/** The first lines each component logs, as the real binaries print them. */
function startupLines(
  component: ControlPlaneComponent,
  context: ProgramContext,
): [string, string][] {
  const ip = context.podIP
  switch (component) {
    case 'etcd':
      return [
        ['etcd.go:73', `"Configuring peer listeners" listen-peer-urls=["https://${ip}:2380"]`],
        [
          'etcd.go:81',
          `"Starting etcd" etcd-version="${COMPONENT_VERSIONS.etcd.replace(/-0$/, '')}" name="${context.machine}" data-dir="/var/lib/etcd"`,
        ],
        ['serve.go:103', '"ready to serve client requests"'],
      ]
    case 'kube-apiserver':
      return [
        ['options.go:221', `external host was not specified, using ${ip}`],
        ['server.go:145', `Version: ${KUBERNETES_VERSION}`],
        ['secure_serving.go:213', 'Serving securely on [::]:6443'],
        ['controller.go:615', 'quota admission added evaluator for: leases.coordination.k8s.io'],
      ]
    case 'kube-scheduler':
      return [
        ['serving.go:386', 'Generated self-signed cert in-memory'],
        ['server.go:167', `"Starting Kubernetes Scheduler" version="${KUBERNETES_VERSION}"`],
        ['secure_serving.go:213', 'Serving securely on 127.0.0.1:10259'],
        [
          'leaderelection.go:257',
          'attempting to acquire leader lease kube-system/kube-scheduler...',
        ],
      ]
    case 'kube-controller-manager':
      return [
        ['serving.go:386', 'Generated self-signed cert in-memory'],
        ['controllermanager.go:197', `"Starting" version="${KUBERNETES_VERSION}"`],
        ['secure_serving.go:213', 'Serving securely on 127.0.0.1:10257'],
        [
          'leaderelection.go:257',
          'attempting to acquire leader lease kube-system/kube-controller-manager...',
        ],
      ]
  }
}

function controlPlaneProgram(component: ControlPlaneComponent, hooks: ControlPlaneHooks): Program {
  return {
    processName: (context) => [...context.command, ...context.args].join(' ') || component,
    start(context): RunningProgram {
      for (const [source, message] of startupLines(component, context)) {
        context.log(klogLine(context.clock.nowMs, 'I', source, message))
      }
      hooks.start(component, context.machine)
      let running = true
      const end = (code: number): void => {
        if (!running) return
        running = false
        hooks.stop(component, context.machine)
        context.exit(code)
      }
      return {
        signal(signal) {
          if (signal === 'SIGTERM')
            context.log(
              klogLine(
                context.clock.nowMs,
                'I',
                'signal.go:37',
                `"Received signal to terminate, becoming unready, but keeping serving"`,
              ),
            )
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
