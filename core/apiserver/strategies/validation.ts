/** Validation shared by kinds: names, labels, containers (k8s.io/apimachinery validation texts). */
import type { Container, ObjectMeta } from '../../api/types'
import { field, type FieldError } from '../status'

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

export const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
export const DNS1123_LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

export function validateSubdomain(path: string, value: string): FieldError[] {
  if (value.length > 253) return [field.invalid(path, value, 'must be no more than 253 characters')]
  return DNS1123_SUBDOMAIN.test(value)
    ? []
    : [field.invalid(path, value, DNS1123_SUBDOMAIN_MESSAGE)]
}

export function validateLabel(path: string, value: string): FieldError[] {
  if (value.length > 63) return [field.invalid(path, value, 'must be no more than 63 characters')]
  return DNS1123_LABEL.test(value) ? [] : [field.invalid(path, value, DNS1123_LABEL_MESSAGE)]
}

/** metadata.name (already generated from generateName when that was given). */
export function validateObjectName(meta: ObjectMeta, asLabel = false): FieldError[] {
  if (meta.name === undefined || meta.name === '') {
    return [field.required('metadata.name', 'name or generateName is required')]
  }
  return asLabel
    ? validateLabel('metadata.name', meta.name)
    : validateSubdomain('metadata.name', meta.name)
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

export function validateLabels(
  path: string,
  labels: Record<string, string> | undefined,
): FieldError[] {
  const errors: FieldError[] = []
  for (const value of Object.values(labels ?? {})) {
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      errors.push(
        field.invalid(
          path,
          value,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
      )
    }
  }
  return errors
}

export function validateContainers(
  path: string,
  containers: Container[] | undefined,
): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0) return [field.required(path, '')]
  const errors: FieldError[] = []
  const names = new Set<string>()
  containers.forEach((c, i) => {
    const at = `${path}[${i}]`
    if (typeof c.name !== 'string' || c.name === '') errors.push(field.required(`${at}.name`, ''))
    else {
      errors.push(...validateLabel(`${at}.name`, c.name))
      if (names.has(c.name)) errors.push(field.duplicate(`${at}.name`, c.name))
      names.add(c.name)
    }
    if (typeof c.image !== 'string' || c.image.trim() === '')
      errors.push(field.required(`${at}.image`, ''))
    ;(c.ports ?? []).forEach((p, j) => {
      if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535) {
        errors.push(
          field.invalid(
            `${at}.ports[${j}].containerPort`,
            p.containerPort,
            'must be between 1 and 65535, inclusive',
          ),
        )
      }
    })
  })
  return errors
}
