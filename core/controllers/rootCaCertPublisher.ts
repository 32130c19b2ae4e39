/**
 * The root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher): every namespace
 * gets a ConfigMap "kube-root-ca.crt" holding the cluster CA, so pods can trust the API server.
 * This is why `kubectl get configmaps` is never empty on a real cluster.
 *
 * Invariants:
 * 1. Each active namespace has exactly one kube-root-ca.crt with the CA under "ca.crt" and the
 *    annotation kubernetes.io/description the real controller sets.
 * 2. A deleted or edited ConfigMap is recreated or reset; a terminating namespace is left alone.
 */
import { placeholderPem } from '../kubeadm/pki'
import type { ConfigMap, Namespace } from '../api/types'
import type { Informer } from '../client/informer'
import { QueueController, type ControllerEnv } from './controller'

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt'
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'
/** The lab's CA: a placeholder, as every key and certificate in the lab (docs/simplifications.md). */
const CA_CERT = placeholderPem('CERTIFICATE', 'ca.crt')

export class RootCaCertPublisher extends QueueController {
  private readonly namespaces: Informer<Namespace>
  private readonly configMaps: Informer<ConfigMap>

  constructor(env: ControllerEnv) {
    super(env, 'root-ca-cert-publisher', ['namespaces', 'configmaps'])
    this.namespaces = env.informers.informer('namespaces')
    this.configMaps = env.informers.informer('configmaps')
    const byNamespace = (ns: Namespace): void => this.queue.add(ns.metadata.name!)
    this.namespaces.addHandlers({ onAdd: byNamespace, onUpdate: (_old, ns) => byNamespace(ns) })
    const byConfigMap = (cm: ConfigMap): void => {
      if (cm.metadata.name === ROOT_CA_CONFIGMAP) this.queue.add(cm.metadata.namespace!)
    }
    this.configMaps.addHandlers({
      onUpdate: (_old, cm) => byConfigMap(cm),
      onDelete: byConfigMap,
    })
  }

  protected sync(namespace: string): void {
    const ns = this.namespaces.get(undefined, namespace)
    if (ns === undefined || ns.metadata.deletionTimestamp !== undefined) return
    const live = this.configMaps.get(namespace, ROOT_CA_CONFIGMAP)
    if (live === undefined) {
      this.client.create('configmaps', namespace, desired(namespace))
      return
    }
    if (live.data?.['ca.crt'] === CA_CERT) return
    this.client.update('configmaps', {
      ...desired(namespace),
      metadata: { ...desired(namespace).metadata, resourceVersion: live.metadata.resourceVersion },
    })
  }
}

function desired(namespace: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: ROOT_CA_CONFIGMAP,
      namespace,
      annotations: { 'kubernetes.io/description': DESCRIPTION },
    },
    data: { 'ca.crt': CA_CERT },
  }
}
