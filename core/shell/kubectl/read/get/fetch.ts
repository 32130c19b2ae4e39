/**
 * One `kubectl get`: a request per type (or per name), then either the server's Tables printed
 * as kubectl's human-readable printer does (get.go Run), or the objects themselves
 * (printGeneric). Errors (NotFound…) are kept and printed after the output, as ContinueOnError
 * does; "No resources found" goes to standard error when nothing was printed.
 */
import type { KubeObject } from '../../../../api/types'
import type { Table } from '../../../../apiserver/tables/table'
import { KubectlError } from '../../errors'
import { TablePrinter } from '../../print/table'
import { GET_TABS, TabWriter } from '../../print/tabWriter'
import { parseOutput, printObjects, type Output } from '../output'
import { getObject, getTable, listObjects } from '../request'
import { sortObjects, sortTable } from '../sort'
import { resolveTargets, type Target, type TargetArgs } from '../targets'
import type { GetOptions } from './get'

interface Fetched<T> {
  target: Target
  value: T
}

export function runGet(options: GetOptions, split: TargetArgs): number {
  const inv = options.invocation
  const targets = resolveTargetsAfterDiscovery(options, split)
  const output = parseOutput(options.outputFlag)
  const errors: string[] = []
  if (output.kind === 'table') {
    const tables = fetchEach(options, targets, errors, (target, name) =>
      getTable(
        inv.api,
        target.def,
        namespaceFor(options, target),
        name,
        options.selectors,
        options.sortBy ? 'Object' : 'Metadata',
      ),
    )
    printTables(options, tables, output.wide, errors)
  } else {
    const objects = fetchEach(options, targets, errors, (target, name) =>
      name === undefined
        ? listObjects(inv.api, target.def, namespaceFor(options, target), options.selectors).items
        : [getObject(inv.api, target.def, namespaceFor(options, target), name)],
    )
    printGeneric(options, targets, objects, output)
  }
  if (errors.length > 0) throw new KubectlError(errors.join('\n'))
  return 0
}

/** Discovery, then the types; -A with names is refused as the builder refuses it. */
export function resolveTargetsAfterDiscovery(options: GetOptions, split: TargetArgs): Target[] {
  options.invocation.api.discover()
  const targets = resolveTargets(split)
  if (options.allNamespaces && targets.some((t) => t.names.length > 0))
    throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces')
  return targets
}

export function namespaceFor(options: GetOptions, target: Target): string | undefined {
  if (!target.def.namespaced) return undefined
  return options.allNamespaces ? undefined : options.invocation.namespace
}

function fetchEach<T>(
  options: GetOptions,
  targets: Target[],
  errors: string[],
  fetch: (target: Target, name: string | undefined) => T,
): Fetched<T>[] {
  const results: Fetched<T>[] = []
  for (const target of targets) {
    const names = target.names.length === 0 ? [undefined] : target.names
    for (const name of names) {
      try {
        results.push({ target, value: fetch(target, name) })
      } catch (error) {
        if (!(error instanceof KubectlError) || error.refused) throw error
        if (options.ignoreNotFound && error.text.includes('(NotFound)')) continue
        if (!errors.includes(error.text)) errors.push(error.text)
      }
    }
  }
  return results
}

function printTables(
  options: GetOptions,
  tables: Fetched<Table>[],
  wide: boolean,
  errors: string[],
): void {
  const withKind = options.showKind || new Set(tables.map((t) => t.target.def)).size > 1
  const writer = new TabWriter(GET_TABS)
  let out = ''
  // get.go's separatorWriter: a blank line before the next type's output, if it prints any.
  let separatorReady = false
  const emit = (text: string): void => {
    if (text === '') return
    if (separatorReady) out += '\n'
    separatorReady = false
    out += text
  }
  let printer: TablePrinter | undefined
  let last: Target['def'] | undefined
  for (const { target, value } of tables) {
    if (printer === undefined || last !== target.def) {
      emit(writer.flush())
      writer.resetWidths()
      if (last !== undefined && !options.noHeaders && out !== '') separatorReady = true
      printer = new TablePrinter({
        wide,
        noHeaders: options.noHeaders,
        withNamespace: options.allNamespaces && target.def.namespaced,
        ...(withKind ? { kind: kindName(target) } : {}),
        showLabels: options.showLabels,
        labelColumns: options.labelColumns,
      })
      last = target.def
    }
    writer.write(printer.print(options.sortBy ? sortTable(value, options.sortBy) : value))
  }
  emit(writer.flush())
  options.invocation.io.out(out)
  if (out === '' && errors.length === 0 && !options.ignoreNotFound) noResources(options, tables)
}

/** "deployment.apps", "pod": the kind prefix of names when several kinds are printed. */
function kindName(target: Target): string {
  const kind = target.def.kind.toLowerCase()
  return target.def.group === '' ? kind : `${kind}.${target.def.group}`
}

function noResources(options: GetOptions, fetched: Fetched<unknown>[]): void {
  const namespaced = !options.allNamespaces && fetched.every((f) => f.target.def.namespaced)
  options.invocation.io.err(
    namespaced
      ? `No resources found in ${options.invocation.namespace} namespace.\n`
      : 'No resources found\n',
  )
}

/** printGeneric: one object alone for `get TYPE NAME`, else a List (empty or not). */
function printGeneric(
  options: GetOptions,
  targets: Target[],
  fetched: Fetched<KubeObject[]>[],
  output: Exclude<Output, { kind: 'table' }>,
): void {
  let objects = fetched.flatMap((f) => f.value)
  if (options.sortBy) objects = sortObjects(objects, options.sortBy)
  const single = targets.length === 1 && targets[0]!.names.length === 1
  if (single && objects.length === 0) return
  options.invocation.io.out(printObjects(objects, output, single, options.noHeaders))
}
