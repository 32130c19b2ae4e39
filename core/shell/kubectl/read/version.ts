/**
 * `kubectl version [--client] [-o yaml|json]`: the client's build (the same v1.32 release as
 * the cluster), kustomize's, and the server's from GET /version. An unreachable server still
 * lets the client lines print first, as kubectl does.
 */
import { versionInfo } from '../../../apiserver/discovery'
import { KubectlError } from '../errors'
import { toYaml } from '../print/object'
import type { KubectlVerb } from '../verb'

const KUSTOMIZE_VERSION = 'v5.5.0'

export const versionVerb: KubectlVerb = {
  name: 'version',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(inv) {
    const output = inv.flags.string('output') ?? ''
    if (output !== '' && output !== 'yaml' && output !== 'json')
      throw new KubectlError("error: --output must be 'yaml' or 'json'")
    const client = versionInfo()
    let server: Record<string, string> | undefined
    let failure: KubectlError | undefined
    if (!inv.flags.bool('client')) {
      try {
        server = inv.api.request({ method: 'GET', path: '/version', query: { timeout: '32s' } })
          .body as Record<string, string>
      } catch (error) {
        if (!(error instanceof KubectlError)) throw error
        failure = error
      }
    }
    const info = {
      clientVersion: client,
      kustomizeVersion: KUSTOMIZE_VERSION,
      ...(server === undefined ? {} : { serverVersion: server }),
    }
    if (output === 'json') inv.io.out(`${JSON.stringify(info, null, 2)}\n`)
    else if (output === 'yaml') inv.io.out(`${toYaml(info)}\n`)
    else {
      inv.io.out(
        `Client Version: ${client['gitVersion']}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`,
      )
      if (server !== undefined) inv.io.out(`Server Version: ${server['gitVersion']}\n`)
    }
    if (failure !== undefined) throw failure
    return 0
  },
}
