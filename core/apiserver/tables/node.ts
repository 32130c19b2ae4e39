/**
 * Node rows: printNode, findNodeRoles, getNodeInternalIP and getNodeExternalIP in kubernetes
 * pkg/printers/internalversion/printers.go (v1.32); FIDELITY.md §4.8, §10.1.
 *
 * STATUS looks only at the Ready condition: "Ready" when True, "NotReady" for False or Unknown,
 * "Unknown" when the node has never reported one; ",SchedulingDisabled" follows when cordoned.
 * ROLES come from node-role.kubernetes.io/<role> label keys and kubernetes.io/role values,
 * de-duplicated and sorted, or "<none>".
 */
import type { Node } from '../../api/types'
import { NODE, PRINTERS_GO } from './docs'
import { age, ageColumn, byteOrder, nameColumn, printer } from './format'
import { column } from './table'

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/'
const NODE_LABEL_ROLE = 'kubernetes.io/role'

function nodeStatus(node: Node): string {
  // A map by type, as upstream: a later duplicate condition wins.
  const ready = new Map((node.status?.conditions ?? []).map((c) => [c.type, c])).get('Ready')
  const status =
    ready === undefined ? ['Unknown'] : [ready.status === 'True' ? 'Ready' : 'NotReady']
  if (node.spec?.unschedulable) status.push('SchedulingDisabled')
  return status.join(',')
}

/** findNodeRoles: a sets.String, so sorted and unique. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>()
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = key.slice(LABEL_NODE_ROLE_PREFIX.length)
      if (role.length > 0) roles.add(role)
    } else if (key === NODE_LABEL_ROLE && value !== '') {
      roles.add(value)
    }
  }
  return roles.size === 0 ? '<none>' : [...roles].sort(byteOrder).join(',')
}

function address(node: Node, type: 'InternalIP' | 'ExternalIP'): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>'
}

export const NODE_PRINTER = printer<Node>(
  [
    nameColumn(),
    column('Status', PRINTERS_GO.nodeStatus),
    column('Roles', PRINTERS_GO.nodeRoles),
    ageColumn(),
    column('Version', NODE.kubeletVersion),
    column('Internal-IP', NODE.addresses, 1),
    column('External-IP', NODE.addresses, 1),
    column('OS-Image', NODE.osImage, 1),
    column('Kernel-Version', NODE.kernelVersion, 1),
    column('Container-Runtime', NODE.containerRuntimeVersion, 1),
  ],
  (node, context) => {
    const info = node.status?.nodeInfo
    return [
      node.metadata.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      age(node.metadata.creationTimestamp, context),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ]
  },
)
