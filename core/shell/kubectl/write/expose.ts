/**
 * `kubectl expose deployment|replicaset|daemonset|pod|service NAME [--port] [--target-port]
 * [--type] [--name]` (KUBECTL-WIRE.md §3.12): a Service selecting what the object selects (a
 * pod: its labels), on --port or else the container ports the object declares, labelled as the
 * object is.
 */
import type { KubeObject, LabelSelector } from '../../../api/types'
import { clientError, KubectlError } from '../errors'
import { findResourceType, resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { failed, singleText } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, OUTPUT_FLAG, outputOf, report } from './printing'
import { podSpecOf } from './podSpecPatch'
import { fetch, parseTargets, typed } from './targets'

interface Port {
  name?: string
  port: number
  protocol: string
  targetPort: number | string
}

export const expose: KubectlVerb = {
  name: 'expose',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
  ],
  run(inv) {
    const { named, types } = parseTargets(inv, inv.args)
    if (types.length > 0)
      throw new KubectlError('error: resource(s) were provided, but no name was specified')
    const dryRun = dryRunOf(inv)
    outputOf(inv)
    inv.api.discover()
    const target = named[0]!
    const fetched = fetch(inv, target)
    if ('failure' in fetched) throw new KubectlError(singleText(fetched.failure))
    const service = serviceFor(inv, typed(target.def, fetched.object))
    if (dryRun === 'client') {
      report(inv, service, 'exposed', dryRun)
      return 0
    }
    const response = inv.api.send({
      method: 'POST',
      path: resourcePath(findResourceType('services')!, inv.namespace),
      query: { fieldManager: 'kubectl-expose', ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
      headers: { 'content-type': 'application/json' },
      body: service,
    })
    if (response.status >= 400) throw new KubectlError(singleText(failed(response)))
    report(inv, response.body as KubeObject, 'exposed', dryRun)
    return 0
  },
}

function serviceFor(inv: Invocation, object: KubeObject): KubeObject {
  const selector = selectorOf(inv, object)
  const type = inv.flags.string('type')
  const labels = object.metadata.labels
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      creationTimestamp: null,
      ...(labels === undefined ? {} : { labels }),
      name: inv.flags.string('name') ?? object.metadata.name,
    } as unknown as KubeObject['metadata'],
    spec: {
      ports: portsOf(inv, object),
      selector,
      ...(type === undefined || type === '' ? {} : { type }),
    },
    status: { loadBalancer: {} },
  }
}

function selectorOf(inv: Invocation, object: KubeObject): Record<string, string> {
  const given = inv.flags.string('selector')
  if (given !== undefined && given !== '')
    return Object.fromEntries(given.split(',').map((p) => p.split('=') as [string, string]))
  const spec = object['spec'] as { selector?: LabelSelector | Record<string, string> } | undefined
  if (object.kind === 'Pod') return object.metadata.labels ?? {}
  if (object.kind === 'Service') return (spec?.selector as Record<string, string>) ?? {}
  const selector = spec?.selector as LabelSelector | undefined
  if ((selector?.matchExpressions ?? []).length > 0) {
    throw clientError(
      `couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "${JSON.stringify(selector?.matchExpressions)}" to map-based selector format`,
    )
  }
  return selector?.matchLabels ?? {}
}

function portsOf(inv: Invocation, object: KubeObject): Port[] {
  const protocol = inv.flags.string('protocol') ?? 'TCP'
  const target = inv.flags.string('target-port')
  const given = inv.flags.string('port')
  const numbers = given !== undefined && given !== '' ? [Number(given)] : introspectPorts(object)
  if (numbers.length === 0 || numbers.some((n) => !Number.isInteger(n)))
    throw clientError("couldn't find port via --port flag or introspection")
  return numbers.map((port, i) => ({
    ...(numbers.length > 1 ? { name: `port-${i + 1}` } : {}),
    port,
    protocol,
    targetPort: target === undefined ? port : /^\d+$/.test(target) ? Number(target) : target,
  }))
}

function introspectPorts(object: KubeObject): number[] {
  if (object.kind === 'Service') {
    const ports = (object['spec'] as { ports?: { port: number }[] }).ports ?? []
    return ports.map((p) => p.port)
  }
  const containers =
    (podSpecOf(object)?.['containers'] as { ports?: { containerPort: number }[] }[]) ?? []
  return containers.flatMap((c) => (c.ports ?? []).map((p) => p.containerPort))
}
