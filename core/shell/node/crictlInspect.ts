/**
 * `crictl inspect` and `crictl inspectp`: the CRI status as crictl marshals it (JSON, 2-space
 * indent, times as RFC 3339 with nanoseconds), plus the part of containerd's verbose "info" a
 * learner looks for (the pid, the sandbox, the runtime). A subset of the real document.
 */
import { rfc3339Micro } from '../../api/time'
import type { ContainerStatus, PodSandboxStatus } from '../../node/cri'
import type { NodeHost } from './nodeHost'

/** Go's RFC3339Nano: trailing zeros of the fraction dropped; the zero time for "never". */
function goTime(ms: number | undefined): string {
  if (ms === undefined) return '0001-01-01T00:00:00Z'
  const text = rfc3339Micro(ms)
  const fraction = text.slice(20, 26).replace(/0+$/, '')
  return `${text.slice(0, 19)}${fraction === '' ? '' : `.${fraction}`}Z`
}

function logDirectory(sandbox: PodSandboxStatus | undefined): string {
  if (sandbox === undefined) return ''
  const { namespace, name, uid } = sandbox.metadata
  return `/var/log/pods/${namespace}_${name}_${uid}`
}

export function inspectContainer(
  c: ContainerStatus,
  sandbox: PodSandboxStatus | undefined,
  imageId: string,
): string {
  const document = {
    status: {
      id: c.id,
      metadata: { attempt: c.metadata.attempt, name: c.metadata.name },
      state: c.state,
      createdAt: goTime(c.createdAtMs),
      startedAt: goTime(c.startedAtMs),
      finishedAt: goTime(c.finishedAtMs),
      exitCode: c.exitCode,
      image: { annotations: {}, image: c.image, runtimeHandler: '', userSpecifiedImage: '' },
      imageRef: c.imageRef,
      reason: c.reason,
      message: c.message,
      labels: c.labels,
      annotations: c.annotations,
      mounts: [],
      logPath: `${logDirectory(sandbox)}/${c.logPath}`,
      imageId,
    },
    info: {
      sandboxID: c.podSandboxId,
      pid: c.pid ?? 0,
      removing: false,
      snapshotKey: c.id,
      snapshotter: 'overlayfs',
      runtimeType: 'io.containerd.runc.v2',
      runtimeOptions: { systemd_cgroup: true },
    },
  }
  return `${JSON.stringify(document, undefined, 2)}\n`
}

/** The pause process of a sandbox: the child of its shim that runs /pause. */
function pausePid(host: NodeHost, sandboxId: string): number {
  const shim = host.node.processes.list().find((p) => p.command.includes(`-id ${sandboxId} `))
  if (shim === undefined) return 0
  return host.node.processes.children(shim.pid).find((p) => p.command === '/pause')?.pid ?? 0
}

export function inspectSandbox(host: NodeHost, s: PodSandboxStatus): string {
  const document = {
    status: {
      id: s.id,
      metadata: s.metadata,
      state: s.state,
      createdAt: goTime(s.createdAtMs),
      network: { additionalIps: [], ip: s.ip },
      linux: {
        namespaces: {
          options: {
            ipc: 'POD',
            network: s.hostNetwork ? 'NODE' : 'POD',
            pid: 'CONTAINER',
            targetId: '',
            usernsOptions: null,
          },
        },
      },
      labels: s.labels,
      annotations: s.annotations,
      runtimeHandler: '',
    },
    info: {
      pid: s.state === 'SANDBOX_READY' ? pausePid(host, s.id) : 0,
      processStatus: s.state === 'SANDBOX_READY' ? 'running' : 'stopped',
      netNamespaceClosed: s.state !== 'SANDBOX_READY',
      image: 'registry.k8s.io/pause:3.10',
      runtimeHandler: '',
      runtimeType: 'io.containerd.runc.v2',
      runtimeOptions: { systemd_cgroup: true },
    },
  }
  return `${JSON.stringify(document, undefined, 2)}\n`
}
