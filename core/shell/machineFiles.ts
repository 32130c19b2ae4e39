/**
 * The files a machine starts with, as kubeadm leaves them: kubeconfigs and certificates under
 * /etc/kubernetes, the static pod manifests (a mount over the kubelet's manifest folder), the
 * kubelet's and containerd's configuration, and root's home. The laptop has only a kubeconfig.
 *
 * Certificate and key contents are placeholders: a learner can list and cat them, but no
 * cryptography runs in the lab (docs/simplifications.md).
 */
import { placeholderPem } from '../kubeadm/pki'
import { parse } from 'yaml'
import { toYaml } from './kubectl/print/object'
import type { Pod } from '../api/types'
import type { KubernetesCluster } from '../kubernetes/cluster'
import type { StaticPodManifests } from '../node/staticPods'
import { MANIFEST_DIR } from '../node/staticPods'
import { KUBELET_CONFIGURATION } from '../kubeadm/configMaps'
import { LAPTOP, type MachineView } from './command'
import type { FileContent } from './fileSystem'
import { MemoryFileSystem, type Mount } from './memoryFileSystem'

const PKI = '/etc/kubernetes/pki'
const CONTROL_PLANE_PKI = [
  'apiserver.crt',
  'apiserver.key',
  'apiserver-etcd-client.crt',
  'apiserver-etcd-client.key',
  'apiserver-kubelet-client.crt',
  'apiserver-kubelet-client.key',
  'ca.crt',
  'ca.key',
  'front-proxy-ca.crt',
  'front-proxy-ca.key',
  'front-proxy-client.crt',
  'front-proxy-client.key',
  'sa.key',
  'sa.pub',
]
const ETCD_PKI = [
  'ca.crt',
  'ca.key',
  'healthcheck-client.crt',
  'healthcheck-client.key',
  'peer.crt',
  'peer.key',
  'server.crt',
  'server.key',
]
/** What each kubeconfig kubeadm writes authenticates as. */
const CONTROL_PLANE_KUBECONFIGS: Record<string, string> = {
  'admin.conf': 'kubernetes-admin',
  'super-admin.conf': 'kubernetes-super-admin',
  'controller-manager.conf': 'system:kube-controller-manager',
  'scheduler.conf': 'system:kube-scheduler',
}

export function machineFileSystem(
  machine: MachineView,
  cluster: KubernetesCluster | undefined,
  now: () => number,
): MemoryFileSystem {
  const fs = new MemoryFileSystem(() => now())
  for (const dir of ['/root', '/tmp', '/var/log', '/etc']) fs.mkdir(dir, { parents: true })
  fs.write('/etc/hostname', { text: `${machine.name}\n` })
  fs.write('/etc/os-release', { text: OS_RELEASE })
  const server =
    cluster === undefined
      ? undefined
      : `https://${cluster.endpoint(machine.name === LAPTOP ? 'outside' : machine.name).address}`
  if (machine.role === 'laptop') {
    if (server !== undefined) {
      fs.mkdir('/root/.kube', { parents: true })
      fs.write('/root/.kube/config', { text: kubeconfig(server, 'kubernetes-admin') })
    }
    return fs
  }
  const node = cluster?.nodes.get(machine.name)
  fs.mkdir(`${PKI}`, { parents: true })
  fs.write(`${PKI}/ca.crt`, { text: placeholderPem('CERTIFICATE', 'ca.crt') })
  if (server !== undefined)
    fs.write('/etc/kubernetes/kubelet.conf', {
      text: kubeconfig(server, `system:node:${machine.name}`),
    })
  fs.mkdir('/var/lib/kubelet', { parents: true })
  fs.write('/var/lib/kubelet/config.yaml', { text: KUBELET_CONFIGURATION })
  fs.mkdir('/etc/containerd', { parents: true })
  fs.write('/etc/containerd/config.toml', { text: CONTAINERD_CONFIG })
  // Written by the lab's node set-up (as most kubeadm guides do), so crictl needs no flags.
  fs.write('/etc/crictl.yaml', { text: CRICTL_CONFIG })
  fs.mkdir('/etc/cni/net.d', { parents: true })
  fs.write('/etc/cni/net.d/10-weave.conflist', { text: WEAVE_CONFLIST })
  if (node !== undefined) fs.mount(MANIFEST_DIR, manifestMount(node.staticPods, now))
  else fs.mkdir(MANIFEST_DIR, { parents: true })
  if (machine.role === 'control-plane') {
    for (const file of CONTROL_PLANE_PKI)
      fs.write(`${PKI}/${file}`, {
        text: placeholderPem(file.endsWith('.crt') ? 'CERTIFICATE' : 'PRIVATE KEY', file),
      })
    fs.mkdir(`${PKI}/etcd`)
    for (const file of ETCD_PKI)
      fs.write(`${PKI}/etcd/${file}`, {
        text: placeholderPem(file.endsWith('.crt') ? 'CERTIFICATE' : 'PRIVATE KEY', `etcd/${file}`),
      })
    fs.mkdir('/var/lib/etcd', { parents: true })
    if (server !== undefined) {
      for (const [file, user] of Object.entries(CONTROL_PLANE_KUBECONFIGS))
        fs.write(`/etc/kubernetes/${file}`, { text: kubeconfig(server, user) })
      // The step kubeadm init prints: mkdir -p $HOME/.kube; cp -i /etc/kubernetes/admin.conf …
      fs.mkdir('/root/.kube', { parents: true })
      fs.write('/root/.kube/config', { text: kubeconfig(server, 'kubernetes-admin') })
    }
  }
  return fs
}

/**
 * /etc/kubernetes/manifests over the kubelet's StaticPodManifests: a file written here is a
 * manifest the kubelet reads (if it parses as a Pod); a file moved away is a static pod stopped.
 * The text is kept as written, so `cat` shows the learner's own edits.
 */
function manifestMount(manifests: StaticPodManifests, now: () => number): Mount {
  const texts = new Map<string, { text: string; modifiedMs: number }>()
  for (const { path, pod } of manifests.list())
    texts.set(path.slice(path.lastIndexOf('/') + 1), { text: toYaml(pod), modifiedMs: 0 })
  const path = (name: string): string => `${MANIFEST_DIR}/${name}`
  // Faults and other components may move manifests too: keep the listing in step with them.
  manifests.onChange((change) => {
    const name = change.path.slice(change.path.lastIndexOf('/') + 1)
    if (change.pod === undefined) texts.delete(name)
    else if (!texts.has(name)) texts.set(name, { text: toYaml(change.pod), modifiedMs: now() })
  })
  return {
    names: () => [...texts.keys()],
    read: (name): FileContent | undefined => {
      const entry = texts.get(name)
      return entry === undefined ? undefined : { text: entry.text }
    },
    modifiedMs: (name) => texts.get(name)?.modifiedMs ?? 0,
    write: (name, content) => {
      texts.set(name, { text: content.text, modifiedMs: now() })
      const pod = asPod(content.text)
      if (pod !== undefined) manifests.add(path(name), pod)
      else manifests.remove(path(name))
      // add() above re-enters onChange; the learner's text stays what they wrote.
      texts.set(name, { text: content.text, modifiedMs: now() })
    },
    remove: (name) => {
      if (!texts.has(name)) return false
      texts.delete(name)
      manifests.remove(path(name))
      return true
    },
  }
}

function asPod(text: string): Pod | undefined {
  try {
    const value = parse(text) as unknown
    if (typeof value !== 'object' || value === null) return undefined
    const object = value as Partial<Pod>
    return object.kind === 'Pod' && object.apiVersion === 'v1' ? (object as Pod) : undefined
  } catch {
    return undefined
  }
}

function kubeconfig(server: string, user: string): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${user}@kubernetes
current-context: ${user}@kubernetes
kind: Config
preferences: {}
users:
- name: ${user}
  user:
    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
    client-key-data: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCg==
`
}

const OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
`

const CONTAINERD_CONFIG = `version = 2

[plugins]
  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "registry.k8s.io/pause:3.10"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = true
`

const CRICTL_CONFIG = `runtime-endpoint: unix:///run/containerd/containerd.sock
image-endpoint: unix:///run/containerd/containerd.sock
timeout: 10
debug: false
`

const WEAVE_CONFLIST = `{
    "cniVersion": "0.3.0",
    "name": "weave",
    "plugins": [
        {
            "name": "weave",
            "type": "weave-net",
            "hairpinMode": true
        },
        {
            "type": "portmap",
            "capabilities": {"portMappings": true},
            "snat": true
        }
    ]
}
`
