/** What the observer tests read off a simulation's event stream. */
import type { Pod } from '../../../core/api/types'
import type { KubeSummary, LogLine, SimulationEvent } from '../../../core/protocol'
import type { SimTest } from '../../support/sim'

export type KubeChanged = Extract<SimulationEvent, { kind: 'kube/changed' }>

export const kubeBatches = (events: readonly SimulationEvent[]): KubeChanged[] =>
  events.filter((e): e is KubeChanged => e.kind === 'kube/changed')

export const appendedLines = (events: readonly SimulationEvent[]): LogLine[] =>
  events.flatMap((e) => (e.kind === 'log/appended' ? e.lines : []))

/** The summaries of a fresh kube/list, by key. */
export function listed(t: SimTest): Map<string, KubeSummary> {
  const { items } = t.simulation.handle({ kind: 'kube/list' })
  return new Map(items.map((item) => [item.key, item]))
}

/** A bare pod in "default" with one container that requests `requests`. */
export function barePod(
  name: string,
  options: { requests?: Record<string, string>; nodeSelector?: Record<string, string> } = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          ...(options.requests === undefined ? {} : { resources: { requests: options.requests } }),
        },
      ],
      ...(options.nodeSelector === undefined ? {} : { nodeSelector: options.nodeSelector }),
    },
  }
}
