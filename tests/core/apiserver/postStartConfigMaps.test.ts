import { describe, expect, it } from 'vitest'
import { apiserverConfigMaps } from '../../../core/apiserver/postStartConfigMaps'
import { sim } from '../../support/sim'

describe('kube-apiserver: post-start ConfigMaps', () => {
  it('apiserver: extension-apiserver-authentication holds the CA files its flags name and the request-header settings as JSON lists', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    const [auth, tracking] = apiserverConfigMaps(0)
    expect(auth!.data).toEqual({
      'client-ca-file': t.sh('cat /etc/kubernetes/pki/ca.crt').stdout,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-client-ca-file': t.sh('cat /etc/kubernetes/pki/front-proxy-ca.crt').stdout,
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-username-headers': '["X-Remote-User"]',
    })
    expect(tracking!.metadata.name).toBe('kube-apiserver-legacy-service-account-token-tracking')
  })

  it('apiserver: legacy token tracking records the UTC day it started', () => {
    const [, tracking] = apiserverConfigMaps(0)
    expect(tracking!.data).toEqual({ since: '2026-01-05' })
  })

  it("apiserver: a kubeadm cluster's kube-system holds the API server's ConfigMaps beside kubeadm's", () => {
    const t = sim({ seed: 1 })
    const names = t
      .sh('kubectl get cm -n kube-system')
      .stdout.split('\n')
      .slice(1)
      .filter((line) => line !== '')
      .map((line) => line.split(/\s+/)[0])
    expect(names).toEqual([
      'coredns',
      'extension-apiserver-authentication',
      'kube-apiserver-legacy-service-account-token-tracking',
      'kube-proxy',
      'kube-root-ca.crt',
      'kubeadm-config',
      'kubelet-config',
    ])
  })

  it('apiserver: a deleted one comes back when the API server next starts', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl delete cm -n kube-system extension-apiserver-authentication')
    expect(
      t.sh('kubectl get cm -n kube-system extension-apiserver-authentication').stderr,
    ).toContain('NotFound')
    t.sh('ssh cp-1')
    t.sh('mv /etc/kubernetes/manifests/kube-apiserver.yaml /tmp/')
    t.advance(30_000)
    t.sh('mv /tmp/kube-apiserver.yaml /etc/kubernetes/manifests/')
    t.advance(60_000)
    t.sh('exit')
    expect(
      t.sh('kubectl get cm -n kube-system extension-apiserver-authentication').stdout,
    ).toContain('extension-apiserver-authentication')
  })
})
