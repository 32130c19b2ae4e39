/**
 * Tab completion for the read verbs, as kubectl's `__complete` offers it: resource types for
 * the first argument, then the names of that type's objects (asked of the API server), and
 * `TYPE/NAME` when the word already has a slash.
 */
import { RESOURCES } from '../../../apiserver/resources'
import type { KubectlApi } from '../api'
import { findResourceType } from '../resources'
import { listObjects } from './request'

/** Flags whose value is the next word, so that it is not taken for an argument. */
const VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '-o',
  '--output',
  '-l',
  '--selector',
  '-c',
  '--container',
])

function positionals(words: readonly string[]): { args: string[]; namespace: string } {
  const args: string[] = []
  let namespace = 'default'
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    if (word === '-n' || word === '--namespace') namespace = words[i + 1] ?? namespace
    if (word.startsWith('--namespace=')) namespace = word.slice('--namespace='.length)
    if (VALUE_FLAGS.has(word)) i++
    else if (!word.startsWith('-')) args.push(word)
  }
  return { args, namespace }
}

export function completeTypes(partial: string): string[] {
  return RESOURCES.map((r) => r.resource)
    .filter((name) => name.startsWith(partial))
    .sort()
}

/** Names of a type's objects starting with `partial`. */
export function completeNames(
  api: KubectlApi,
  type: string,
  namespace: string,
  partial: string,
): string[] {
  const def = findResourceType(type)
  if (def === undefined) return []
  return listObjects(api, def, def.namespaced ? namespace : undefined)
    .items.map((o) => o.metadata.name ?? '')
    .filter((name) => name.startsWith(partial))
    .sort()
}

export function completeResources(words: string[], partial: string, api: KubectlApi): string[] {
  const { args, namespace } = positionals(words)
  const slash = partial.indexOf('/')
  if (slash >= 0) {
    const type = partial.slice(0, slash)
    return completeNames(api, type, namespace, partial.slice(slash + 1)).map((n) => `${type}/${n}`)
  }
  if (args.length === 0) return completeTypes(partial)
  if (args[0]!.includes('/') || args[0]!.includes(',')) return []
  return completeNames(api, args[0]!, namespace, partial)
}

/** For verbs that take a pod (logs, exec): pod names, or TYPE/NAME. */
export function completePods(words: string[], partial: string, api: KubectlApi): string[] {
  const { args, namespace } = positionals(words)
  if (args.length > 0) return []
  if (partial.includes('/')) return completeResources(words, partial, api)
  return completeNames(api, 'pods', namespace, partial)
}
