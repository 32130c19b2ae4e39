/**
 * Image references as containerd normalises them (github.com/distribution/reference):
 * "nginx" → "docker.io/library/nginx:latest", "kubelab/crash:1" → "docker.io/kubelab/crash:1",
 * "registry.k8s.io/pause:3.10" stays as it is. Digests are derived from the reference, so the
 * same image has the same digest in every run and on every node, as a registry's would.
 */
import { fnv1a, Random } from '../random'

export interface ImageReference {
  /** What the pod spec said, e.g. "nginx". */
  readonly input: string
  /** "docker.io", "registry.k8s.io", … */
  readonly domain: string
  /** "library/nginx" */
  readonly path: string
  /** "latest" when the reference names neither a tag nor a digest. */
  readonly tag: string
  readonly digest: string | undefined
  /** The fully qualified name containerd stores: "docker.io/library/nginx:latest". */
  readonly full: string
  /** The key programs are registered under: "nginx", "kubelab/crash", "pause". */
  readonly repository: string
}

export type ParsedReference = { ok: true; ref: ImageReference } | { ok: false; error: string }

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[\w][\w.-]{0,127}$/
const DIGEST = /^sha256:[0-9a-f]{64}$/
/** Registries whose images the lab registers by their bare repository name. */
const SHORT_DOMAINS = new Set(['docker.io', 'registry.k8s.io'])

/** Recent parses: every container start parses its image several times (frozen, shared). */
const PARSED = new Map<string, ParsedReference>()
const PARSED_LIMIT = 1024

/** Parses and normalises a reference, with distribution/reference's error texts. */
export function parseImageReference(input: string): ParsedReference {
  let parsed = PARSED.get(input)
  if (parsed === undefined) {
    parsed = parse(input)
    if (parsed.ok) Object.freeze(parsed.ref)
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear()
    PARSED.set(input, Object.freeze(parsed))
  }
  return parsed
}

function parse(input: string): ParsedReference {
  let rest = input
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest)) return { ok: false, error: 'invalid reference format' }
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) return { ok: false, error: 'invalid reference format' }
  }
  const parts = rest.split('/')
  const first = parts[0] ?? ''
  const hasDomain =
    parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')
  const domain = hasDomain ? first : 'docker.io'
  let pathParts = hasDomain ? parts.slice(1) : parts
  if (domain === 'docker.io' && pathParts.length === 1) pathParts = ['library', ...pathParts]
  const path = pathParts.join('/')
  if (path !== path.toLowerCase()) {
    return {
      ok: false,
      error: `invalid reference format: repository name (${path}) must be lowercase`,
    }
  }
  if (pathParts.length === 0 || !pathParts.every((p) => COMPONENT.test(p))) {
    return { ok: false, error: 'invalid reference format' }
  }
  const effectiveTag = tag ?? (digest === undefined ? 'latest' : '')
  const name = `${domain}/${path}`
  const full =
    digest !== undefined && tag === undefined ? `${name}@${digest}` : `${name}:${effectiveTag}`
  return {
    ok: true,
    ref: {
      input,
      domain,
      path,
      tag: effectiveTag,
      digest,
      full,
      repository: repositoryKey(domain, path),
    },
  }
}

function repositoryKey(domain: string, path: string): string {
  if (!SHORT_DOMAINS.has(domain)) return `${domain}/${path}`
  return domain === 'docker.io' && path.startsWith('library/')
    ? path.slice('library/'.length)
    : path
}

/** The key a program registry is indexed by, for a reference or a bare repository name. */
export function repositoryOf(image: string): string | undefined {
  const parsed = parseImageReference(image)
  return parsed.ok ? parsed.ref.repository : undefined
}

/** 64 hex digits derived from a text: stands in for a sha256 a registry would serve. */
export function pseudoSha256(text: string): string {
  const random = new Random(fnv1a(text))
  return Array.from({ length: 8 }, () => random.nextUint32().toString(16).padStart(8, '0')).join('')
}

/** The repo digest containerd reports as imageRef: "docker.io/library/nginx@sha256:…". */
export function repoDigest(ref: ImageReference): string {
  const digest = ref.digest ?? `sha256:${pseudoSha256(`manifest ${ref.full}`)}`
  return `${ref.domain}/${ref.path}@${digest}`
}

/** The image's id (its config digest), as `crictl images` shows its first 13 characters. */
export function imageId(ref: ImageReference): string {
  return `sha256:${pseudoSha256(`config ${ref.domain}/${ref.path}:${ref.tag}`)}`
}
