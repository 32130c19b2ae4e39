/**
 * The lab's registry: which program an image runs, how big it is, which tags exist. Registries
 * are looked up by repository, any tag ("nginx", "docker.io/library/nginx:1.27" and
 * "nginx:latest" all find nginx); the `docker.io/library/` and `registry.k8s.io/` prefixes are
 * normalised away (core/node/imageRef.ts). The cluster assembly composes this default workload
 * registry with the control-plane images.
 */
import { repositoryOf } from './imageRef'
import type { Program, ProgramRegistry } from './program'
import { shellProgram } from './programs/busybox'
import { crashProgram, memoryHogProgram, pauseProgram } from './programs/labImages'
import { redisProgram } from './programs/redis'
import { httpdProgram, nginxProgram } from './programs/webServers'

/** A program with what a registry knows about its image. */
export interface ImageProgram extends Program {
  /** The size containerd reports after a pull ("Image size: N bytes"). */
  readonly sizeBytes: number
  /** Named tags besides "latest" and version-like ones ("1.27", "v1.32.4", "1.27-alpine"). */
  readonly namedTags?: readonly string[]
}

/** Size assumed for a program registered without one (a mid-sized image). */
export const DEFAULT_IMAGE_SIZE_BYTES = 50_000_000

/** The sandbox image of this release (kubeadm v1.32 and containerd's sandbox_image). */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10'

export function imageSizeBytes(program: Program): number {
  const size = (program as Partial<ImageProgram>).sizeBytes
  return typeof size === 'number' ? size : DEFAULT_IMAGE_SIZE_BYTES
}

const VERSION_TAG = /^v?\d+(?:\.\d+){0,3}(?:[-._][a-z0-9]+)*$/

/** Whether a registry would resolve this tag for this image. */
export function tagExists(program: Program, tag: string): boolean {
  if (tag === 'latest' || tag === '' || VERSION_TAG.test(tag)) return true
  const named = (program as Partial<ImageProgram>).namedTags ?? []
  return named.some((n) => tag === n || tag.startsWith(`${n}-`) || tag.endsWith(`-${n}`))
}

/** A registry of programs keyed by repository ("nginx", "kubelab/crash", "kube-apiserver"). */
export function programRegistry(programs: Readonly<Record<string, Program>>): ProgramRegistry {
  const byRepository = new Map<string, Program>()
  for (const [name, program] of Object.entries(programs)) {
    byRepository.set(repositoryOf(name) ?? name, program)
  }
  return (image) => {
    const repository = repositoryOf(image)
    return repository === undefined ? undefined : byRepository.get(repository)
  }
}

/** The first registry that knows an image wins. */
export function composeRegistries(...registries: ProgramRegistry[]): ProgramRegistry {
  return (image) => {
    for (const registry of registries) {
      const program = registry(image)
      if (program !== undefined) return program
    }
    return undefined
  }
}

function sized(
  program: Program,
  sizeBytes: number,
  namedTags: readonly string[] = [],
): ImageProgram {
  return {
    processName: (context) => program.processName(context),
    start: (context) => program.start(context),
    sizeBytes,
    namedTags,
  }
}

const DEBIAN_TAGS = [
  'alpine',
  'alpine-slim',
  'bookworm',
  'perl',
  'stable',
  'mainline',
  'otel',
  'slim',
]

/** The workload images a learner's pods use, with their real compressed sizes (amd64). */
export function workloadImages(): ProgramRegistry {
  const shell = shellProgram()
  return programRegistry({
    nginx: sized(nginxProgram(), 72_195_292, DEBIAN_TAGS),
    httpd: sized(httpdProgram(), 58_111_344, DEBIAN_TAGS),
    busybox: sized(shell, 2_155_234, ['musl', 'glibc', 'uclibc', 'stable']),
    alpine: sized(shell, 3_623_844, ['edge']),
    redis: sized(redisProgram(), 45_152_230, DEBIAN_TAGS),
    'registry.k8s.io/pause': sized(pauseProgram(), 320_368),
    'kubelab/memory-hog': sized(memoryHogProgram(), 4_871_204),
    'kubelab/crash': sized(crashProgram(), 2_302_117),
  })
}
