/**
 * The ConfigMaps kube-apiserver v1.32 writes to kube-system itself, from two post-start hooks:
 * - start-cluster-authentication-info-controller (pkg/controlplane/controller/
 *   clusterauthenticationtrust): `extension-apiserver-authentication`, the client CA and the
 *   request-header settings of its flags, for aggregated API servers to trust it;
 * - start-legacy-token-tracking-controller (pkg/controlplane/controller/legacytokentracking):
 *   `kube-apiserver-legacy-service-account-token-tracking`, the UTC day tracking began.
 * Both are created when missing, so a deleted one comes back when the API server next starts.
 *
 * The CA bundles are the files the flags name (--client-ca-file, --requestheader-client-ca-file
 * in core/kubeadm/staticPods.ts), with the placeholder text core/shell/machineFiles.ts writes.
 */
import { rfc3339 } from '../api/time'
import type { ConfigMap } from '../api/types'
import { placeholderPem } from '../kubeadm/pki'

/** /etc/kubernetes/pki/ca.crt and front-proxy-ca.crt as a control-plane node holds them. */
const CLIENT_CA = placeholderPem('CERTIFICATE', 'ca.crt')
const FRONT_PROXY_CA = placeholderPem('CERTIFICATE', 'front-proxy-ca.crt')

function configMap(name: string, data: Record<string, string>): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'kube-system' }, data }
}

/** What the API server's post-start hooks create at `nowMs`, in the order they run. */
export function apiserverConfigMaps(nowMs: number): ConfigMap[] {
  return [
    // The list flags are written as JSON arrays (clusterauthenticationtrust's jsonSerializeStringSlice).
    configMap('extension-apiserver-authentication', {
      'client-ca-file': CLIENT_CA,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-client-ca-file': FRONT_PROXY_CA,
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-username-headers': '["X-Remote-User"]',
    }),
    // time.Now().UTC().Format(dateFormat), dateFormat = "2006-01-02".
    configMap('kube-apiserver-legacy-service-account-token-tracking', {
      since: rfc3339(nowMs).slice(0, 10),
    }),
  ]
}
