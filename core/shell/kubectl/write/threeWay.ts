/**
 * kubectl apply's three-way strategic merge patch (strategicpatch.CreateThreeWayMergePatch),
 * reduced to what the lab's API server needs:
 *
 * 1. A field in the last-applied configuration (original) that the new manifest (modified) no
 *    longer has is deleted (null), if the live object (current) still has it.
 * 2. A field of the manifest that differs from the live object is set; maps recurse, so fields
 *    the server or other clients added stay.
 * 3. Lists with a merge key (containers by name, ports by containerPort/port…) are merged element
 *    by element; an element dropped from the manifest is removed with `$patch: delete`. Other
 *    lists are replaced whole when they differ.
 * 4. Nothing to change gives {}: apply then prints "unchanged" and sends no PATCH.
 *
 * The real patch also carries `$setElementOrder` directives to keep the manifest's list order;
 * the lab's server ignores them, so they are left out.
 */
import { deepEqual } from '../../../api/objects'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonMap = { [key: string]: Json }

/** The patchMergeKey of lists, as in k8s.io/api's struct tags (KUBECTL-WIRE.md P13). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  hostAliases: 'ip',
}

function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function mergeKeyOf(key: string, path: readonly string[]): string | undefined {
  if (key === 'ports') return path.includes('containers') ? 'containerPort' : 'port'
  return MERGE_KEYS[key]
}

export function threeWayPatch(original: unknown, modified: unknown, current: unknown): JsonMap {
  return diffMaps(
    isMap(original) ? original : undefined,
    isMap(modified) ? modified : {},
    isMap(current) ? current : {},
    [],
  )
}

function diffMaps(
  original: JsonMap | undefined,
  modified: JsonMap,
  current: JsonMap,
  path: readonly string[],
): JsonMap {
  const patch: JsonMap = {}
  for (const key of Object.keys(original ?? {})) {
    if (!(key in modified) && key in current) patch[key] = null
  }
  for (const [key, wanted] of Object.entries(modified)) {
    // A null in a manifest (creationTimestamp: null from `--dry-run -o yaml`) asks for nothing.
    if (wanted === null) continue
    const live = current[key]
    const before = original?.[key]
    if (isMap(wanted) && isMap(live)) {
      const sub = diffMaps(isMap(before) ? before : undefined, wanted, live, [...path, key])
      if (Object.keys(sub).length > 0) patch[key] = sub
      continue
    }
    const mergeKey = mergeKeyOf(key, path)
    if (mergeKey !== undefined && Array.isArray(wanted) && Array.isArray(live)) {
      const before_ = Array.isArray(before) ? before : []
      const sub = diffLists(before_, wanted, live, mergeKey, [...path, key])
      if (sub.length > 0) patch[key] = sub
      continue
    }
    if (!deepEqual(wanted, live)) patch[key] = wanted
  }
  return patch
}

function diffLists(
  original: Json[],
  modified: Json[],
  current: Json[],
  mergeKey: string,
  path: readonly string[],
): Json[] {
  const find = (list: Json[], id: Json | undefined): JsonMap | undefined =>
    list.find((item): item is JsonMap => isMap(item) && item[mergeKey] === id)
  const patch: Json[] = []
  for (const item of modified) {
    if (!isMap(item)) continue
    const id = item[mergeKey]
    const live = find(current, id)
    if (live === undefined) {
      patch.push(item)
      continue
    }
    const sub = diffMaps(find(original, id), item, live, path)
    if (Object.keys(sub).length > 0) patch.push({ ...sub, [mergeKey]: id ?? null })
  }
  for (const item of original) {
    if (!isMap(item)) continue
    const id = item[mergeKey]
    if (find(modified, id) === undefined && find(current, id) !== undefined)
      patch.push({ $patch: 'delete', [mergeKey]: id ?? null })
  }
  return patch
}

/** json.Marshal of an unstructured object: keys sorted, no spaces. */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`
  if (isMap(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson(value[k])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value ?? null)
}
