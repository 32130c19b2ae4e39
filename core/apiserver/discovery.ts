/** /version and the legacy discovery documents (/api, /apis, /api/v1, /apis/{group}/{version}). */
import { KUBERNETES_VERSION } from '../version'
import { apiVersionOf, RESOURCES, type ResourceDef } from './resources'

export function versionInfo(): Record<string, string> {
  const [major, minor] = KUBERNETES_VERSION.slice(1).split('.')
  return {
    major: major!,
    minor: minor!,
    gitVersion: KUBERNETES_VERSION,
    gitCommit: 'c9b2d9ee8b0c1d2b2c8f8d14f9f2a4ab3c0d9e17',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:03:52Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  }
}

export function groups(): string[] {
  return [...new Set(RESOURCES.map((r) => r.group).filter((g) => g !== ''))]
}

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  }
}

export function apiGroupList(): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups().map((name) => ({
      name,
      versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
      preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
    })),
  }
}

function resourceEntries(def: ResourceDef): unknown[] {
  const main = {
    name: def.resource,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: def.verbs,
    ...(def.shortNames.length > 0 ? { shortNames: def.shortNames } : {}),
    ...(def.categories.length > 0 ? { categories: def.categories } : {}),
  }
  const subs = def.subresources.map((sub) => ({
    name: `${def.resource}/${sub}`,
    singularName: '',
    namespaced: def.namespaced,
    kind: subresourceKind(def, sub),
    verbs: subresourceVerbs(sub),
  }))
  return [main, ...subs]
}

function subresourceKind(def: ResourceDef, sub: string): string {
  return (
    {
      scale: 'Scale',
      binding: 'Binding',
      eviction: 'Eviction',
      log: 'Pod',
      exec: 'PodExecOptions',
    }[sub] ?? def.kind
  )
}

function subresourceVerbs(sub: string): string[] {
  return (
    {
      binding: ['create'],
      eviction: ['create'],
      log: ['get'],
      exec: ['create', 'get'],
      finalize: ['update'],
    }[sub] ?? ['get', 'patch', 'update']
  )
}

export function apiResourceList(groupVersion: string): unknown | undefined {
  const defs = RESOURCES.filter((r) => apiVersionOf(r) === groupVersion)
  if (defs.length === 0) return undefined
  return { kind: 'APIResourceList', groupVersion, resources: defs.flatMap(resourceEntries) }
}
