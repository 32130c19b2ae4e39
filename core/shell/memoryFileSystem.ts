/**
 * The in-memory FileSystem of one machine, with mounts: directories whose files another part of
 * the simulation owns (the kubelet's manifest folder).
 */
import {
  baseName,
  FsError,
  parentOf,
  type FileContent,
  type FileStat,
  type FileSystem,
} from './fileSystem'

/** A directory backed by the simulation: flat, files only. */
export interface Mount {
  names(): string[]
  read(name: string): FileContent | undefined
  write(name: string, content: FileContent): void
  remove(name: string): boolean
  modifiedMs(name: string): number
}

type Node =
  { type: 'dir'; modifiedMs: number } | { type: 'file'; content: FileContent; modifiedMs: number }

export class MemoryFileSystem implements FileSystem {
  private readonly nodes = new Map<string, Node>([['/', { type: 'dir', modifiedMs: 0 }]])
  private readonly mounts = new Map<string, Mount>()

  constructor(private readonly now: () => number) {}

  /** Attaches a mount at `dir`, creating its parents. */
  mount(dir: string, mount: Mount): void {
    this.mkdir(parentOf(dir), { parents: true })
    this.mounts.set(dir, mount)
  }

  stat(path: string): FileStat | undefined {
    if (this.mounts.has(path)) return { type: 'dir', size: 0, modifiedMs: 0 }
    const mounted = this.inMount(path)
    if (mounted !== undefined) {
      const content = mounted.mount.read(mounted.name)
      return content === undefined
        ? undefined
        : {
            type: 'file',
            size: content.text.length,
            modifiedMs: mounted.mount.modifiedMs(mounted.name),
          }
    }
    const node = this.nodes.get(path)
    if (node === undefined) return undefined
    return node.type === 'dir'
      ? { type: 'dir', size: 0, modifiedMs: node.modifiedMs }
      : { type: 'file', size: node.content.text.length, modifiedMs: node.modifiedMs }
  }

  read(path: string): FileContent {
    const mounted = this.inMount(path)
    if (mounted !== undefined) {
      const content = mounted.mount.read(mounted.name)
      if (content === undefined) throw new FsError('ENOENT', path)
      return content
    }
    const node = this.nodes.get(path)
    if (node === undefined) throw new FsError(this.mounts.has(path) ? 'EISDIR' : 'ENOENT', path)
    if (node.type === 'dir') throw new FsError('EISDIR', path)
    return node.content
  }

  write(path: string, content: FileContent, options: { append?: boolean } = {}): void {
    const mounted = this.inMount(path)
    const previous =
      options.append && this.stat(path)?.type === 'file' ? this.read(path) : undefined
    const next: FileContent =
      previous === undefined ? content : { text: previous.text + content.text }
    if (mounted !== undefined) {
      mounted.mount.write(mounted.name, next)
      return
    }
    if (this.mounts.has(path)) throw new FsError('EISDIR', path)
    const parent = this.nodes.get(parentOf(path))
    if (parent === undefined) throw new FsError('ENOENT', path)
    if (parent.type !== 'dir') throw new FsError('ENOTDIR', path)
    if (this.nodes.get(path)?.type === 'dir') throw new FsError('EISDIR', path)
    this.nodes.set(path, { type: 'file', content: next, modifiedMs: this.now() })
  }

  list(path: string): string[] {
    const mount = this.mounts.get(path)
    if (mount !== undefined) return mount.names().sort()
    const node = this.nodes.get(path)
    if (node === undefined) throw new FsError('ENOENT', path)
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path)
    const prefix = path === '/' ? '/' : `${path}/`
    const names = new Set<string>()
    for (const key of [...this.nodes.keys(), ...this.mounts.keys()]) {
      if (key !== path && key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
        names.add(key.slice(prefix.length))
    }
    return [...names].sort()
  }

  mkdir(path: string, options: { parents?: boolean } = {}): void {
    if (path === '/' || this.mounts.has(path)) {
      if (options.parents) return
      throw new FsError('EEXIST', path)
    }
    const existing = this.nodes.get(path)
    if (existing !== undefined) {
      if (options.parents && existing.type === 'dir') return
      throw new FsError('EEXIST', path)
    }
    if (this.inMount(path) !== undefined) throw new FsError('EINVAL', path)
    const parent = parentOf(path)
    if (!this.nodes.has(parent) && !this.mounts.has(parent)) {
      if (!options.parents) throw new FsError('ENOENT', path)
      this.mkdir(parent, options)
    }
    if (this.nodes.get(parent)?.type === 'file') throw new FsError('ENOTDIR', path)
    this.nodes.set(path, { type: 'dir', modifiedMs: this.now() })
  }

  remove(path: string, options: { recursive?: boolean } = {}): void {
    const mounted = this.inMount(path)
    if (mounted !== undefined) {
      if (!mounted.mount.remove(mounted.name)) throw new FsError('ENOENT', path)
      return
    }
    const node = this.nodes.get(path)
    if (node === undefined) throw new FsError(this.mounts.has(path) ? 'EINVAL' : 'ENOENT', path)
    if (node.type === 'dir') {
      const children = this.list(path)
      if (children.length > 0 && !options.recursive) throw new FsError('ENOTEMPTY', path)
      for (const child of children) this.remove(`${path === '/' ? '' : path}/${child}`, options)
    }
    this.nodes.delete(path)
  }

  rename(from: string, to: string): void {
    const stat = this.stat(from)
    if (stat === undefined) throw new FsError('ENOENT', from)
    if (stat.type === 'dir') {
      if (this.mounts.has(from)) throw new FsError('EINVAL', from)
      this.mkdir(to)
      for (const child of this.list(from)) this.rename(`${from}/${child}`, `${to}/${child}`)
      this.nodes.delete(from)
      return
    }
    const content = this.read(from)
    this.write(to, content)
    this.remove(from)
  }

  private inMount(path: string): { mount: Mount; name: string } | undefined {
    const mount = this.mounts.get(parentOf(path))
    return mount === undefined ? undefined : { mount, name: baseName(path) }
  }
}
