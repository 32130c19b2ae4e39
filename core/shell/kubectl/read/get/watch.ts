/**
 * `kubectl get -w` / `--watch-only` (get.go watch): the current state first (unless
 * --watch-only), then a row per watch event, through one tabwriter that remembers its column
 * widths so later rows stay under the headers.
 *
 * Invariants:
 * 1. The watch starts at the resourceVersion of the list just printed, so no change between
 *    the list and the watch is lost and none is printed twice (KUBECTL-WIRE.md §7).
 * 2. A row is rendered when its event arrives (its AGE is the age then), and printed at the
 *    next poll: what the learner sees is what kubectl would have printed meanwhile.
 * 3. When the API server ends the stream (its process stopped), the command ends with status
 *    0 and no message, as kubectl does (KUBECTL-WIRE.md P7).
 */
import type { WatchEvent } from '../../../../apiserver/apiserver'
import { ApiError } from '../../../../apiserver/status'
import { toTable } from '../../../../apiserver/tables/index'
import type { Table } from '../../../../apiserver/tables/table'
import type { CommandOutput } from '../../../command'
import { KubectlError, serverError } from '../../errors'
import { TablePrinter } from '../../print/table'
import { GET_TABS, TabWriter } from '../../print/tabWriter'
import { parseOutput, printValue, type Output } from '../output'
import { objectName } from '../../print/object'
import { getTable, listObjects } from '../request'
import type { TargetArgs } from '../targets'
import type { GetOptions } from './get'
import { namespaceFor, resolveTargetsAfterDiscovery } from './fetch'

export function startWatch(options: GetOptions, split: TargetArgs, watchOnly: boolean): number {
  const inv = options.invocation
  const targets = resolveTargetsAfterDiscovery(options, split)
  if (targets.length > 1 || (targets[0]?.names.length ?? 0) > 1)
    throw new KubectlError(
      'error: watch is only supported on individual resources and resource collections - more than 1 resource was found',
    )
  const target = targets[0]!
  const output = parseOutput(options.outputFlag)
  const namespace = namespaceFor(options, target)
  const name = target.names[0]
  const selectors = {
    labelSelector: options.selectors.labelSelector,
    fieldSelector: [options.selectors.fieldSelector, name && `metadata.name=${name}`]
      .filter(Boolean)
      .join(','),
  }
  const render = renderer(options, output, target.def.kind, target.def.namespaced)
  // The list's resourceVersion is where the watch starts; the Table is what -w prints first.
  const list = listObjects(inv.api, target.def, namespace, selectors)
  if (!watchOnly) {
    const table = getTable(inv.api, target.def, namespace, name, options.selectors)
    const first = render.initial(table, list.items)
    inv.io.out(first)
  }
  let pending = ''
  let ended = false
  let stop: () => void = () => undefined
  try {
    stop = inv.api.watch(
      target.def,
      namespace,
      selectors,
      list.resourceVersion,
      (event) => (pending += render.event(event, inv.context.host.nowMs())),
      () => (ended = true),
    )
  } catch (error) {
    if (error instanceof ApiError) throw serverError(error.status)
    throw error
  }
  inv.context.follow({
    poll(out: CommandOutput) {
      if (pending !== '') out.out(pending)
      pending = ''
      if (!ended) return undefined
      stop()
      return 0
    },
    interrupt() {
      stop()
    },
  })
  return 0
}

interface Renderer {
  initial(table: Table, objects: unknown[]): string
  event(event: WatchEvent, nowMs: number): string
}

function renderer(
  options: GetOptions,
  output: Output,
  kind: string,
  namespaced: boolean,
): Renderer {
  if (output.kind === 'table') {
    const writer = new TabWriter(GET_TABS)
    const printer = new TablePrinter({
      wide: output.wide,
      noHeaders: options.noHeaders,
      withNamespace: options.allNamespaces && namespaced,
      showLabels: options.showLabels,
      labelColumns: options.labelColumns,
    })
    const print = (table: Table): string => {
      writer.write(printer.print(table))
      return writer.flush()
    }
    return {
      initial: (table) => print(table),
      event: (event, nowMs) => print(toTable(kind, [event.object], { nowMs })),
    }
  }
  let count = 0
  const one = (object: unknown): string => {
    if (output.kind === 'name') return `${objectName(object as { kind?: string })}\n`
    if (output.kind === 'custom-columns') return ''
    // The YAML printer separates documents after the first with "---".
    const separator = output.kind === 'yaml' && count++ > 0 ? '---\n' : ''
    return separator + printValue(object, output)
  }
  return {
    initial: (_table, objects) => objects.map(one).join(''),
    event: (event) => one(event.object),
  }
}
