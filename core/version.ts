/** The Kubernetes release whose behaviour the simulation follows (FIDELITY.md targets 1.32). */
export const KUBERNETES_VERSION = 'v1.32.4'

/** Versions of the node software, as a kubeadm cluster of that release would run them. */
export const COMPONENT_VERSIONS = {
  etcd: '3.5.16-0',
  containerd: '1.7.24',
  runc: '1.2.4',
  weave: '2.8.1',
} as const
