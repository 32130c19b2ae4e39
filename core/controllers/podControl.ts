/**
 * RealPodControl (pkg/controller/controller_utils.go): how ReplicaSets and DaemonSets create and
 * delete pods, with the Events a learner sees in `kubectl describe rs` and the causes the lab's
 * "why does this pod exist?" follows. Also slowStartBatch, the burst shape of creations.
 */
import { ownerReference } from '../api/objects'
import type { KubeObject, Pod, PodTemplateSpec } from '../api/types'
import type { EventRecorder } from '../client/events'
import type { ComponentContext } from '../components/component'
import { ApiError } from '../apiserver/status'
import { subjectOf } from './podUtil'

/** controller.SlowStartInitialBatchSize */
export const SLOW_START_INITIAL_BATCH_SIZE = 1

/**
 * Calls fn `count` times in batches of 1, 2, 4, 8, … and stops after the first batch in which a
 * call failed, so that a quota or admission failure costs one request, not five hundred.
 * Returns how many calls succeeded and the first error.
 */
export function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => void,
): { successes: number; batches: number[]; error?: unknown } {
  let remaining = count
  let successes = 0
  const batches: number[] = []
  for (let size = Math.min(remaining, initialBatchSize); size > 0;) {
    batches.push(size)
    let error: unknown
    let failed = false
    for (let i = 0; i < size; i++) {
      try {
        fn()
        successes++
      } catch (e) {
        if (!failed) error = e
        failed = true
      }
    }
    if (failed) return { successes, batches, error }
    remaining -= size
    size = Math.min(2 * size, remaining)
  }
  return { successes, batches }
}

/** The API refused a create because the namespace is being deleted (NamespaceTerminatingCause). */
export function isNamespaceTerminating(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.reason === 'Forbidden' &&
    (error.message.includes('because it is being terminated') ||
      (error.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating'))
  )
}

export class PodControl {
  constructor(
    private readonly context: ComponentContext,
    private readonly recorder: EventRecorder,
    /** "replicaset", "daemonset": the explain log says kube-controller-manager/<this>. */
    private readonly controller: string,
  ) {}

  /**
   * Creates one pod from a template, owned by `owner` (controller and blockOwnerDeletion true),
   * named by the API server from generateName "<owner>-". Returns the pod, or undefined when the
   * namespace is terminating (not an error: the namespace controller is removing everything).
   */
  createPod(template: PodTemplateSpec, owner: KubeObject, why: string): Pod | undefined {
    const namespace = owner.metadata.namespace!
    const pod = podFromTemplate(template, owner)
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) {
      throw new Error('unable to create pods, no labels')
    }
    let created: Pod
    try {
      created = this.context.client.create<Pod>('pods', namespace, pod)
    } catch (error) {
      if (isNamespaceTerminating(error)) return undefined
      const message = error instanceof Error ? error.message : String(error)
      this.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${message}`)
      throw error
    }
    const name = created.metadata.name!
    this.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`)
    this.context.explain.record({
      component: `kube-controller-manager/${this.controller}`,
      subject: `Pod ${namespace}/${name}`,
      code: 'SuccessfulCreate',
      summary: `${owner.kind} ${owner.metadata.name} created this pod: ${why}`,
      causedBy: subjectOf(owner),
    })
    return created
  }

  /** Deletes a pod of `owner` with default options (graceful for a pod on a node). */
  deletePod(pod: Pod, owner: KubeObject, why: string): void {
    const namespace = pod.metadata.namespace!
    const name = pod.metadata.name!
    try {
      this.context.client.delete('pods', namespace, name)
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'NotFound') throw error
      const message = error instanceof Error ? error.message : String(error)
      this.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${message}`)
      throw error
    }
    this.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`)
    this.context.explain.record({
      component: `kube-controller-manager/${this.controller}`,
      subject: `Pod ${namespace}/${name}`,
      code: 'SuccessfulDelete',
      summary: `${owner.kind} ${owner.metadata.name} deleted this pod: ${why}`,
      causedBy: subjectOf(owner),
    })
  }
}

/**
 * controller.GetPodFromTemplate: labels, annotations, finalizers and spec from the template.
 * The spec is shared with the template, not copied: the API server copies what it is given, and
 * a pod is built per create (one copy instead of two per pod, for clusters of 150 000 pods).
 */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject): Pod {
  const meta = template.metadata ?? {}
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace!,
      labels: { ...meta.labels },
      ownerReferences: [ownerReference(owner)],
    },
    spec: { ...template.spec },
  }
  if (Object.keys(meta.annotations ?? {}).length > 0)
    pod.metadata.annotations = { ...meta.annotations }
  if ((meta.finalizers ?? []).length > 0) pod.metadata.finalizers = [...meta.finalizers!]
  return pod
}
