/**
 * `curl`: a request from a node or the learner's laptop reaches its server and gets an answer.
 * It runs the cluster's network tracer, the same path `curl` in the terminal follows (DNS,
 * kube-proxy rules, Weave, blocked ports), but lets no time pass and prints nothing: a check
 * must not change the world it checks. Its randomness (which endpoint a Service picks) comes
 * from a stream seeded by the URL and the time, as the shell's curl does.
 */
import { parseUrl } from '../../network/curl'
import type { TraceSource } from '../../network/tracer'
import { fnv1a, Random } from '../../random'
import { LAPTOP } from '../../shell/command'
import { nodeDirectory } from '../../shell/node/hostServices'
import { verdict, type CheckContext, type CheckResult } from './context'
import type { LeafPredicate } from './schema'

export function curlReaches(
  p: Extract<LeafPredicate, { check: 'curl' }>,
  context: CheckContext,
): CheckResult {
  const cluster = context.simulation.kubernetes
  const known =
    p.from === LAPTOP || context.simulation.machines().some((m) => m.metadata.name === p.from)
  if (cluster === undefined || !known)
    return verdict(false, `There is no machine ${p.from}.`, `Não existe a máquina ${p.from}.`)
  const parsed = parseUrl(p.url)
  const https = parsed.ok && parsed.url.scheme === 'https'
  const directory = nodeDirectory(cluster, {
    https,
    insecure: p.insecure,
    cacert: undefined,
    clientCert: false,
    host: parsed.ok ? parsed.url.host : '',
  })
  const from: TraceSource =
    p.from === LAPTOP ? { kind: 'outside' } : { kind: 'machine', machine: p.from }
  const random = new Random(fnv1a(`curl ${p.url}`, Math.floor(context.simulation.clock.nowMs)))
  const result = cluster.network.tracer(directory, random).trace({ from, url: p.url })
  const response = result.response
  const failure =
    result.error ??
    (response === undefined
      ? 'curl: (52) Empty reply from server'
      : response.status < 0
        ? response.body
        : https && !directory.servedTls()
          ? 'curl: (35) wrong version number (the server does not speak TLS)'
          : undefined)
  const prefix = `curl ${p.url} (from ${p.from})`
  const prefixo = `curl ${p.url} (a partir de ${p.from})`
  if (failure !== undefined || response === undefined)
    return verdict(false, `${prefix}: ${failure ?? ''}`, `${prefixo}: ${failure ?? ''}`)
  const statusOk = p.status === undefined ? response.status < 400 : response.status === p.status
  const bodyOk = p.body === undefined || new RegExp(p.body).test(response.body)
  const want = p.status === undefined ? '' : `, wanted ${p.status}`
  const quer = p.status === undefined ? '' : `, esperado ${p.status}`
  return verdict(
    statusOk && bodyOk,
    `${prefix}: HTTP ${response.status}${statusOk ? '' : want}${bodyOk ? '' : `; the answer does not match /${p.body}/`}.`,
    `${prefixo}: HTTP ${response.status}${statusOk ? '' : quer}${bodyOk ? '' : `; a resposta não casa com /${p.body}/`}.`,
  )
}
