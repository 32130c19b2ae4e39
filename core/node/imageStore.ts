/**
 * containerd's image store on one node (the k8s.io namespace), and what a pull would find in the
 * registry. Images on disk survive containerd restarts; a pull takes time on the clock, in
 * proportion to the image's size, and fails with containerd's exact texts:
 *   tag not found  → NotFound "…: docker.io/library/nginx:doesnotexist: not found"
 *   unknown repo on Docker Hub → Unknown "…: pull access denied, repository does not exist or …"
 *   registry unreachable → Unknown "…: failed to do request: Head … server misbehaving"
 */
import type { Random } from '../random'
import { CriError, type ImageStatus } from './cri'
import { imageId, parseImageReference, repoDigest, type ImageReference } from './imageRef'
import { imageSizeBytes, tagExists } from './images'
import type { Program, ProgramRegistry } from './program'

export interface ImageRecord {
  ref: ImageReference
  repoDigest: string
  id: string
  sizeBytes: number
  /** The program the image runs, if the lab knows one (else starting it fails as exec does). */
  program: Program | undefined
}

/** A fresh pull streams at this rate after the manifest round trips. */
const BYTES_PER_MS = 18_000
const PULL_SETUP_MS = 700
/** Re-pulling an image already present only resolves the manifest again. */
const REPULL_MS = [250, 700] as const
/** A failed resolve answers quickly. */
const FAILED_RESOLVE_MS = [300, 900] as const

export type Resolution =
  | { ok: true; ref: ImageReference; program: Program | undefined; sizeBytes: number }
  | { ok: false; error: CriError; ref: ImageReference | undefined }

export class ImageStore {
  private readonly images = new Map<string, ImageRecord>()

  constructor(
    private readonly programs: ProgramRegistry,
    prePulled: readonly string[] = [],
  ) {
    for (const image of prePulled) {
      const parsed = parseImageReference(image)
      if (parsed.ok) this.add(parsed.ref, this.programs(image))
    }
  }

  /** The image a reference names, if present ("nginx" finds docker.io/library/nginx:latest). */
  get(image: string): ImageRecord | undefined {
    const parsed = parseImageReference(image)
    if (!parsed.ok) return undefined
    const direct = this.images.get(parsed.ref.full)
    if (direct !== undefined || parsed.ref.digest === undefined) return direct
    return [...this.images.values()].find(
      (r) => r.repoDigest === `${parsed.ref.domain}/${parsed.ref.path}@${parsed.ref.digest}`,
    )
  }

  add(ref: ImageReference, program: Program | undefined): ImageRecord {
    const record: ImageRecord = {
      ref,
      repoDigest: repoDigest(ref),
      id: imageId(ref),
      sizeBytes: program === undefined ? 0 : imageSizeBytes(program),
      program,
    }
    this.images.set(ref.full, record)
    return record
  }

  remove(image: string): boolean {
    const record = this.get(image)
    return record !== undefined && this.images.delete(record.ref.full)
  }

  /** `crictl images`: every image, largest first (the node status' order). */
  list(): ImageStatus[] {
    return [...this.images.values()]
      .sort((a, b) => b.sizeBytes - a.sizeBytes || a.ref.full.localeCompare(b.ref.full))
      .map((r) => ({
        id: r.id,
        repoTags: [r.ref.full],
        repoDigests: [r.repoDigest],
        sizeBytes: r.sizeBytes,
      }))
  }

  /** What the registry answers for a reference. */
  resolve(image: string, registryReachable: boolean): Resolution {
    const parsed = parseImageReference(image)
    if (!parsed.ok) {
      return {
        ok: false,
        ref: undefined,
        error: new CriError(
          'Unknown',
          `failed to pull and unpack image "${image}": ${parsed.error}`,
        ),
      }
    }
    const ref = parsed.ref
    const prefix = `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}"`
    if (!registryReachable) {
      const host = ref.domain === 'docker.io' ? 'registry-1.docker.io' : ref.domain
      const desc = `${prefix}: failed to do request: Head "https://${host}/v2/${ref.path}/manifests/${ref.tag}": dial tcp: lookup ${host} on 127.0.0.53:53: server misbehaving`
      return { ok: false, ref, error: new CriError('Unknown', desc) }
    }
    const program = this.programs(image)
    if (program === undefined && ref.domain === 'docker.io') {
      const desc = `${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`
      return { ok: false, ref, error: new CriError('Unknown', desc) }
    }
    if (program === undefined || (ref.digest === undefined && !tagExists(program, ref.tag))) {
      return {
        ok: false,
        ref,
        error: new CriError('NotFound', `${prefix}: ${ref.full}: not found`),
      }
    }
    return { ok: true, ref, program, sizeBytes: imageSizeBytes(program) }
  }

  /** How long a pull takes: a fresh download, a quick re-resolve, or a failed resolve. */
  pullDurationMs(resolution: Resolution, random: Random): number {
    if (!resolution.ok) return random.int(...FAILED_RESOLVE_MS)
    if (this.get(resolution.ref.full) !== undefined) return random.int(...REPULL_MS)
    const base = PULL_SETUP_MS + resolution.sizeBytes / BYTES_PER_MS
    return Math.round(base * (0.85 + random.next() * 0.3))
  }
}
