/** Table printers by kind, and the conversion of objects to a Table. */
import { humanDuration } from '../../format/duration'
import { parseTimestamp } from '../../api/time'
import type { KubeObject } from '../../api/types'
import { column, type PrintContext, type Printer, type Table } from './table'

/** Kinds without a printer of their own get Name and Created At (the apiserver's default). */
const DEFAULT_PRINTER: Printer = {
  columns: [
    column('Name', 'Name must be unique within a namespace.', 0, 'string', 'name'),
    column('Created At', 'CreationTimestamp is a timestamp representing the server time when this object was created.', 0, 'date'),
  ],
  row: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''],
}

export const PRINTERS: Record<string, Printer> = {}

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
    metadata: options.resourceVersion === undefined ? {} : { resourceVersion: options.resourceVersion },
    ...(options.noHeaders ? {} : { columnDefinitions: printer.columns }),
    rows: objects.map((object) => ({
      cells: printer.row(object, context),
      ...(include === 'None'
        ? {}
        : {
            object:
              include === 'Object'
                ? object
                : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
          }),
    })),
  }
}

/** The AGE cell: time since creationTimestamp, as HumanDuration prints it. */
export function age(timestamp: string | undefined, context: PrintContext): string {
  if (timestamp === undefined) return '<unknown>'
  return humanDuration(context.nowMs - parseTimestamp(timestamp))
}
