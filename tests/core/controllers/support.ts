/**
 * Test support for the controllers: a bare API server with kube-controller-manager on it, a
 * client that records the writes the controllers make (sample-controller's "actions"), and
 * small builders and stand-ins for the kubelet's and the scheduler's part.
 */
import { rfc3339 } from '../../../core/api/time'
import type { Deployment, Event, KubeObject, Node, Pod, ReplicaSet } from '../../../core/api/types'
import type { DeleteOptions } from '../../../core/apiserver/apiserver'
import type { PatchType } from '../../../core/apiserver/patch'
import { ApiClient, type ResourceName } from '../../../core/client/client'
import { EventRecorder } from '../../../core/client/events'
import type { ComponentContext } from '../../../core/components/component'
import type { ControllerEnv } from '../../../core/controllers/controller'
import { SharedInformers } from '../../../core/controllers/informers'
import {
  KubeControllerManager,
  type KubeControllerManagerOptions,
} from '../../../core/controllers/kubeControllerManager'
import { apiHarness, type ApiHarness } from '../../support/apiHarness'

/** An ApiClient that notes every write as "verb resource[/sub] namespace/name". */
export class RecordingClient extends ApiClient {
  readonly actions: string[] = []

  private note(verb: string, resource: string, namespace: string | undefined, name: string) {
    this.actions.push(
      `${verb} ${resource} ${namespace === undefined ? name : `${namespace}/${name}`}`,
    )
  }

  override finalizeNamespace(name: string, finalizers: string[]): KubeObject {
    const namespace = super.finalizeNamespace(name, finalizers)
    this.note('update', 'namespaces/finalize', undefined, name)
    return namespace
  }

  override create<T extends KubeObject>(
    resource: ResourceName,
    namespace: string | undefined,
    object: T,
  ): T {
    const created = super.create(resource, namespace, object)
    this.note('create', resource, created.metadata.namespace, created.metadata.name!)
    return created
  }

  override update<T extends KubeObject>(resource: ResourceName, object: T): T {
    const updated = super.update(resource, object)
    this.note('update', resource, object.metadata.namespace, object.metadata.name!)
    return updated
  }

  override updateStatus<T extends KubeObject>(resource: ResourceName, object: T): T {
    const updated = super.updateStatus(resource, object)
    this.note('update', `${resource}/status`, object.metadata.namespace, object.metadata.name!)
    return updated
  }

  override patch<T extends KubeObject>(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType = 'merge',
    subresource?: 'status',
  ): T {
    const patched = super.patch<T>(resource, namespace, name, patch, type, subresource)
    this.note('patch', subresource ? `${resource}/${subresource}` : resource, namespace, name)
    return patched
  }

  override delete(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    options?: DeleteOptions,
  ) {
    const result = super.delete(resource, namespace, name, options)
    this.note('delete', resource, namespace, name)
    return result
  }

  /** Writes other than Events, Leases and the lease's event, since an index. */
  writesSince(index: number): string[] {
    return this.actions.slice(index).filter((a) => !/ (events|leases) /.test(a))
  }
}

export interface Lab extends ApiHarness {
  /** What a learner's kubectl would use. */
  admin: ApiClient
  kcm: KubeControllerManager
  /** The controller manager's recording client. */
  recorder: RecordingClient
  context: ApiHarness['context']
  kcmContext: ComponentContext & { logs: string[] }
}

/** An API server with namespaces default/kube-system, kube-controller-manager started on cp-1. */
export function lab(seed = 1, options: KubeControllerManagerOptions = {}): Lab {
  const h = apiHarness({ seed })
  const recorder = new RecordingClient(
    h.client('kube-controller-manager').endpoint,
    'kube-controller-manager',
  )
  const kcmContext = { ...h.context('kube-controller-manager'), client: recorder }
  const kcm = new KubeControllerManager(kcmContext, options)
  kcm.start()
  return Object.assign(h, { admin: h.client('kubectl'), kcm, recorder, kcmContext })
}

/** Controllers built by hand on their own informers, for tests of one controller. */
export function controllerEnv(h: ApiHarness): ControllerEnv & { client: RecordingClient } {
  const client = new RecordingClient(
    h.client('kube-controller-manager').endpoint,
    'kube-controller-manager',
  )
  const context = { ...h.context('kube-controller-manager'), client }
  const informers = new SharedInformers(h.clock, client)
  return {
    context,
    informers,
    client,
    recorder: (component) => new EventRecorder(h.clock, client, { component }),
  }
}

export function deployment(
  name: string,
  replicas: number,
  image: string,
  extra: Partial<Deployment['spec']> = {},
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'nginx', image, ports: [{ name: 'http', containerPort: 80 }] }],
        },
      },
      ...extra,
    },
  }
}

export function node(
  name: string,
  extra: Partial<Node['spec']> = {},
  labels: Record<string, string> = {},
): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: { ...extra },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
  }
}

let ipSequence = 10

/** What the scheduler and kubelet would do: bind to a node, then Running, Ready, an IP. */
export function runPod(h: Lab, pod: Pod, nodeName?: string, ready = true): Pod {
  const { namespace, name } = pod.metadata
  if (nodeName !== undefined && !pod.spec.nodeName) h.admin.bind(namespace!, name!, nodeName)
  const now = rfc3339(h.clock.nowMs)
  const status = {
    phase: 'Running',
    podIP: pod.status?.podIP ?? `10.244.1.${ipSequence++}`,
    conditions: [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
    ],
  }
  return h.admin.patch<Pod>('pods', namespace, name!, { status }, 'merge', 'status')
}

export function pods(h: Lab, namespace = 'default', labelSelector = ''): Pod[] {
  return h.admin
    .list<Pod>('pods', namespace, { labelSelector })
    .items.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
}

/** "Reason: message" of the Events about an object, oldest first. */
export function events(h: Lab, name: string, namespace = 'default'): string[] {
  return h.admin
    .list<Event>('events', namespace)
    .items.filter((e) => e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.reason}: ${e.message}`)
}

export const NAME_SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/

/**
 * One round of what the scheduler and the kubelets would do: bind each new pod to a node
 * (round-robin), make it Running and Ready with an IP, and finish graceful deletions.
 */
export function kubeletRound(
  h: Lab,
  nodeNames = ['worker-1', 'worker-2'],
  namespace = 'default',
): void {
  let next = 0
  for (const pod of pods(h, namespace)) {
    if (pod.metadata.deletionTimestamp !== undefined) {
      h.admin.delete('pods', namespace, pod.metadata.name!, { gracePeriodSeconds: 0 })
    } else if (pod.status?.phase === 'Pending') {
      runPod(h, pod, nodeNames[next++ % nodeNames.length])
    }
  }
}

/** The ReplicaSets of namespace default, oldest first. */
export function replicaSets(h: Lab): ReplicaSet[] {
  return h.admin
    .list<ReplicaSet>('replicasets', 'default')
    .items.sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1))
}

export function getDeployment(h: Lab, name = 'web'): Deployment {
  return h.admin.get<Deployment>('deployments', 'default', name)
}

/** What `kubectl set image` changes. */
export function setImage(h: Lab, image: string, name = 'web'): void {
  const d = getDeployment(h, name)
  d.spec.template.spec.containers[0]!.image = image
  h.admin.update('deployments', d)
}

/** Lets the controllers act, then plays kubelet, `rounds` times, one virtual second apart. */
export function settle(h: Lab, rounds = 8): void {
  for (let i = 0; i < rounds; i++) {
    h.advance(0)
    kubeletRound(h)
    h.advance(1000)
  }
}
