import { describe, expect, it } from 'vitest'
import { workloadsGraph } from '../../renderer/src/workloads/elements'
import { DEFAULT_FILTER } from '../../renderer/src/workloads/model'
import { move, navGraph, type NavKey } from '../../renderer/src/workloads/navigation'
import { englishText, RS, webCluster, WEB_PODS } from './workloadsFixtures'

const nav = navGraph(workloadsGraph(webCluster(), DEFAULT_FILTER, englishText()).elements)
const walk = (from: string | undefined, ...keys: NavKey[]): string | undefined =>
  keys.reduce((at, key) => move(nav, at, key), from)
const P = (i: number) => `Pod/default/${WEB_PODS[i]}`

describe('workloads keyboard navigation', () => {
  it('starts at the first workload, whatever the key', () => {
    expect(walk(undefined, 'ArrowDown')).toBe('Deployment/default/web')
    expect(walk('Pod/default/gone', 'ArrowLeft')).toBe('Deployment/default/web')
  })

  it('moves up and down a column in row order, and stops at its ends', () => {
    expect(walk('Deployment/default/web', 'ArrowDown')).toBe('Service/default/web')
    expect(walk('Deployment/default/web', 'ArrowUp')).toBe('Deployment/default/web')
    expect(walk(P(0), 'ArrowDown', 'ArrowDown')).toBe(P(2))
    expect(walk(P(2), 'ArrowDown')).toBe(P(2))
    expect(walk(P(2), 'Home')).toBe(P(0))
    expect(walk('Node/cp-1', 'End')).toBe('Node/worker-2')
  })

  it('moves right along the ownership chain: Deployment, ReplicaSet, its pod, the pod’s Node', () => {
    expect(walk('Deployment/default/web', 'ArrowRight')).toBe(`ReplicaSet/default/${RS}`)
    expect(walk(`ReplicaSet/default/${RS}`, 'ArrowRight')).toBe(P(0))
    expect(walk(P(1), 'ArrowRight')).toBe('Node/worker-2')
    expect(walk('Node/worker-2', 'ArrowRight')).toBe('Node/worker-2')
  })

  it('moves left to a linked element: a pod to its ReplicaSet, an EndpointSlice to its Service', () => {
    expect(walk(P(2), 'ArrowLeft')).toBe(`ReplicaSet/default/${RS}`)
    expect(walk('EndpointSlice/default/web-x7k2p', 'ArrowLeft')).toBe('Service/default/web')
    expect(walk('EndpointSlice/default/web-x7k2p', 'ArrowRight')).toBe(P(2))
  })
})
