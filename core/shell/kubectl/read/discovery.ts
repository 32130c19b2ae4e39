/**
 * `kubectl api-resources` and `kubectl api-versions`: what the server's discovery lists
 * (KUBECTL-WIRE.md §3.19). api-resources always asks the server again, as kubectl ignores its
 * disk cache for it.
 */
import { RESOURCES, apiVersionOf, type ResourceDef } from '../../../apiserver/resources'
import { KubectlError } from '../errors'
import { GET_TABS, tabbed } from '../print/tabWriter'
import type { Invocation, KubectlVerb } from '../verb'

function unexpectedArgs(verb: string, args: string[]): KubectlError {
  return new KubectlError(
    `error: unexpected arguments: [${args.join(' ')}]\nSee 'kubectl ${verb} -h' for help and examples`,
  )
}

/** Asks the server for /api and /apis; on a refused connection, `failed` says what kubectl says. */
function fetchDiscovery(inv: Invocation, failed: () => KubectlError): void {
  try {
    inv.api.send({ method: 'GET', path: '/api', query: { timeout: '32s' } })
    inv.api.send({ method: 'GET', path: '/apis', query: { timeout: '32s' } })
  } catch (error) {
    if (!(error instanceof KubectlError) || !error.refused) throw error
    inv.api.logDiscoveryFailure(1)
    throw failed()
  }
}

/** Default order: by API group ("" first), then by name. */
function sorted(resources: readonly ResourceDef[], sortBy: string | undefined): ResourceDef[] {
  const key = (r: ResourceDef): string =>
    sortBy === 'name' ? r.resource : sortBy === 'kind' ? r.kind : r.group
  return [...resources].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)]
    if (ka !== kb) return ka < kb ? -1 : 1
    return a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0
  })
}

export const apiResourcesVerb: KubectlVerb = {
  name: 'api-resources',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'namespaced', type: 'bool', default: 'true' },
    { name: 'api-group', type: 'string' },
    { name: 'verbs', type: 'stringArray' },
    { name: 'sort-by', type: 'string' },
    { name: 'cached', type: 'bool' },
    { name: 'categories', type: 'stringArray' },
  ],
  run(inv) {
    const { flags } = inv
    const output = flags.string('output') ?? ''
    if (!['', 'wide', 'name'].includes(output))
      throw new KubectlError(`error: --output ${output} is not available`)
    const sortBy = flags.string('sort-by')
    if (sortBy !== undefined && sortBy !== 'name' && sortBy !== 'kind')
      throw new KubectlError(`error: --sort-by accepts only name or kind`)
    if (inv.args.length > 0) throw unexpectedArgs('api-resources', inv.args)
    const wide = output === 'wide'
    const header = [
      'NAME',
      'SHORTNAMES',
      'APIVERSION',
      'NAMESPACED',
      'KIND',
      ...(wide ? ['VERBS', 'CATEGORIES'] : []),
    ]
    const noHeaders = flags.bool('no-headers')
    // kubectl prints the header before it asks the server, so a refused connection still shows it.
    fetchDiscovery(inv, () => {
      if (!noHeaders) inv.io.out(tabbed(`${header.join('\t')}\n`, GET_TABS))
      return inv.api.refused()
    })
    const verbs = flags.all('verbs').flatMap((v) => v.split(','))
    const categories = flags.all('categories').flatMap((v) => v.split(','))
    const resources = RESOURCES.filter(
      (r) =>
        (!flags.has('namespaced') || r.namespaced === flags.bool('namespaced')) &&
        (!flags.has('api-group') || r.group === flags.string('api-group')) &&
        verbs.every((v) => r.verbs.includes(v)) &&
        categories.every((c) => r.categories.includes(c)),
    )
    const list = sorted(resources, sortBy)
    if (output === 'name') {
      inv.io.out(list.map((r) => `${r.resource}${r.group ? `.${r.group}` : ''}\n`).join(''))
      return 0
    }
    const rows = list.map((r) => [
      r.resource,
      r.shortNames.join(','),
      apiVersionOf(r),
      String(r.namespaced),
      r.kind,
      ...(wide ? [r.verbs.join(','), r.categories.join(',')] : []),
    ])
    const lines = noHeaders ? rows : [header, ...rows]
    inv.io.out(tabbed(lines.map((l) => `${l.join('\t')}\n`).join(''), GET_TABS))
    return 0
  },
}

export const apiVersionsVerb: KubectlVerb = {
  name: 'api-versions',
  flags: [],
  run(inv) {
    if (inv.args.length > 0) throw unexpectedArgs('api-versions', inv.args)
    fetchDiscovery(
      inv,
      () =>
        new KubectlError(
          `error: couldn't get available api versions from server: ${inv.api.refusedGet('/api')}`,
        ),
    )
    const versions = [...new Set(RESOURCES.map(apiVersionOf))].sort()
    inv.io.out(versions.map((v) => `${v}\n`).join(''))
    return 0
  },
}
