/**
 * PATCH bodies: JSON merge patch (RFC 7386), strategic merge patch (Kubernetes' own, with the
 * merge keys of KUBECTL-WIRE.md P13) and JSON patch (RFC 6902).
 */
import type { KubeObject } from '../api/types'

export type PatchType = 'merge' | 'strategic' | 'json'

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/json-patch+json': 'json',
}

/** Lists merged element by element, by this key (patchMergeKey); other lists are replaced. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  conditions: 'type',
  ownerReferences: 'uid',
  finalizers: '',
}
const PORT_KEYS: Record<string, string> = { ports: 'containerPort' }

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function applyPatch(target: KubeObject, patch: unknown, type: PatchType): KubeObject {
  if (type === 'json') return jsonPatch(target, patch) as KubeObject
  if (!isObject(patch)) throw new Error('patch body must be a JSON object')
  return (type === 'merge'
    ? mergePatch(target as unknown as Json, patch)
    : strategicMerge(target as unknown as Json, patch, [])) as unknown as KubeObject
}

function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch
  const out: Record<string, Json> = isObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key]
    else out[key] = mergePatch(out[key] ?? null, value)
  }
  return out
}

function strategicMerge(target: Json, patch: Json, path: string[]): Json {
  if (!isObject(patch)) return patch
  if (patch['$patch'] === 'replace') {
    const { $patch: _p, ...rest } = patch
    return rest
  }
  const out: Record<string, Json> = isObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/') || key === '$retainKeys') continue
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const listKey = key.slice('$deleteFromPrimitiveList/'.length)
      const remove = new Set((value as Json[]).map((v) => JSON.stringify(v)))
      out[listKey] = ((out[listKey] as Json[] | undefined) ?? []).filter(
        (v) => !remove.has(JSON.stringify(v)),
      )
      continue
    }
    if (value === null) delete out[key]
    else if (Array.isArray(value))
      out[key] = mergeList(key, path, (out[key] as Json[] | undefined) ?? [], value)
    else out[key] = strategicMerge(out[key] ?? null, value, [...path, key])
  }
  return out
}

function mergeKeyFor(key: string, path: string[]): string | undefined {
  // Container ports merge on containerPort; Service ports on port.
  if (key === 'ports')
    return path.includes('containers') || path.includes('initContainers')
      ? PORT_KEYS['ports']
      : 'port'
  return MERGE_KEYS[key]
}

function mergeList(key: string, path: string[], target: Json[], patch: Json[]): Json[] {
  const mergeKey = mergeKeyFor(key, path)
  if (mergeKey === undefined) return patch
  if (mergeKey === '')
    return [
      ...target,
      ...patch.filter((p) => !target.some((t) => JSON.stringify(t) === JSON.stringify(p))),
    ]
  const out = [...target]
  for (const item of patch) {
    if (!isObject(item)) continue
    const index = out.findIndex((t) => isObject(t) && t[mergeKey] === item[mergeKey])
    if (item['$patch'] === 'delete') {
      if (index >= 0) out.splice(index, 1)
    } else if (index >= 0) out[index] = strategicMerge(out[index]!, item, [...path, key])
    else out.push(strategicMerge({}, item, [...path, key]))
  }
  return out
}

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy'
  path: string
  value?: Json
  from?: string
}

function jsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new Error('json patch must be an array of operations')
  let doc = JSON.parse(JSON.stringify(target)) as Json
  for (const op of patch as JsonPatchOp[]) doc = applyOp(doc, op)
  return doc
}

function pointer(path: string): string[] {
  if (path === '') return []
  if (!path.startsWith('/')) throw new Error(`invalid JSON pointer ${JSON.stringify(path)}`)
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function applyOp(doc: Json, op: JsonPatchOp): Json {
  const parts = pointer(op.path)
  const last = parts.pop()
  let parent: Json = doc
  for (const part of parts) {
    parent = Array.isArray(parent) ? parent[Number(part)]! : isObject(parent) ? parent[part]! : null
    if (parent === undefined || parent === null) throw new Error(`doc is missing path: ${op.path}`)
  }
  if (last === undefined) return op.value ?? null
  const container = parent as Record<string, Json> | Json[]
  const index = Array.isArray(container) ? (last === '-' ? container.length : Number(last)) : -1
  switch (op.op) {
    case 'add':
      if (Array.isArray(container)) container.splice(index, 0, op.value ?? null)
      else container[last] = op.value ?? null
      break
    case 'replace':
      if (Array.isArray(container)) container[index] = op.value ?? null
      else {
        if (!(last in container))
          throw new Error(`replace operation does not apply: doc is missing key: ${op.path}`)
        container[last] = op.value ?? null
      }
      break
    case 'remove':
      if (Array.isArray(container)) container.splice(index, 1)
      else {
        if (!(last in container))
          throw new Error(`remove operation does not apply: doc is missing path: ${op.path}`)
        delete container[last]
      }
      break
    case 'test': {
      const actual = Array.isArray(container) ? container[index] : container[last]
      if (JSON.stringify(actual) !== JSON.stringify(op.value))
        throw new Error(`testing value ${op.path} failed`)
      break
    }
    default:
      throw new Error(`unsupported json patch operation ${JSON.stringify(op.op)}`)
  }
  return doc
}
