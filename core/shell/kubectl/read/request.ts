/**
 * The requests the read verbs send, with the Accept headers kubectl sends (KUBECTL-WIRE.md §2):
 * a Table for human-readable `get`, plain JSON otherwise.
 */
import type { KubeObject } from '../../../api/types'
import type { ResourceDef } from '../../../apiserver/resources'
import type { Table } from '../../../apiserver/tables/table'
import type { KubectlApi } from '../api'
import { resourcePath } from '../resources'

export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'
const JSON_ACCEPT = 'application/json'
/** The page size kubectl asks for (--chunk-size default). */
export const CHUNK = '500'

export interface Selectors {
  labelSelector?: string | undefined
  fieldSelector?: string | undefined
}

function selectorQuery(selectors: Selectors): Record<string, string> {
  return {
    ...(selectors.labelSelector ? { labelSelector: selectors.labelSelector } : {}),
    ...(selectors.fieldSelector ? { fieldSelector: selectors.fieldSelector } : {}),
  }
}

export function getObject<T extends KubeObject = KubeObject>(
  api: KubectlApi,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
): T {
  return api.request({
    method: 'GET',
    path: resourcePath(def, namespace, name),
    headers: { accept: JSON_ACCEPT },
  }).body as T
}

export function listObjects<T extends KubeObject = KubeObject>(
  api: KubectlApi,
  def: ResourceDef,
  namespace: string | undefined,
  selectors: Selectors = {},
): { items: T[]; resourceVersion: string } {
  const body = api.request({
    method: 'GET',
    path: resourcePath(def, namespace),
    query: { ...selectorQuery(selectors), limit: CHUNK },
    headers: { accept: JSON_ACCEPT },
  }).body as { items: T[]; metadata: { resourceVersion: string } }
  return { items: body.items, resourceVersion: body.metadata.resourceVersion }
}

/** A server-side Table of a collection, or of one object when `name` is given. */
export function getTable(
  api: KubectlApi,
  def: ResourceDef,
  namespace: string | undefined,
  name: string | undefined,
  selectors: Selectors,
  includeObject: 'Metadata' | 'Object' = 'Metadata',
): Table {
  const query = {
    ...(name === undefined ? { ...selectorQuery(selectors), limit: CHUNK } : {}),
    ...(includeObject === 'Object' ? { includeObject } : {}),
  }
  return api.request({
    method: 'GET',
    path: resourcePath(def, namespace, name),
    query,
    headers: { accept: TABLE_ACCEPT },
  }).body as Table
}
