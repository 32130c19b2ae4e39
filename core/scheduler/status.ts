/**
 * The result of running a plugin (framework.Status in pkg/scheduler/framework/interface.go).
 *
 * A plugin returns `null` for Success: the filter loop runs millions of times in a large
 * cluster, so success allocates nothing, and fixed rejections are shared constants.
 */

export type Code =
  | 'Success'
  | 'Error'
  | 'Unschedulable'
  | 'UnschedulableAndUnresolvable'
  | 'Wait'
  | 'Skip'
  | 'Pending'

export class Status {
  constructor(
    readonly code: Code,
    /** The reasons, each counted once per node in the FitError histogram. */
    readonly reasons: readonly string[],
    /** The plugin that returned it. */
    readonly plugin: string,
  ) {}

  /** Reasons joined as Status.Message() does ("Insufficient cpu, Insufficient memory"). */
  get message(): string {
    return this.reasons.join(', ')
  }

  /** Unschedulable or UnschedulableAndUnresolvable: the pod does not fit, it is not an error. */
  get isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable'
  }
}

export function unschedulable(plugin: string, ...reasons: string[]): Status {
  return new Status('Unschedulable', reasons, plugin)
}

export function unresolvable(plugin: string, ...reasons: string[]): Status {
  return new Status('UnschedulableAndUnresolvable', reasons, plugin)
}

export function errorStatus(plugin: string, message: string): Status {
  return new Status('Error', [message], plugin)
}

export function skip(plugin: string): Status {
  return new Status('Skip', [], plugin)
}

/** A status as plain data, for the "why?" details and tests. */
export interface StatusData {
  plugin: string
  code: Code
  reasons: string[]
}

export function statusData(status: Status): StatusData {
  return { plugin: status.plugin, code: status.code, reasons: [...status.reasons] }
}
