/**
 * `ip addr` and `ip route` (iproute2 6.1) on a lab node, a VirtualBox VM: lo, enp0s3 (the NAT
 * adapter, 10.0.2.15, the default route), enp0s8 (the host-only network with the node's IP),
 * and Weave Net's devices (datapath, the weave bridge with the node's bridge address, the veth
 * pair between them, vxlan-6784) plus one vethwepl… per pod on the node's pod network.
 */
import type { CommandIO, ShellCommand } from '../command'
import { nodeHost, onNode, stableNumber, type NodeHost } from './nodeHost'

interface Link {
  name: string
  flags: string
  mtu: number
  qdisc: string
  state: string
  master?: string
  qlen: boolean
  ether: string | undefined
  inet?: string
  inet6?: string
  netns?: string
}

function mac(seed: string, prefix = ''): string {
  const bytes = Array.from({ length: 6 - prefix.split(':').filter(Boolean).length }, (_, i) =>
    stableNumber(`${seed}/${i}`, 0, 255).toString(16).padStart(2, '0'),
  )
  const first =
    prefix === ''
      ? [
          ((Number.parseInt(bytes[0]!, 16) & 0xfe) | 0x02).toString(16).padStart(2, '0'),
          ...bytes.slice(1),
        ]
      : bytes
  return [...prefix.split(':').filter(Boolean), ...first].join(':')
}

/** The link-local address derived from a MAC (EUI-64), as the kernel assigns it. */
function linkLocal(ether: string): string {
  const b = ether.split(':').map((h) => Number.parseInt(h, 16))
  b[0] = b[0]! ^ 0x02
  const hex = (x: number, y: number): string => ((x << 8) | y).toString(16)
  return `fe80::${hex(b[0], b[1]!)}:${hex(b[2]!, 0xff)}:${hex(0xfe, b[3]!)}:${hex(b[4]!, b[5]!)}/64`
}

function links(host: NodeHost): Link[] {
  const name = host.node.machine.metadata.name
  const ip = host.node.machine.spec.internalIP
  const up = '<BROADCAST,MULTICAST,UP,LOWER_UP>'
  const bridge = host.cluster.network.weave.ipam.bridgeIP(name)
  const range = host.cluster.network.weave.ipam.range
  const list: Link[] = [
    {
      name: 'lo',
      flags: '<LOOPBACK,UP,LOWER_UP>',
      mtu: 65536,
      qdisc: 'noqueue',
      state: 'UNKNOWN',
      qlen: true,
      ether: undefined,
    },
    {
      name: 'enp0s3',
      flags: up,
      mtu: 1500,
      qdisc: 'fq_codel',
      state: 'UP',
      qlen: true,
      ether: mac(`${name}/enp0s3`, '08:00:27'),
      inet: '10.0.2.15/24 metric 100 brd 10.0.2.255 scope global dynamic enp0s3',
    },
    {
      name: 'enp0s8',
      flags: up,
      mtu: 1500,
      qdisc: 'fq_codel',
      state: 'UP',
      qlen: true,
      ether: mac(`${name}/enp0s8`, '08:00:27'),
      inet: `${ip}/24 brd 192.168.56.255 scope global enp0s8`,
    },
    {
      name: 'datapath',
      flags: up,
      mtu: 1376,
      qdisc: 'noqueue',
      state: 'UNKNOWN',
      qlen: true,
      ether: mac(`${name}/datapath`),
    },
    {
      name: 'weave',
      flags: up,
      mtu: 1376,
      qdisc: 'noqueue',
      state: 'UP',
      qlen: true,
      ether: mac(`${name}/weave`),
      ...(bridge === undefined
        ? {}
        : { inet: `${bridge}/${range.split('/')[1]} brd 10.47.255.255 scope global weave` }),
    },
    {
      name: 'vethwe-datapath@vethwe-bridge',
      flags: up,
      mtu: 1376,
      qdisc: 'noqueue',
      state: 'UP',
      master: 'datapath',
      qlen: false,
      ether: mac(`${name}/vwd`),
    },
    {
      name: 'vethwe-bridge@vethwe-datapath',
      flags: up,
      mtu: 1376,
      qdisc: 'noqueue',
      state: 'UP',
      master: 'weave',
      qlen: false,
      ether: mac(`${name}/vwb`),
    },
    {
      name: 'vxlan-6784',
      flags: up,
      mtu: 65535,
      qdisc: 'noqueue',
      state: 'UNKNOWN',
      master: 'datapath',
      qlen: true,
      ether: mac(`${name}/vxlan`),
    },
  ]
  const pods = host.node.containerd.running
    ? host.node.containerd
        .listPodSandbox()
        .filter((s) => !s.hostNetwork && s.state === 'SANDBOX_READY')
    : []
  for (const pod of pods) {
    const id = pod.id.slice(0, 7)
    list.push({
      name: `vethwepl${id}@if2`,
      flags: up,
      mtu: 1376,
      qdisc: 'noqueue',
      state: 'UP',
      master: 'weave',
      qlen: false,
      ether: mac(`${pod.id}/veth`),
      netns: `cni-${pod.metadata.uid.slice(0, 8)}-${pod.id.slice(8, 12)}-${pod.id.slice(12, 16)}-${pod.id.slice(16, 20)}-${pod.id.slice(20, 32)}`,
    })
  }
  return list
}

function addrLines(link: Link, index: number, family: 4 | 6 | undefined): string[] {
  const lines = [
    `${index}: ${link.name}: ${link.flags} mtu ${link.mtu} qdisc ${link.qdisc}${link.master === undefined ? '' : ` master ${link.master}`} state ${link.state} group default${link.qlen ? ' qlen 1000' : ' '}`,
  ]
  if (family === undefined)
    lines.push(
      link.ether === undefined
        ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00'
        : `    link/ether ${link.ether} brd ff:ff:ff:ff:ff:ff${link.netns === undefined ? '' : ` link-netns ${link.netns}`}`,
    )
  if (family !== 6 && link.name === 'lo')
    lines.push(
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
    )
  if (family !== 6 && link.inet !== undefined)
    lines.push(
      `    inet ${link.inet}`,
      link.inet.includes('dynamic')
        ? '       valid_lft 85883sec preferred_lft 85883sec'
        : '       valid_lft forever preferred_lft forever',
    )
  if (family !== 4 && link.name === 'lo')
    lines.push(
      '    inet6 ::1/128 scope host noprefixroute ',
      '       valid_lft forever preferred_lft forever',
    )
  else if (family !== 4 && link.ether !== undefined && link.name !== 'vxlan-6784')
    lines.push(
      `    inet6 ${linkLocal(link.ether)} scope link `,
      '       valid_lft forever preferred_lft forever',
    )
  return lines
}

function routes(host: NodeHost): string[] {
  const ip = host.node.machine.spec.internalIP
  const bridge = host.cluster.network.weave.ipam.bridgeIP(host.node.machine.metadata.name)
  return [
    'default via 10.0.2.2 dev enp0s3 proto dhcp src 10.0.2.15 metric 100 ',
    '10.0.2.0/24 dev enp0s3 proto kernel scope link src 10.0.2.15 metric 100 ',
    '10.0.2.2 dev enp0s3 proto dhcp scope link src 10.0.2.15 metric 100 ',
    '10.0.2.3 dev enp0s3 proto dhcp scope link src 10.0.2.15 metric 100 ',
    ...(bridge === undefined
      ? []
      : [
          `${host.cluster.network.weave.ipam.range} dev weave proto kernel scope link src ${bridge} `,
        ]),
    `192.168.56.0/24 dev enp0s8 proto kernel scope link src ${ip} `,
  ]
}

function addr(host: NodeHost, rest: string[], family: 4 | 6 | undefined, io: CommandIO): number {
  const words = rest.filter((w) => w !== 'show' && w !== 'list' && w !== 'dev')
  const all = links(host)
  const only = words[0]
  const index = (l: Link): number => all.indexOf(l) + 1 + (all.indexOf(l) > 4 ? 2 : 0)
  const chosen = only === undefined ? all : all.filter((l) => l.name.split('@')[0] === only)
  if (chosen.length === 0) {
    io.err(`Device "${only}" does not exist.\n`)
    return 1
  }
  io.out(
    chosen
      .flatMap((l) => addrLines(l, index(l), family))
      .map((l) => `${l}\n`)
      .join(''),
  )
  return 0
}

export const ip: ShellCommand = {
  name: 'ip',
  availableOn: onNode,
  run(args, context, io) {
    const family = args.includes('-4') ? 4 : args.includes('-6') ? 6 : undefined
    const [object = '', ...rest] = args.filter((a) => a !== '-4' && a !== '-6')
    const host = nodeHost(context)
    if (host === undefined) return 0
    if (['a', 'addr', 'address'].includes(object)) return addr(host, rest, family, io)
    if (['r', 'ro', 'route'].includes(object)) {
      io.out(
        routes(host)
          .map((l) => `${l}\n`)
          .join(''),
      )
      return 0
    }
    if (object === '') {
      io.err('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n')
      return 255
    }
    io.err(`Object "${object}" is unknown, try "ip help".\n`)
    return 255
  },
}
