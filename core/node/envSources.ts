/**
 * Where the kubelet reads what a container's environment refers to (containerEnv.ts): the
 * Services from an informer, as the kubelet's service lister does, and ConfigMaps and Secrets
 * from the API server when a container is created. The real kubelet keeps a watch on each
 * ConfigMap and Secret its pods use; a GET at creation sees the same object, one request later.
 */
import { milliValueOrZero } from '../api/quantity'
import type { ConfigMap, ResourceList, Secret, Service } from '../api/types'
import { base64Decode } from '../apiserver/strategies/base64'
import type { ApiClient } from '../client/client'
import { Informer } from '../client/informer'
import type { Clock } from '../clock'
import { EnvSourceError, type EnvSources, type SourceKind } from './containerEnv'

export class KubeletEnvSources implements EnvSources {
  private informer: Informer<Service> | undefined

  constructor(
    private readonly clock: Clock,
    private readonly client: ApiClient,
    private readonly allocatable: () => ResourceList,
  ) {}

  start(): void {
    this.informer = new Informer<Service>(this.clock, this.client, 'services')
    this.informer.start()
  }

  stop(): void {
    this.informer?.stop()
    this.informer = undefined
  }

  services(): readonly Service[] {
    return this.informer?.list() ?? []
  }

  data(kind: SourceKind, namespace: string, name: string): Record<string, string> | undefined {
    if (kind === 'configmap') {
      const configMap = this.read<ConfigMap>('configmaps', kind, namespace, name)
      // A ConfigMap without data exists all the same: it has no keys.
      return configMap === undefined ? undefined : (configMap.data ?? {})
    }
    const secret = this.read<Secret>('secrets', kind, namespace, name)
    if (secret === undefined) return undefined
    const data = Object.entries(secret.data ?? {})
    return Object.fromEntries(data.map(([key, value]) => [key, base64Decode(value) ?? '']))
  }

  allocatableMilli(): { cpu: number; memory: number } {
    const list = this.allocatable()
    return { cpu: milliValueOrZero(list['cpu']), memory: milliValueOrZero(list['memory']) }
  }

  /** The object, undefined when it does not exist; the kubelet's cache error when unreachable. */
  private read<T extends ConfigMap | Secret>(
    resource: 'configmaps' | 'secrets',
    kind: string,
    namespace: string,
    name: string,
  ): T | undefined {
    try {
      return this.client.find<T>(resource, namespace, name)
    } catch {
      throw new EnvSourceError(`failed to sync ${kind} cache: timed out waiting for the condition`)
    }
  }
}
