/**
 * Records Kubernetes Events through the API, as client-go's EventRecorder does: a repeat of the
 * same (object, reason, message, source) raises `count` and `lastTimestamp` on the existing
 * Event instead of creating another. Events are best effort: when the API is unreachable they
 * are dropped, as a real component's would be once its buffer is gone.
 *
 * Like client-go's EventCorrelator, the recorder remembers the last 4096 distinct events (an LRU
 * cache, maxLruCacheEntries): a repeat of one it has forgotten creates a new Event. This also
 * bounds its memory: a kubelet starting thousands of pods does not keep a key per event forever.
 */
import { LAB_EPOCH_MS, rfc3339 } from '../api/time'
import type { Event, KubeObject } from '../api/types'
import type { Clock } from '../clock'
import type { ApiClient } from './client'

/** Events carry at most 1024 characters of message; longer ones end in " ...". */
export const EVENT_MESSAGE_LIMIT = 1024

export function truncateMessage(message: string): string {
  return message.length <= EVENT_MESSAGE_LIMIT
    ? message
    : `${message.slice(0, EVENT_MESSAGE_LIMIT - 4)} ...`
}

/** client-go's maxLruCacheEntries. */
export const EVENT_CACHE_ENTRIES = 4096

export interface EventSource {
  component: string
  host?: string
}

export class EventRecorder {
  private readonly seen = new Map<string, { name: string; namespace: string; count: number }>()
  private sequence = 0

  constructor(
    private readonly clock: Clock,
    private readonly client: ApiClient,
    private readonly source: EventSource,
  ) {}

  event(
    object: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    options: { fieldPath?: string; action?: string } = {},
  ): void {
    const text = truncateMessage(message)
    const namespace = object.metadata.namespace ?? 'default'
    const key = [
      object.metadata.uid,
      object.metadata.name,
      reason,
      text,
      options.fieldPath ?? '',
      this.source.component,
      this.source.host ?? '',
    ].join('\u0000')
    const now = rfc3339(this.clock.nowMs)
    try {
      const previous = this.seen.get(key)
      if (previous !== undefined) {
        // Most recently used last.
        this.seen.delete(key)
        this.seen.set(key, previous)
        previous.count++
        this.client.patch('events', previous.namespace, previous.name, {
          count: previous.count,
          lastTimestamp: now,
        })
        return
      }
      const name = `${object.metadata.name ?? 'unknown'}.${this.uniqueSuffix()}`
      const event: Event = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          kind: object.kind,
          namespace: object.metadata.namespace,
          name: object.metadata.name,
          uid: object.metadata.uid,
          apiVersion: object.apiVersion,
          resourceVersion: object.metadata.resourceVersion,
          ...(options.fieldPath === undefined ? {} : { fieldPath: options.fieldPath }),
        },
        reason,
        message: text,
        source: {
          component: this.source.component,
          ...(this.source.host === undefined ? {} : { host: this.source.host }),
        },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? '',
        ...(options.action === undefined ? {} : { action: options.action }),
      }
      this.client.create('events', namespace, event)
      this.seen.set(key, { name, namespace, count: 1 })
      if (this.seen.size > EVENT_CACHE_ENTRIES) this.seen.delete(this.seen.keys().next().value!)
    } catch {
      // Best effort: an unreachable API server or a deleted Event loses this occurrence.
      this.seen.delete(key)
    }
  }

  /** client-go names events "<object>.<UnixNano in hex>"; the sequence keeps them unique. */
  private uniqueSuffix(): string {
    const nanos =
      BigInt(LAB_EPOCH_MS + this.clock.nowMs) * 1_000_000n + BigInt(this.sequence++ % 1_000_000)
    return nanos.toString(16)
  }
}
