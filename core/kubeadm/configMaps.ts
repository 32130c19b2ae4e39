/**
 * The ConfigMaps `kubeadm init` v1.32 uploads: its own ClusterConfiguration (kubeadm-config), the
 * kubelet's configuration (kubelet-config), CoreDNS's Corefile (coredns), kube-proxy's
 * configuration (kube-proxy) and the public cluster-info in kube-public, so that
 * `kubectl get configmaps -A` and `kubectl describe configmap coredns -n kube-system` show what a
 * kubeadm cluster holds. Certificate data are placeholders, as every key in the lab.
 */
import type { ConfigMap } from '../api/types'
import { KUBERNETES_VERSION } from '../version'

function configMap(namespace: string, name: string, data: Record<string, string>): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data }
}

/**
 * The KubeletConfiguration kubeadm uploads (kubelet-config) and writes on every node as
 * /var/lib/kubelet/config.yaml: one text for both, as kubeadm renders it from one object.
 */
export const KUBELET_CONFIGURATION = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
fileCheckFrequency: 20s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 20s
kind: KubeletConfiguration
nodeStatusReportFrequency: 5m0s
nodeStatusUpdateFrequency: 10s
rotateCertificates: true
runtimeRequestTimeout: 15m0s
shutdownGracePeriod: 0s
staticPodPath: /etc/kubernetes/manifests
syncFrequency: 1m0s
volumeStatsAggPeriod: 1m0s
`

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`

export function kubeadmConfigMaps(controlPlaneEndpoint: string): ConfigMap[] {
  return [
    configMap('kube-system', 'kubeadm-config', {
      ClusterConfiguration: `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${KUBERNETES_VERSION}
networking:
  dnsDomain: cluster.local
  serviceSubnet: 10.96.0.0/12
proxy: {}
scheduler: {}
`,
    }),
    configMap('kube-system', 'kubelet-config', { kubelet: KUBELET_CONFIGURATION }),
    configMap('kube-system', 'coredns', { Corefile: COREFILE }),
    configMap('kube-system', 'kube-proxy', {
      'config.conf': `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
clusterCIDR: ""
healthzBindAddress: 0.0.0.0:10256
kind: KubeProxyConfiguration
metricsBindAddress: 127.0.0.1:10249
mode: ""
nodePortAddresses: null
`,
      'kubeconfig.conf': `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://${controlPlaneEndpoint}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`,
    }),
    configMap('kube-public', 'cluster-info', {
      kubeconfig: `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
    server: https://${controlPlaneEndpoint}
  name: ""
contexts: null
current-context: ""
kind: Config
preferences: {}
users: null
`,
    }),
  ]
}
