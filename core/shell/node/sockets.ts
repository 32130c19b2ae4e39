/**
 * The sockets listening in a node's own network namespace, as the kernel would list them for
 * `ss`: the host daemons (sshd, systemd-resolved), containerd and the kubelet while their
 * processes run, and the processes of hostNetwork containers (the control plane, kube-proxy,
 * Weave). Pods with their own network namespace do not appear, exactly as on a real node.
 *
 * The bind address of each port is the component's real default (kubelet healthz on 127.0.0.1,
 * the scheduler on 127.0.0.1:10259, the API server on every address…).
 */
import type { NodeHost } from './nodeHost'
import { stableNumber } from './nodeHost'
import { processRows, type ProcessRow } from './processView'
import { mainProcess } from './units'
import { RESOLVED_PID, SSHD_PID } from './systemProcesses'

export interface Socket {
  protocol: 'tcp' | 'udp'
  /** "127.0.0.1", "192.168.56.21", "0.0.0.0", "*" (dual-stack any), "[::]", "127.0.0.53%lo". */
  address: string
  port: number
  /** Processes holding it, as ss -p prints them. */
  users: { comm: string; pid: number; fd: number }[]
}

/** Where each hostNetwork program binds a port, by comm; "*" (every address) otherwise. */
const BINDS: Record<string, Record<number, string[]>> = {
  etcd: { 2379: ['127.0.0.1', 'NODE'], 2380: ['NODE'], 2381: ['127.0.0.1'] },
  'kube-scheduler': { 10259: ['127.0.0.1'] },
  'kube-controller': { 10257: ['127.0.0.1'] },
  'kube-proxy': { 10249: ['127.0.0.1'] },
  weaver: { 6784: ['127.0.0.1'], 6782: ['0.0.0.0'] },
}

/** The CRI streaming server containerd opens on a random loopback port at start. */
export function containerdStreamPort(host: NodeHost): number {
  return stableNumber(`containerd-stream/${host.node.machine.metadata.name}`, 33_000, 46_000)
}

function tcp(address: string, port: number, comm: string, pid: number, fd: number): Socket {
  return { protocol: 'tcp', address, port, users: [{ comm, pid, fd }] }
}

function daemonSockets(host: NodeHost): Socket[] {
  const sockets: Socket[] = [
    {
      ...tcp('0.0.0.0', 22, 'sshd', SSHD_PID, 3),
      users: [
        { comm: 'sshd', pid: SSHD_PID, fd: 3 },
        { comm: 'systemd', pid: 1, fd: 116 },
      ],
    },
    {
      ...tcp('[::]', 22, 'sshd', SSHD_PID, 4),
      users: [
        { comm: 'sshd', pid: SSHD_PID, fd: 4 },
        { comm: 'systemd', pid: 1, fd: 117 },
      ],
    },
    tcp('127.0.0.53%lo', 53, 'systemd-resolve', RESOLVED_PID, 15),
    tcp('127.0.0.54', 53, 'systemd-resolve', RESOLVED_PID, 17),
    {
      protocol: 'udp',
      address: '127.0.0.53%lo',
      port: 53,
      users: [{ comm: 'systemd-resolve', pid: RESOLVED_PID, fd: 14 }],
    },
    {
      protocol: 'udp',
      address: '127.0.0.54',
      port: 53,
      users: [{ comm: 'systemd-resolve', pid: RESOLVED_PID, fd: 16 }],
    },
  ]
  const containerd = mainProcess(host, 'containerd')
  if (containerd !== undefined)
    sockets.push(tcp('127.0.0.1', containerdStreamPort(host), 'containerd', containerd.pid, 11))
  const kubelet = mainProcess(host, 'kubelet')
  if (kubelet !== undefined)
    sockets.push(
      tcp('127.0.0.1', 10248, 'kubelet', kubelet.pid, 22),
      tcp('*', 10250, 'kubelet', kubelet.pid, 19),
    )
  return sockets
}

function containerSockets(host: NodeHost, rows: readonly ProcessRow[]): Socket[] {
  const ip = host.node.machine.spec.internalIP
  const byPid = new Map(rows.map((r) => [r.pid, r]))
  const sockets: Socket[] = []
  let fd = 7
  for (const { pid, port } of host.node.containerd.hostListeners(ip)) {
    const comm = byPid.get(pid)?.comm ?? '?'
    for (const bind of BINDS[comm]?.[port] ?? ['*'])
      sockets.push(tcp(bind === 'NODE' ? ip : bind, port, comm, pid, fd++))
    // Weave's sleeve data path is a UDP socket of the router; fastdp's is the kernel's own.
    if (comm === 'weaver' && port === 6783)
      sockets.push(
        { protocol: 'udp', address: '0.0.0.0', port: 6783, users: [{ comm, pid, fd: fd++ }] },
        { protocol: 'udp', address: '0.0.0.0', port: 6784, users: [] },
      )
  }
  return sockets
}

/** Every listening socket of the node now. */
export function listeningSockets(host: NodeHost, nowMs: number): Socket[] {
  const rows = processRows(host, nowMs)
  return [...daemonSockets(host), ...containerSockets(host, rows)]
}
