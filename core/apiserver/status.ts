/**
 * The API server's errors, as metav1.Status objects with the real reasons, codes and messages
 * (k8s.io/apimachinery/pkg/api/errors; FIDELITY.md §2.3, §7.4; KUBECTL-WIRE.md §5.11).
 */

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Timeout'
  | 'Expired'
  | 'TooManyRequests'
  | 'ServiceUnavailable'
  | 'Forbidden'
  | ''

export interface StatusCause {
  reason: string
  message: string
  field: string
}

export interface Status {
  kind: 'Status'
  apiVersion: 'v1'
  metadata: Record<string, never>
  status: 'Failure' | 'Success'
  message?: string
  reason?: StatusReason
  details?: {
    name?: string
    group?: string
    kind?: string
    uid?: string
    causes?: StatusCause[]
    retryAfterSeconds?: number
  }
  code: number
}

/** An error the API server answers with. `status` is the body; `status.code` the HTTP code. */
export class ApiError extends Error {
  /** Virtual time the client waited before getting this error (a timeout takes seconds). */
  waitedMs = 0

  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'error')
    this.name = 'ApiError'
  }
  get code(): number {
    return this.status.code
  }
  get reason(): StatusReason {
    return this.status.reason ?? ''
  }
}

/** "pods" or "deployments.apps": a group-qualified resource, as errors name it. */
export function qualifiedResource(resource: string, group: string): string {
  return group === '' ? resource : `${resource}.${group}`
}

function failure(
  code: number,
  reason: StatusReason,
  message: string,
  details?: Status['details'],
): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason === '' ? {} : { reason }),
    ...(details === undefined ? {} : { details }),
    code,
  })
}

export const errors = {
  notFound: (resource: string, group: string, name: string) =>
    failure(404, 'NotFound', `${qualifiedResource(resource, group)} "${name}" not found`, {
      name,
      ...(group === '' ? {} : { group }),
      kind: resource,
    }),
  alreadyExists: (resource: string, group: string, name: string) =>
    failure(
      409,
      'AlreadyExists',
      `${qualifiedResource(resource, group)} "${name}" already exists`,
      {
        name,
        ...(group === '' ? {} : { group }),
        kind: resource,
      },
    ),
  conflict: (resource: string, group: string, name: string) =>
    failure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, ...(group === '' ? {} : { group }), kind: resource },
    ),
  /** An Invalid error: `Kind "name" is invalid: <field errors>` (FIDELITY.md §2.3). */
  invalid: (kind: string, group: string, name: string, causes: FieldError[]) =>
    failure(
      422,
      'Invalid',
      `${qualifiedResource(kind, group)} "${name}" is invalid: ${aggregate(causes)}`,
      {
        name,
        ...(group === '' ? {} : { group }),
        kind,
        causes: causes.map((c) => ({ reason: c.type, message: c.body(), field: c.field })),
      },
    ),
  badRequest: (message: string) => failure(400, 'BadRequest', message),
  methodNotAllowed: (method: string, resource: string) =>
    failure(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource (${method.toLowerCase()} ${resource})`,
    ),
  notFoundPath: () => failure(404, 'NotFound', 'the server could not find the requested resource'),
  internal: (message: string) =>
    failure(500, 'InternalError', `Internal error occurred: ${message}`),
  /** A raw storage error (etcd) reaches the client with no reason (FIDELITY.md §7.4). */
  storage: (message: string) => failure(500, '', message),
  timeout: () =>
    failure(
      504,
      'Timeout',
      'Timeout: request did not complete within requested timeout - context deadline exceeded',
    ),
  expired: (message: string) => failure(410, 'Expired', message),
  tooManyRequests: (message: string, retryAfterSeconds: number) =>
    failure(429, 'TooManyRequests', message, { retryAfterSeconds }),
  forbidden: (resource: string, group: string, name: string, message: string) =>
    failure(
      403,
      'Forbidden',
      `${qualifiedResource(resource, group)} "${name}" is forbidden: ${message}`,
      {
        name,
        kind: resource,
      },
    ),
}

export function success(details: Status['details']): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    ...(details ? { details } : {}),
    code: 200,
  }
}

/** Field error types and their texts (k8s.io/apimachinery/pkg/util/validation/field). */
export type FieldErrorType =
  | 'FieldValueInvalid'
  | 'FieldValueRequired'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueNotSupported'

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotSupported: 'Unsupported value',
}

export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly detail: string,
    readonly value?: unknown,
    readonly hasValue = false,
  ) {}

  /** "<Type>: <value>: <detail>", value omitted for Required and Forbidden. */
  body(): string {
    const parts = [TYPE_TEXT[this.type]]
    if (
      this.hasValue &&
      this.type !== 'FieldValueRequired' &&
      this.type !== 'FieldValueForbidden'
    ) {
      parts.push(goValue(this.value))
    }
    if (this.detail !== '') parts.push(this.detail)
    return parts.join(': ')
  }

  toString(): string {
    return `${this.field}: ${this.body()}`
  }
}

/** A value already written the way Go's %#v prints it, e.g. map[string]string{"app":"web"}. */
export class GoLiteral {
  constructor(readonly text: string) {}
}

/** Go's %#v of a map[string]string, keys sorted as fmt prints maps. */
export function goStringMap(map: Record<string, string> | undefined): GoLiteral {
  const entries = Object.keys(map ?? {})
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(map![k])}`)
  return new GoLiteral(`map[string]string{${entries.join(', ')}}`)
}

export const field = {
  invalid: (path: string, value: unknown, detail: string) =>
    new FieldError('FieldValueInvalid', path, detail, value, true),
  required: (path: string, detail = '') => new FieldError('FieldValueRequired', path, detail),
  forbidden: (path: string, detail: string) => new FieldError('FieldValueForbidden', path, detail),
  duplicate: (path: string, value: unknown) =>
    new FieldError('FieldValueDuplicate', path, '', value, true),
  notSupported: (path: string, value: unknown, supported: string[]) =>
    new FieldError(
      'FieldValueNotSupported',
      path,
      `supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
      value,
      true,
    ),
}

/** utilerrors.NewAggregate: one message alone, several in brackets. */
function aggregate(causes: FieldError[]): string {
  const messages = [...new Set(causes.map((c) => c.toString()))]
  return messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`
}

/** How Go's %v / %q print a field value in an error: strings quoted, numbers bare. */
function goValue(value: unknown): string {
  if (value instanceof GoLiteral) return value.text
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
