/**
 * Server-side printing: a metav1.Table for `kubectl get` (KUBECTL-WIRE.md §5.5). kubectl prints
 * the columns the server sends, so the cells here are exactly what a learner reads.
 */
import type { KubeObject } from '../../api/types'

export interface TableColumn {
  name: string
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date'
  format: string
  description: string
  priority: number
}

export interface TableRow {
  cells: (string | number | boolean)[]
  object?: unknown
}

export interface Table {
  kind: 'Table'
  apiVersion: 'meta.k8s.io/v1'
  metadata: { resourceVersion?: string }
  columnDefinitions?: TableColumn[]
  rows: TableRow[]
}

/** What a printer may read besides the object: the time now, for AGE. */
export interface PrintContext {
  nowMs: number
}

export interface Printer {
  columns: TableColumn[]
  row(object: KubeObject, context: PrintContext): (string | number | boolean)[]
}

export function column(
  name: string,
  description: string,
  priority = 0,
  type: TableColumn['type'] = 'string',
  format = '',
): TableColumn {
  return { name, type, format, description, priority }
}
