/**
 * The control plane's static pod manifests, as `kubeadm init` v1.32 writes them into
 * /etc/kubernetes/manifests (flags, images, probes, requests). The kubelet runs them; `ps`,
 * `cat` and the inspector show these exact flags.
 */
import type { Pod, Probe } from '../api/types'
import { MANIFEST_DIR } from '../node/staticPods'
import { COMPONENT_VERSIONS, KUBERNETES_VERSION } from '../version'

export interface ControlPlaneNode {
  name: string
  ip: string
}

function probe(
  path: string,
  port: number,
  scheme: 'HTTP' | 'HTTPS',
  failureThreshold: number,
  periodSeconds = 10,
  host = '127.0.0.1',
): Probe {
  return {
    httpGet: { path, port, scheme, ...(host === '' ? {} : { host }) } as Probe['httpGet'],
    initialDelaySeconds: 10,
    periodSeconds,
    timeoutSeconds: 15,
    failureThreshold,
  }
}

/** A hostPath volume kubeadm mounts: name, host path (mounted at the same path), type, read-only. */
type HostMount = [
  name: string,
  path: string,
  type: 'DirectoryOrCreate' | 'FileOrCreate',
  readOnly: boolean,
]

const CA_MOUNTS: HostMount[] = [
  ['ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate', true],
  ['etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate', true],
  ['k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate', true],
  [
    'usr-local-share-ca-certificates',
    '/usr/local/share/ca-certificates',
    'DirectoryOrCreate',
    true,
  ],
  ['usr-share-ca-certificates', '/usr/share/ca-certificates', 'DirectoryOrCreate', true],
]

/** The volumes and mounts of a manifest, both sorted by name as kubeadm writes them. */
function hostMounts(mounts: HostMount[]): {
  volumeMounts: NonNullable<Pod['spec']['containers'][number]['volumeMounts']>
  volumes: NonNullable<Pod['spec']['volumes']>
} {
  const sorted = [...mounts].sort((a, b) => (a[0] < b[0] ? -1 : 1))
  return {
    volumeMounts: sorted.map(([name, path, , readOnly]) => ({
      mountPath: path,
      name,
      ...(readOnly ? { readOnly: true } : {}),
    })),
    volumes: sorted.map(([name, path, type]) => ({ hostPath: { path, type }, name })),
  }
}

function staticPod(
  component: string,
  node: ControlPlaneNode,
  image: string,
  command: string[],
  cpu: string,
  extra: Partial<Pod['spec']['containers'][number]>,
  mounts: HostMount[],
  memory?: string,
): Pod {
  const { volumeMounts, volumes } = hostMounts(mounts)
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: component,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations:
        component === 'kube-apiserver'
          ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${node.ip}:6443` }
          : component === 'etcd'
            ? { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${node.ip}:2379` }
            : {},
    },
    spec: {
      containers: [
        {
          name: component,
          image,
          imagePullPolicy: 'IfNotPresent',
          command,
          resources: { requests: { cpu, ...(memory === undefined ? {} : { memory }) } },
          ...extra,
          volumeMounts,
        },
      ],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes,
    },
  }
}

export function etcdManifest(node: ControlPlaneNode, members: ControlPlaneNode[]): Pod {
  const cluster = members.map((m) => `${m.name}=https://${m.ip}:2380`).join(',')
  return staticPod(
    'etcd',
    node,
    `registry.k8s.io/etcd:${COMPONENT_VERSIONS.etcd}`,
    [
      'etcd',
      `--advertise-client-urls=https://${node.ip}:2379`,
      '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
      '--client-cert-auth=true',
      '--data-dir=/var/lib/etcd',
      '--experimental-initial-corrupt-check=true',
      '--experimental-watch-progress-notify-interval=5s',
      `--initial-advertise-peer-urls=https://${node.ip}:2380`,
      `--initial-cluster=${cluster}`,
      '--key-file=/etc/kubernetes/pki/etcd/server.key',
      `--listen-client-urls=https://127.0.0.1:2379,https://${node.ip}:2379`,
      '--listen-metrics-urls=http://127.0.0.1:2381',
      `--listen-peer-urls=https://${node.ip}:2380`,
      `--name=${node.name}`,
      '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
      '--peer-client-cert-auth=true',
      '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
      '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      '--snapshot-count=10000',
      '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    ],
    '100m',
    {
      livenessProbe: probe('/livez', 2381, 'HTTP', 8),
      readinessProbe: probe('/readyz', 2381, 'HTTP', 3, 1),
    },
    [
      ['etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate', false],
      ['etcd-data', '/var/lib/etcd', 'DirectoryOrCreate', false],
    ],
    '100Mi',
  )
}

export function apiserverManifest(node: ControlPlaneNode): Pod {
  return staticPod(
    'kube-apiserver',
    node,
    `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
    [
      'kube-apiserver',
      `--advertise-address=${node.ip}`,
      '--allow-privileged=true',
      '--authorization-mode=Node,RBAC',
      '--client-ca-file=/etc/kubernetes/pki/ca.crt',
      '--enable-admission-plugins=NodeRestriction',
      '--enable-bootstrap-token-auth=true',
      '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
      '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
      '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
      '--etcd-servers=https://127.0.0.1:2379',
      '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
      '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
      '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
      '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
      '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
      '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-username-headers=X-Remote-User',
      '--secure-port=6443',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
      '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
      '--service-cluster-ip-range=10.96.0.0/12',
      '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
      '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
    ],
    '250m',
    {
      livenessProbe: probe('/livez', 6443, 'HTTPS', 8, 10, node.ip),
      readinessProbe: probe('/readyz', 6443, 'HTTPS', 3, 1, node.ip),
      startupProbe: probe('/livez', 6443, 'HTTPS', 24, 10, node.ip),
    },
    CA_MOUNTS,
  )
}

export function controllerManagerManifest(node: ControlPlaneNode): Pod {
  return staticPod(
    'kube-controller-manager',
    node,
    `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
    [
      'kube-controller-manager',
      '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--bind-address=127.0.0.1',
      '--client-ca-file=/etc/kubernetes/pki/ca.crt',
      '--cluster-name=kubernetes',
      '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
      '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
      '--controllers=*,bootstrapsigner,tokencleaner',
      '--kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--leader-elect=true',
      '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
      '--root-ca-file=/etc/kubernetes/pki/ca.crt',
      '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
      '--use-service-account-credentials=true',
    ],
    '200m',
    {
      livenessProbe: probe('/healthz', 10257, 'HTTPS', 8),
      startupProbe: probe('/healthz', 10257, 'HTTPS', 24),
    },
    [
      ...CA_MOUNTS,
      [
        'flexvolume-dir',
        '/usr/libexec/kubernetes/kubelet-plugins/volume/exec',
        'DirectoryOrCreate',
        false,
      ],
      ['kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate', true],
    ],
  )
}

export function schedulerManifest(node: ControlPlaneNode): Pod {
  return staticPod(
    'kube-scheduler',
    node,
    `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
    [
      'kube-scheduler',
      '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--bind-address=127.0.0.1',
      '--kubeconfig=/etc/kubernetes/scheduler.conf',
      '--leader-elect=true',
    ],
    '100m',
    {
      livenessProbe: probe('/healthz', 10259, 'HTTPS', 8),
      startupProbe: probe('/healthz', 10259, 'HTTPS', 24),
    },
    [['kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate', true]],
  )
}

/** The four manifests of a control-plane node, by file name. */
export function controlPlaneManifests(
  node: ControlPlaneNode,
  members: ControlPlaneNode[],
): Map<string, Pod> {
  return new Map([
    [`${MANIFEST_DIR}/etcd.yaml`, etcdManifest(node, members)],
    [`${MANIFEST_DIR}/kube-apiserver.yaml`, apiserverManifest(node)],
    [`${MANIFEST_DIR}/kube-controller-manager.yaml`, controllerManagerManifest(node)],
    [`${MANIFEST_DIR}/kube-scheduler.yaml`, schedulerManifest(node)],
  ])
}
