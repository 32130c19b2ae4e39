/**
 * `kubectl get`: flags and their checks in kubectl's order (Complete, then Validate), then
 * --raw, a watch, or one fetch-and-print (fetch.ts). Texts are kubectl v1.32's.
 */
import { KubectlError } from '../../errors'
import type { FlagSpec } from '../../flags'
import type { Invocation, KubectlVerb } from '../../verb'
import { completeResources } from '../complete'
import { splitTargetArgs } from '../targets'
import { runGet } from './fetch'
import { rawGet } from './raw'
import { startWatch } from './watch'

export const GET_FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'stringArray' },
  { name: 'sort-by', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'raw', type: 'string' },
  { name: 'chunk-size', type: 'int', default: '500' },
  { name: 'server-print', type: 'bool', default: 'true' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool', default: 'true' },
  { name: 'subresource', type: 'string' },
]

export interface GetOptions {
  invocation: Invocation
  /** -o as typed; parsed once the types are known, as kubectl picks its printer late. */
  outputFlag: string | undefined
  allNamespaces: boolean
  selectors: { labelSelector?: string | undefined; fieldSelector?: string | undefined }
  sortBy: string | undefined
  noHeaders: boolean
  showLabels: boolean
  showKind: boolean
  labelColumns: string[]
  ignoreNotFound: boolean
}

/** get's Complete: the --raw argument check, then "You must specify the type…". */
function complete(inv: Invocation): void {
  const { flags, args } = inv
  if (flags.has('raw')) {
    if (args.length > 0)
      throw new KubectlError('error: arguments may not be passed when --raw is specified')
    return
  }
  const watching = flags.bool('watch') || flags.bool('watch-only')
  if (watching && flags.has('sort-by'))
    inv.io.err('warning: --watch or --watch-only requested, --sort-by will be ignored\n')
  if (!watching && args.length === 0) {
    inv.io.err(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
    )
    throw new KubectlError(
      'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
    )
  }
}

/** get's Validate. */
function validate(inv: Invocation): void {
  const { flags } = inv
  const output = flags.string('output') ?? ''
  if (flags.has('raw')) {
    if (flags.bool('watch') || flags.bool('watch-only') || flags.has('selector'))
      throw new KubectlError(
        'error: --raw may not be specified with other flags that filter the server request or alter the output',
      )
    if (output !== '') throw new KubectlError('error: --raw and --output are mutually exclusive')
    const raw = flags.string('raw')!
    if (!raw.startsWith('/'))
      throw new KubectlError(
        `error: --raw must be a valid URL path: parse "${raw}": invalid URI for request`,
      )
  }
  if (flags.bool('show-labels') && output !== '' && output !== 'wide')
    throw new KubectlError(`error: --show-labels option cannot be used with ${output} printer`)
  if (flags.bool('output-watch-events') && !(flags.bool('watch') || flags.bool('watch-only')))
    throw new KubectlError(
      'error: --output-watch-events option can only be used with --watch or --watch-only',
    )
}

export const getVerb: KubectlVerb = {
  name: 'get',
  flags: GET_FLAGS,
  run(inv) {
    complete(inv)
    validate(inv)
    if (inv.flags.has('raw')) return rawGet(inv, inv.flags.string('raw')!)
    const split = splitTargetArgs(inv.args)
    const options: GetOptions = {
      invocation: inv,
      outputFlag: inv.flags.string('output'),
      allNamespaces: inv.flags.bool('all-namespaces'),
      selectors: {
        labelSelector: inv.flags.string('selector'),
        fieldSelector: inv.flags.string('field-selector'),
      },
      sortBy: inv.flags.string('sort-by'),
      noHeaders: inv.flags.bool('no-headers'),
      showLabels: inv.flags.bool('show-labels'),
      showKind: inv.flags.bool('show-kind'),
      labelColumns: inv.flags.all('label-columns').flatMap((v) => v.split(',')),
      ignoreNotFound: inv.flags.bool('ignore-not-found'),
    }
    if (inv.flags.bool('watch') || inv.flags.bool('watch-only'))
      return startWatch(options, split, inv.flags.bool('watch-only'))
    return runGet(options, split)
  },
  complete: (words, partial, api) => completeResources(words, partial, api),
}
