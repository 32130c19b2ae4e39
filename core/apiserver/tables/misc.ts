/**
 * Namespace, ConfigMap, Secret, Lease and ComponentStatus rows: printNamespace, printConfigMap,
 * printSecret, printLease and printComponentStatus in kubernetes
 * pkg/printers/internalversion/printers.go (v1.32).
 *
 * DATA counts keys: data plus binaryData for a ConfigMap; for a Secret, data after the v1 →
 * internal conversion has merged stringData into it (so a key in both counts once).
 */
import type { ConfigMap, Lease, Namespace, Secret } from '../../api/types'
import type { ComponentStatus } from '../componentStatus'
import { MISC, PRINTERS_GO } from './docs'
import { age, ageColumn, nameColumn, printer } from './format'
import { column } from './table'

const keys = (map: Record<string, unknown> | undefined): string[] => Object.keys(map ?? {})

export const NAMESPACE_PRINTER = printer<Namespace>(
  [nameColumn(), column('Status', PRINTERS_GO.namespaceStatus), ageColumn()],
  (ns, context) => [
    ns.metadata.name ?? '',
    ns.status?.phase ?? '',
    age(ns.metadata.creationTimestamp, context),
  ],
)

export const CONFIG_MAP_PRINTER = printer<ConfigMap & { binaryData?: Record<string, string> }>(
  [nameColumn(), column('Data', MISC.configMapData), ageColumn()],
  (cm, context) => [
    cm.metadata.name ?? '',
    keys(cm.data).length + keys(cm.binaryData).length,
    age(cm.metadata.creationTimestamp, context),
  ],
)

export const SECRET_PRINTER = printer<Secret>(
  [nameColumn(), column('Type', MISC.secretType), column('Data', MISC.secretData), ageColumn()],
  (secret, context) => [
    secret.metadata.name ?? '',
    secret.type ?? '',
    new Set([...keys(secret.data), ...keys(secret.stringData)]).size,
    age(secret.metadata.creationTimestamp, context),
  ],
)

export const LEASE_PRINTER = printer<Lease>(
  [nameColumn(), column('Holder', MISC.leaseHolderIdentity), ageColumn()],
  (lease, context) => [
    lease.metadata.name ?? '',
    lease.spec?.holderIdentity ?? '',
    age(lease.metadata.creationTimestamp, context),
  ],
)

/** printComponentStatus: any condition but Healthy=True reads "Unhealthy". */
export const COMPONENT_STATUS_PRINTER = printer<ComponentStatus>(
  [
    nameColumn(),
    column('Status', 'Status of the component conditions'),
    column('Message', 'Message of the component conditions'),
    column('Error', 'Error of the component conditions'),
  ],
  (cs) => {
    const healthy = cs.conditions.find((c) => c.type === 'Healthy')
    return [
      cs.metadata.name ?? '',
      healthy === undefined ? 'Unknown' : healthy.status === 'True' ? 'Healthy' : 'Unhealthy',
      healthy?.message ?? '',
      healthy?.error ?? '',
    ]
  },
)
