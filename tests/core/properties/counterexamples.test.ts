/**
 * Counterexamples the properties (or writing their generators) turned up, each cut down to a
 * minimal test. All were fixed in core; the comments say what was wrong, and the tests keep it
 * from coming back.
 */
import { describe, expect, it } from 'vitest'
import type { Pod, Service } from '../../../core/api/types'
import type { Status } from '../../../core/apiserver/status'
import { apiHarness } from '../../support/apiHarness'
import { sim } from '../../support/sim'

const SERVICES = '/api/v1/namespaces/default/services'

const nodePortService = (name: string, ports: object[]) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { type: 'NodePort', selector: { app: name }, ports },
})

describe('properties: counterexamples: nodeports', () => {
  // Each ApiServer (one per control plane) had its own in-memory NodePortAllocator, and nothing
  // shared or repaired them. The real API servers share one allocation bitmap stored in etcd
  // (/registry/ranges/servicenodeports), so the second create is refused.
  it('properties: counterexamples: in an HA cluster, two API servers never give the same NodePort', () => {
    const t = sim({ seed: 1, cluster: { controlPlanes: 3, workers: 1 } })
    const post = (machine: string, name: string) =>
      t.kube.request(machine, {
        method: 'POST',
        path: SERVICES,
        body: nodePortService(name, [{ port: 80, nodePort: 30080 }]),
      })
    expect(post('cp-1', 'first').status).toBe(201)
    const second = post('cp-2', 'second')
    expect(second.status).toBe(422)
    expect((second.body as Status).message).toContain('provided port is already allocated')
  })

  // ApiServer.create ran prepareForCreate (which allocates) before its dryRun return, and never
  // released. The real registry allocates a dry run on an operation it never commits
  // (portallocator.StartOperation(..., dryRun)).
  it('properties: counterexamples: a server-side dry-run create holds no NodePort', () => {
    const h = apiHarness({ seed: 1 })
    const body = nodePortService('web', [{ port: 80, nodePort: 30080 }])
    const query = { dryRun: 'All' }
    expect(h.handler.handle({ method: 'POST', path: SERVICES, query, body }).status).toBe(201)
    expect(h.handler.handle({ method: 'POST', path: SERVICES, body }).status).toBe(201)
  })

  // The real initNodePorts gives the ports that share a port number one nodePort
  // (svcPortToNodePort), and validation refuses only a duplicate (protocol, nodePort) pair, so
  // DNS over UDP and TCP on one nodePort is valid. Here the second port's allocate failed with
  // "provided port is already allocated", against the Service's own first port.
  it('properties: counterexamples: one port number over UDP and TCP may share its nodePort', () => {
    const h = apiHarness({ seed: 1 })
    const body = nodePortService('dns', [
      { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', nodePort: 30053 },
    ])
    expect(h.handler.handle({ method: 'POST', path: SERVICES, body }).status).toBe(201)
  })
})

describe('properties: counterexamples: nodeports, duplicates and shared port numbers', () => {
  // kube-apiserver allocates a new Service's NodePorts (initNodePorts, in the registry's
  // BeginCreate) before it validates the Service: the second port's Allocate fails, as the
  // operation already took 30100, with the allocator's text. The lab answered with
  // ValidateService's "Duplicate value", which the real server never reaches here.
  it('properties: counterexamples: a nodePort asked for under two port numbers fails as already allocated', () => {
    const h = apiHarness({ seed: 1 })
    const body = nodePortService('web', [
      { name: 'http', port: 80, nodePort: 30100 },
      { name: 'alt', port: 81, nodePort: 30100 },
    ])
    const response = h.handler.handle({ method: 'POST', path: SERVICES, body })
    expect(response.status).toBe(422)
    expect((response.body as Status).message).toBe(
      'Service "web" is invalid: spec.ports[1].nodePort: Invalid value: 30100: provided port is already allocated',
    )
    // Nothing is held afterwards: the same Service with one port is created.
    const one = nodePortService('web', [{ name: 'http', port: 80, nodePort: 30100 }])
    expect(h.handler.handle({ method: 'POST', path: SERVICES, body: one }).status).toBe(201)
  })

  // initNodePorts looks forward for a nodePort requested for the same port number
  // (findRequestedNodePort) before it allocates one, so the UDP port below gets 30053 too and
  // the Service holds one port. The UDP port used to get a random port of its own, holding two.
  it('properties: counterexamples: a port without a nodePort takes the one asked for its port number further on', () => {
    const h = apiHarness({ seed: 1 })
    const body = nodePortService('dns', [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', nodePort: 30053 },
    ])
    const response = h.handler.handle({ method: 'POST', path: SERVICES, body })
    expect(response.status).toBe(201)
    const ports = (response.body as Service).spec.ports!.map((p) => p.nodePort)
    expect(ports).toEqual([30053, 30053])
    expect(h.apiserver.nodePorts.count).toBe(1)
  })
})

describe('properties: counterexamples: faults', () => {
  // killContainer looked the pod's sandboxes up by the uid in etcd. A static pod's sandbox carries
  // the kubelet's uid (the config hash, kubernetes.io/config.mirror on the mirror pod), never the
  // mirror pod's own uid, so every control-plane pod looked as if nothing ran in it.
  it('properties: counterexamples: container/kill kills the container of a static pod', () => {
    const t = sim({ seed: 1 })
    const target = { kind: 'pod' as const, namespace: 'kube-system', name: 'etcd-cp-1' }
    expect(() => t.fault('container/kill', target)).not.toThrow()
  })
})

describe('properties: counterexamples: controllers', () => {
  // A Deployment that completed its rollout (Progressing reason NewReplicaSetAvailable) and then
  // loses a ready pod is past its progress deadline, so requeueStuckDeployment asks for a
  // rate-limited requeue on every sync. client-go's DefaultControllerRateLimiter is the max of
  // the per-item exponential back-off and a 10 qps (burst 100) bucket; the WorkQueue had only
  // the first, and `forget` after each successful sync reset it to 5 ms. The deployment
  // controller then spun at about 200 syncs per virtual second (80% of the property tests'
  // time), where the real one is held to 10 per second.
  it('properties: counterexamples: a stuck Deployment is resynced at most 10 times a second', () => {
    const t = sim({ seed: 5 })
    t.fault('process/stop', { kind: 'component', type: 'kubelet', machine: 'worker-1' })
    t.advance('2m')
    const coredns = t
      .stored<Pod>('/registry/pods/kube-system/')
      .filter((p) => p.metadata.name!.startsWith('coredns-'))
    expect(coredns.some((p) => p.spec.nodeName === 'worker-1')).toBe(true)
    let syncs = 0
    const clock = t.simulation.clock
    const schedule = clock.schedule.bind(clock)
    clock.schedule = (delayMs, label, run) => {
      if (label === 'kube-controller-manager/deployment') syncs++
      return schedule(delayMs, label, run)
    }
    t.advance('60s')
    expect(syncs).toBeLessThanOrEqual(100 + 60 * 10)
  })
})
