/**
 * The flags every changing verb shares (--dry-run, -o) and the line each prints per object:
 * "deployment.apps/web created", "… created (dry run)", or the object itself with -o yaml.
 */
import { clientError } from '../errors'
import type { FlagSpec } from '../flags'
import { formatObject, formatObjects, objectName, type ObjectFormat } from '../print/object'
import type { Invocation } from '../verb'

export type DryRun = 'none' | 'client' | 'server'

export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', default: 'none' }
export const OUTPUT_FLAG: FlagSpec = { name: 'output', short: 'o', type: 'string' }

interface Named {
  apiVersion?: string
  kind?: string
  metadata?: { name?: string }
}

/** --dry-run, checked as kubectl's GetDryRunStrategy does. */
export function dryRunOf(inv: Invocation): DryRun {
  const value = inv.flags.string('dry-run') ?? 'none'
  if (value === 'none' || value === 'client' || value === 'server') return value
  if (value === 'unchanged') return 'client'
  throw clientError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`)
}

/** The suffix kubectl's printers add to the operation under --dry-run. */
export function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
}

const ALLOWED_FORMATS =
  'json,jsonpath,jsonpath-as-json,jsonpath-file,name,go-template,go-template-file,template,templatefile,yaml'

/** -o, or undefined when the verb should print its "created" lines. */
export function outputOf(inv: Invocation): ObjectFormat | undefined {
  const value = inv.flags.string('output')
  if (value === undefined || value === '') return undefined
  if (value === 'yaml' || value === 'json' || value === 'name') return value
  throw clientError(
    `unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED_FORMATS}`,
  )
}

/**
 * Prints what happened to one object: "deployment.apps/web created (dry run)", or with -o the
 * object itself (-o name prints the name alone, without the operation).
 */
export function report(inv: Invocation, object: Named, operation: string, dryRun: DryRun): void {
  const format = outputOf(inv)
  if (format !== undefined) {
    inv.io.out(formatObject(plain(object), format))
    return
  }
  inv.io.out(`${objectName(object)} ${operation}${dryRunSuffix(dryRun)}\n`)
}

/** apply and create -f print the objects together at the end under -o (a List for several). */
export function printAll(inv: Invocation, objects: readonly Named[]): void {
  const format = outputOf(inv)
  if (format === undefined || objects.length === 0) return
  if (format === 'name' || objects.length === 1) {
    inv.io.out(formatObjects(objects.map(plain), format))
    return
  }
  // Unlike `get`, apply's List has an empty metadata.
  const list = { apiVersion: 'v1', items: objects.map(plain), kind: 'List', metadata: {} }
  inv.io.out(formatObject(list as Named, format))
}

/**
 * A copy without shared parts: generators reuse one labels map for the selector and the template,
 * which the YAML printer would otherwise write as an anchor and an alias (&a1, *a1).
 */
function plain<T>(object: T): T {
  return JSON.parse(JSON.stringify(object)) as T
}
