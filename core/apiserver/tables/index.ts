/**
 * Table printers by kind, and the conversion of objects to a Table. The printers mirror
 * kubernetes pkg/printers/internalversion/printers.go (v1.32), which the apiserver runs with
 * GenerateOptions{Wide: true}: every row carries the priority-1 cells too, and `kubectl get -o
 * wide` only chooses to show them (KUBECTL-WIRE.md §0.3, §5.5).
 */
import type { KubeObject } from '../../api/types'
import { OBJECT_META } from './docs'
import { ENDPOINT_SLICE_PRINTER, ENDPOINTS_PRINTER } from './endpoints'
import { EVENT_PRINTER } from './events'
import {
  COMPONENT_STATUS_PRINTER,
  CONFIG_MAP_PRINTER,
  LEASE_PRINTER,
  NAMESPACE_PRINTER,
  SECRET_PRINTER,
} from './misc'
import { NODE_PRINTER } from './node'
import { POD_PRINTER } from './pod'
import { SERVICE_PRINTER } from './service'
import { column, type PrintContext, type Printer, type Table } from './table'
import { DAEMON_SET_PRINTER, DEPLOYMENT_PRINTER, REPLICA_SET_PRINTER } from './workloads'

export { age } from './format'

/**
 * Kinds without a printer of their own get the apiserver's DefaultTableConvertor columns: Name
 * and Created At (type date), described by the ObjectMeta field docs.
 */
const DEFAULT_PRINTER: Printer = {
  columns: [
    column('Name', OBJECT_META.name, 0, 'string', 'name'),
    column('Created At', OBJECT_META.creationTimestamp, 0, 'date'),
  ],
  row: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''],
}

export const PRINTERS: Record<string, Printer> = {
  ComponentStatus: COMPONENT_STATUS_PRINTER,
  ConfigMap: CONFIG_MAP_PRINTER,
  DaemonSet: DAEMON_SET_PRINTER,
  Deployment: DEPLOYMENT_PRINTER,
  EndpointSlice: ENDPOINT_SLICE_PRINTER,
  Endpoints: ENDPOINTS_PRINTER,
  Event: EVENT_PRINTER,
  Lease: LEASE_PRINTER,
  Namespace: NAMESPACE_PRINTER,
  Node: NODE_PRINTER,
  Pod: POD_PRINTER,
  ReplicaSet: REPLICA_SET_PRINTER,
  Secret: SECRET_PRINTER,
  Service: SERVICE_PRINTER,
}

export function printerFor(kind: string): Printer {
  return PRINTERS[kind] ?? DEFAULT_PRINTER
}

export type IncludeObject = 'None' | 'Metadata' | 'Object'

export function toTable(
  kind: string,
  objects: KubeObject[],
  context: PrintContext,
  options: { resourceVersion?: string; includeObject?: IncludeObject; noHeaders?: boolean } = {},
): Table {
  const printer = printerFor(kind)
  const include = options.includeObject ?? 'Metadata'
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata:
      options.resourceVersion === undefined ? {} : { resourceVersion: options.resourceVersion },
    ...(options.noHeaders ? {} : { columnDefinitions: printer.columns }),
    rows: objects.map((object) => ({
      cells: printer.row(object, context),
      ...(include === 'None'
        ? {}
        : {
            object:
              include === 'Object'
                ? object
                : {
                    kind: 'PartialObjectMetadata',
                    apiVersion: 'meta.k8s.io/v1',
                    metadata: object.metadata,
                  },
          }),
    })),
  }
}
