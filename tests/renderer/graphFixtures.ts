/**
 * Kubernetes summaries for the graph's tests (pods, Services), and the English graph words, so
 * the tests can draw pods and Services before the simulation sends them.
 */
import type { PodSummary, ServiceSummary } from '../../core/protocol'
import type { GraphInput } from '../../renderer/src/topology/kubeElements'
import type { GraphText } from '../../renderer/src/topology/pods'

export const EN_GRAPH: GraphText = {
  laptop: 'your laptop',
  services: 'Services',
  unscheduled: 'Pending (unscheduled)',
  tray: (count) => `Pods (${count})`,
  podCount: (count) => (count === 1 ? '1 pod' : `${count} pods`),
  moreServices: (count) => `+${count} more Services`,
}

export function pod(name: string, fields: Partial<PodSummary> = {}): PodSummary {
  const namespace = fields.namespace ?? 'default'
  return {
    kind: 'Pod',
    key: `Pod/${namespace}/${name}`,
    uid: `uid-${namespace}-${name}`,
    namespace,
    name,
    createdMs: 0,
    phase: 'Running',
    status: 'Running',
    readyContainers: 1,
    containers: 1,
    restarts: 0,
    labels: {},
    mirror: false,
    ...fields,
  }
}

/** `count` pods of a Deployment on `node`, created one second apart. */
export function pods(prefix: string, count: number, fields: Partial<PodSummary> = {}) {
  return Array.from({ length: count }, (_, i) =>
    pod(`${prefix}-${i + 1}`, { createdMs: 1000 * (i + 1), ...fields }),
  )
}

export function service(name: string, fields: Partial<ServiceSummary> = {}): ServiceSummary {
  const namespace = fields.namespace ?? 'default'
  return {
    kind: 'Service',
    key: `Service/${namespace}/${name}`,
    uid: `uid-svc-${namespace}-${name}`,
    namespace,
    name,
    createdMs: 0,
    type: 'ClusterIP',
    clusterIP: '10.96.0.10',
    ports: [{ port: 80, targetPort: '80', protocol: 'TCP' }],
    selector: { app: name },
    ...fields,
  }
}

/** The `web` NodePort Service of the brief: port 80, nodePort 30080. */
export const WEB_NODEPORT = service('web', {
  type: 'NodePort',
  clusterIP: '10.96.45.2',
  ports: [{ port: 80, targetPort: '80', nodePort: 30080, protocol: 'TCP' }],
})

export function graph(podList: PodSummary[] = [], services: ServiceSummary[] = []): GraphInput {
  return { pods: podList, services, text: EN_GRAPH }
}
