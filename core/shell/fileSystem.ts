/**
 * A machine's files, as the lab's shell sees them: a small in-memory tree of directories and
 * text files, where some directories are mounts backed by the simulation (the kubelet's
 * /etc/kubernetes/manifests), so that `mv kube-apiserver.yaml /tmp` stops the API server.
 *
 * Invariants:
 * 1. Paths given to a FileSystem are absolute and normalized ("/a/b", no "." or ".."): the
 *    shell resolves them against its working directory first.
 * 2. Errors are FsError with the errno name coreutils print ("No such file or directory").
 * 3. A file holds text, and optionally an opaque value the simulation reads back (an etcd
 *    snapshot written by `etcdctl snapshot save`); copying or moving the file keeps both.
 */

export type FsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EINVAL'

/** The messages strerror(3) gives, which coreutils print after the path. */
export const FS_ERROR_TEXT: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
}

export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(`${path}: ${FS_ERROR_TEXT[code]}`)
    this.name = 'FsError'
  }

  /** "No such file or directory": what coreutils print after "cat: x: ". */
  get text(): string {
    return FS_ERROR_TEXT[this.code]
  }
}

export interface FileStat {
  type: 'file' | 'dir'
  /** Bytes of text (0 for a directory). */
  size: number
  /** Virtual time of the last change. */
  modifiedMs: number
}

export interface FileContent {
  text: string
  /** An opaque value the simulation attached (an etcd snapshot); kept by cp and mv. */
  data?: unknown
}

export interface FileSystem {
  stat(path: string): FileStat | undefined
  /** A file's content; throws ENOENT or EISDIR. */
  read(path: string): FileContent
  /** Creates or replaces (or appends to) a file; the parent directory must exist. */
  write(path: string, content: FileContent, options?: { append?: boolean }): void
  /** Entry names in a directory, sorted; throws ENOENT or ENOTDIR. */
  list(path: string): string[]
  mkdir(path: string, options?: { parents?: boolean }): void
  /** Removes a file, or a directory (empty unless recursive). */
  remove(path: string, options?: { recursive?: boolean }): void
  /** mv: renames a file or directory; across mounts it copies then removes, as mv(1) does. */
  rename(from: string, to: string): void
}

/** Splits and normalizes a path: resolves "." and "..", collapses slashes. */
export function normalizePath(path: string, cwd = '/'): string {
  const parts: string[] = []
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') parts.pop()
    else parts.push(part)
  }
  return `/${parts.join('/')}`
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i <= 0 ? '/' : path.slice(0, i)
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}
