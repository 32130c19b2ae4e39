/**
 * What `kubeadm init` and the Weave Net manifest add to a fresh cluster: the system namespaces,
 * the `kubernetes` and `kube-dns` Services, the kube-proxy and weave-net DaemonSets and the
 * CoreDNS Deployment (two replicas), as v1.32 creates them.
 */
import type { DaemonSet, Deployment, KubeObject, Namespace, Service } from '../api/types'
import { COMPONENT_VERSIONS, KUBERNETES_VERSION } from '../version'

/** kube-apiserver's --secure-port, as kubeadm sets it. */
const API_SERVER_PORT = 6443

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']
export const KUBERNETES_SERVICE_IP = '10.96.0.1'
export const DNS_SERVICE_IP = '10.96.0.10'
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3'
export const KUBE_PROXY_IMAGE = `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`
export const WEAVE_IMAGE = `weaveworks/weave-kube:${COMPONENT_VERSIONS.weave}`
export const WEAVE_NPC_IMAGE = `weaveworks/weave-npc:${COMPONENT_VERSIONS.weave}`

export function namespaces(): Namespace[] {
  return SYSTEM_NAMESPACES.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  }))
}

export function kubernetesService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: KUBERNETES_SERVICE_IP,
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    },
  }
}

/**
 * The `kubernetes` Service has no selector: each API server puts its own address in its
 * Endpoints and EndpointSlice (the apiserver's endpoint reconciler, "lease" mode), so that
 * https://10.96.0.1 reaches the API servers from pods.
 */
export function kubernetesEndpoints(ips: readonly string[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
    },
    subsets: [
      {
        addresses: ips.map((ip) => ({ ip })),
        ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
      },
    ],
  } as KubeObject
}

export function kubernetesEndpointSlice(ips: readonly string[]): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'kubernetes.io/service-name': 'kubernetes' },
    },
    addressType: 'IPv4',
    endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
  } as KubeObject
}

export function dnsService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: {
        'k8s-app': 'kube-dns',
        'kubernetes.io/cluster-service': 'true',
        'kubernetes.io/name': 'CoreDNS',
      },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: DNS_SERVICE_IP,
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  }
}

export function kubeProxyDaemonSet(): DaemonSet {
  const labels = { 'k8s-app': 'kube-proxy' }
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'kube-proxy',
              image: KUBE_PROXY_IMAGE,
              command: [
                '/usr/local/bin/kube-proxy',
                '--config=/var/lib/kube-proxy/config.conf',
                '--hostname-override=$(NODE_NAME)',
              ],
              env: [
                {
                  name: 'NODE_NAME',
                  valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
                },
              ],
            },
          ],
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          priority: 2000001000,
          priorityClassName: 'system-node-critical',
        },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    },
  }
}

export function weaveDaemonSet(): DaemonSet {
  const labels = { name: 'weave-net' }
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'weave-net', namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'weave',
              image: WEAVE_IMAGE,
              command: ['/home/weave/launch.sh'],
              ports: [{ containerPort: 6784, name: 'metrics', protocol: 'TCP' }],
              resources: { requests: { cpu: '50m' } },
            },
            { name: 'weave-npc', image: WEAVE_NPC_IMAGE, resources: { requests: { cpu: '50m' } } },
          ],
          hostNetwork: true,
          serviceAccountName: 'weave-net',
          tolerations: [
            { effect: 'NoSchedule', operator: 'Exists' },
            { effect: 'NoExecute', operator: 'Exists' },
          ],
          priority: 2000001000,
          priorityClassName: 'system-node-critical',
        },
      },
      updateStrategy: { type: 'RollingUpdate' },
    },
  }
}

export function coreDnsDeployment(): Deployment {
  const labels = { 'k8s-app': 'kube-dns' }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'coredns',
              image: COREDNS_IMAGE,
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              livenessProbe: {
                httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                initialDelaySeconds: 60,
                timeoutSeconds: 5,
                successThreshold: 1,
                failureThreshold: 5,
              },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
            },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: 'coredns',
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          priority: 2000000000,
          priorityClassName: 'system-cluster-critical',
        },
      },
    },
  }
}

/** Objects the bootstrap creates through the API, in order. */
export function addonObjects(): KubeObject[] {
  return [
    kubernetesService(),
    dnsService(),
    kubeProxyDaemonSet(),
    weaveDaemonSet(),
    coreDnsDeployment(),
  ]
}
