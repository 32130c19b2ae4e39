/**
 * ControllerRefManager (pkg/controller/controller_ref_manager.go): which objects a controller
 * owns. It keeps those it controls whose labels still match its selector, adopts orphans that
 * match (a learner can create a bare pod with the right labels and watch a ReplicaSet take it,
 * then scale down), and releases those it controls that no longer match (relabel a pod and the
 * ReplicaSet lets it go and makes a new one).
 *
 * Invariants:
 * 1. An object controlled by someone else is never touched.
 * 2. A controller being deleted neither adopts nor releases.
 * 3. Adoption and release are strategic-merge patches of ownerReferences keyed by uid, so they
 *    never overwrite another owner's reference.
 */
import { selectorMatches } from '../api/labels'
import { controllerOf, ownerReference } from '../api/objects'
import type { KubeObject, LabelSelector } from '../api/types'
import type { ApiClient, ResourceName } from '../client/client'
import { ApiError } from '../apiserver/status'

export interface ClaimInput<T extends KubeObject> {
  client: ApiClient
  resource: ResourceName
  owner: KubeObject
  selector: LabelSelector
  /** Objects whose controller reference names the owner's uid. */
  owned: T[]
  /** Objects in the owner's namespace with no controller. */
  orphans: T[]
}

/** ClaimObjects: the objects the owner controls after adopting and releasing. */
export function claim<T extends KubeObject>(input: ClaimInput<T>): T[] {
  const { client, resource, owner, selector } = input
  const deleting = owner.metadata.deletionTimestamp !== undefined
  const claimed: T[] = []
  for (const object of input.owned) {
    if (controllerOf(object)?.uid !== owner.metadata.uid) continue
    if (selectorMatches(selector, object.metadata.labels)) claimed.push(object)
    else if (!deleting) ignoreNotFound(() => release(client, resource, object, owner))
  }
  if (deleting) return claimed
  for (const object of input.orphans) {
    if (controllerOf(object) !== undefined || object.metadata.deletionTimestamp !== undefined) {
      continue
    }
    if (object.metadata.namespace !== owner.metadata.namespace) continue
    if (!selectorMatches(selector, object.metadata.labels)) continue
    const adopted = ignoreNotFound(() => adopt(client, resource, object, owner))
    if (adopted !== undefined) claimed.push(adopted)
  }
  return claimed
}

export function adopt<T extends KubeObject>(
  client: ApiClient,
  resource: ResourceName,
  object: T,
  owner: KubeObject,
): T {
  const patch = {
    metadata: { ownerReferences: [ownerReference(owner)], uid: object.metadata.uid },
  }
  return client.patch<T>(
    resource,
    object.metadata.namespace,
    object.metadata.name!,
    patch,
    'strategic',
  )
}

export function release<T extends KubeObject>(
  client: ApiClient,
  resource: ResourceName,
  object: T,
  owner: KubeObject,
): T {
  return removeOwnerReferences(client, resource, object, [owner.metadata.uid!])
}

/** The garbage collector's and the ref manager's patch: drop references by owner uid. */
export function removeOwnerReferences<T extends KubeObject>(
  client: ApiClient,
  resource: ResourceName,
  object: T,
  ownerUids: string[],
): T {
  const patch = {
    metadata: {
      ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })),
      uid: object.metadata.uid,
    },
  }
  return client.patch<T>(
    resource,
    object.metadata.namespace,
    object.metadata.name!,
    patch,
    'strategic',
  )
}

function ignoreNotFound<R>(fn: () => R): R | undefined {
  try {
    return fn()
  } catch (error) {
    if (error instanceof ApiError && error.reason === 'NotFound') return undefined
    throw error
  }
}
