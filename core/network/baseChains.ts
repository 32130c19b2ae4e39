/**
 * The chains and jump rules kube-proxy installs once, on its first sync (iptablesJumpChains and
 * the KUBE-POSTROUTING / KUBE-MARK-MASQ / KUBE-FORWARD rules of syncProxyRules), which do not
 * depend on any Service. The masquerade mark is kube-proxy's default, 0x4000.
 */
import type { Rule } from './rule'

export type TableName = 'nat' | 'filter'

function jump(target: string, comment: string, ctstate?: string): Rule {
  return { target, prot: 'all', comment, ...(ctstate === undefined ? {} : { ctstate }) }
}

const PORTALS = 'kubernetes service portals'
const EXTERNAL = 'kubernetes externally-visible service portals'
const FIREWALL = 'kubernetes load balancer firewall'

export const BASE_CHAINS: Record<TableName, Record<string, readonly Rule[]>> = {
  nat: {
    PREROUTING: [jump('KUBE-SERVICES', PORTALS)],
    INPUT: [],
    OUTPUT: [jump('KUBE-SERVICES', PORTALS)],
    POSTROUTING: [jump('KUBE-POSTROUTING', 'kubernetes postrouting rules')],
    'KUBE-MARK-MASQ': [{ target: 'MARK', prot: 'all', targetInfo: 'MARK or 0x4000' }],
    'KUBE-POSTROUTING': [
      { target: 'RETURN', prot: 'all', mark: '! 0x4000/0x4000' },
      { target: 'MARK', prot: 'all', targetInfo: 'MARK xor 0x4000' },
      {
        ...jump('MASQUERADE', 'kubernetes service traffic requiring SNAT'),
        targetInfo: 'random-fully',
      },
    ],
  },
  filter: {
    INPUT: [
      jump('KUBE-PROXY-FIREWALL', FIREWALL, 'NEW'),
      jump('KUBE-NODEPORTS', 'kubernetes health check service ports'),
      jump('KUBE-EXTERNAL-SERVICES', EXTERNAL, 'NEW'),
    ],
    FORWARD: [
      jump('KUBE-PROXY-FIREWALL', FIREWALL, 'NEW'),
      jump('KUBE-FORWARD', 'kubernetes forwarding rules'),
      jump('KUBE-SERVICES', PORTALS, 'NEW'),
      jump('KUBE-EXTERNAL-SERVICES', EXTERNAL, 'NEW'),
    ],
    OUTPUT: [jump('KUBE-PROXY-FIREWALL', FIREWALL, 'NEW'), jump('KUBE-SERVICES', PORTALS, 'NEW')],
    'KUBE-FORWARD': [
      { target: 'DROP', prot: 'all', ctstate: 'INVALID' },
      { ...jump('ACCEPT', 'kubernetes forwarding rules'), mark: '0x4000/0x4000' },
      jump('ACCEPT', 'kubernetes forwarding conntrack rule', 'RELATED,ESTABLISHED'),
    ],
    'KUBE-NODEPORTS': [],
    'KUBE-PROXY-FIREWALL': [],
  },
}

export const BUILT_IN_CHAINS: Record<TableName, readonly string[]> = {
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
}

/** The last rule of nat KUBE-SERVICES: NodePorts on every local address. */
export const NODEPORTS_JUMP: Rule = {
  target: 'KUBE-NODEPORTS',
  prot: 'all',
  comment: 'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
  dstTypeLocal: true,
}
