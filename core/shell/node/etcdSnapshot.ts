/**
 * `etcdctl snapshot save|status|restore` (3.5, with 3.5's deprecation notes for status and
 * restore, which moved to etcdutl). A saved snapshot is a file whose FileContent.data holds the
 * keyspace (EtcdSnapshot); cp and mv keep it.
 *
 * Restore, simplified: `snapshot restore FILE --data-dir DIR` writes DIR/member/snap/db and
 * DIR/member/wal. When the learner then points the etcd static pod at DIR (the etcd-data
 * hostPath or --data-dir in /etc/kubernetes/manifests/etcd.yaml), the cluster's keyspace becomes
 * the snapshot's — what a real restore achieves once etcd starts on the restored directory. The
 * member id, cluster id and Raft log of the restored member are not modelled.
 */
import type { KubeObject, Pod } from '../../api/types'
import type { EtcdSnapshot } from '../../etcd/etcd'
import type { CommandIO, ShellContext } from '../command'
import { humanBytes, zapTime } from './etcdConnection'
import type { NodeHost } from './nodeHost'
import { stableNumber } from './nodeHost'

type Snapshot = EtcdSnapshot<KubeObject>

function isSnapshot(value: unknown): value is Snapshot {
  return typeof value === 'object' && value !== null && 'revision' in value && 'entries' in value
}

export function dbSizeBytes(keys: number): number {
  return 2_097_152 + keys * 4_096
}

export function snapshotSave(
  host: NodeHost,
  endpoint: string,
  file: string,
  context: ShellContext,
  io: CommandIO,
): number {
  const snapshot = host.cluster.etcd.snapshotSave(host.node.machine.metadata.name)
  const path = context.resolve(file)
  const ts = (): string => zapTime(context.host.nowMs())
  const size = humanBytes(dbSizeBytes(snapshot.entries.length))
  try {
    context.fs.write(path, {
      text: `(etcd snapshot at revision ${snapshot.revision})\n`,
      data: snapshot,
    })
  } catch {
    io.err(`Error: could not open ${file}.part (open ${file}.part: no such file or directory)\n`)
    return 1
  }
  io.err(
    [
      `{"level":"info","ts":"${ts()}","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"${file}.part"}`,
      `{"level":"info","ts":"${ts()}","logger":"client","caller":"v3@v3.5.16/maintenance.go:212","msg":"opened snapshot stream; downloading"}`,
      `{"level":"info","ts":"${ts()}","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"${endpoint}"}`,
      `{"level":"info","ts":"${ts()}","logger":"client","caller":"v3@v3.5.16/maintenance.go:220","msg":"completed snapshot read; closing"}`,
      `{"level":"info","ts":"${ts()}","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"${endpoint}","size":"${size}","took":"now"}`,
      `{"level":"info","ts":"${ts()}","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"${file}"}`,
      '',
    ].join('\n'),
  )
  io.out(`Snapshot saved at ${file}\n`)
  return 0
}

function readSnapshot(file: string, context: ShellContext, io: CommandIO): Snapshot | undefined {
  const path = context.resolve(file)
  if (context.fs.stat(path)?.type !== 'file') {
    io.err(`Error: stat ${file}: no such file or directory\n`)
    return undefined
  }
  const data = context.fs.read(path).data
  if (!isSnapshot(data)) {
    io.err(`Error: invalid database\n`)
    return undefined
  }
  return data
}

export function snapshotStatus(
  file: string,
  table: boolean,
  context: ShellContext,
  io: CommandIO,
  render: (h: string[], r: string[][]) => string,
): number {
  io.err('Deprecated: Use `etcdutl snapshot status` instead.\n\n')
  const snapshot = readSnapshot(file, context, io)
  if (snapshot === undefined) return 1
  const hash = stableNumber(
    `${snapshot.revision}/${snapshot.entries.length}`,
    0x10000000,
    0xffffffff,
  ).toString(16)
  const row = [
    hash,
    String(snapshot.revision),
    String(snapshot.entries.length),
    humanBytes(dbSizeBytes(snapshot.entries.length)),
  ]
  io.out(
    table ? render(['hash', 'revision', 'total keys', 'total size'], [row]) : `${row.join(', ')}\n`,
  )
  return 0
}

/** Restored directories, per cluster: where a snapshot waits for etcd to be pointed at it. */
const restored = new WeakMap<object, Map<string, Snapshot>>()
const hooked = new WeakSet<object>()

export function snapshotRestore(
  host: NodeHost,
  file: string,
  dataDir: string | undefined,
  context: ShellContext,
  io: CommandIO,
): number {
  io.err('Deprecated: Use `etcdutl snapshot restore` instead.\n\n')
  const snapshot = readSnapshot(file, context, io)
  if (snapshot === undefined) return 1
  const name = host.node.machine.metadata.name
  const dir = context.resolve(dataDir ?? `${name}.etcd`)
  if (context.fs.stat(dir) !== undefined && context.fs.list(dir).length > 0) {
    io.err(`Error: data-dir "${dir}" not empty or could not be read\n`)
    return 1
  }
  context.fs.mkdir(`${dir}/member/snap`, { parents: true })
  context.fs.mkdir(`${dir}/member/wal`, { parents: true })
  context.fs.write(`${dir}/member/snap/db`, { text: '(etcd bolt database)\n', data: snapshot })
  const byDir = restored.get(host.cluster) ?? new Map<string, Snapshot>()
  restored.set(host.cluster, byDir)
  byDir.set(`${name}:${dir}`, snapshot)
  watchManifest(host)
  const t = zapTime(context.host.nowMs()).replace(/(\.\d{3})\d*Z$/, '$1Z')
  const dirs = `"wal-dir": "${dir}/member/wal", "data-dir": "${dir}", "snap-dir": "${dir}/member/snap"`
  io.out(
    [
      `${t}\tinfo\tsnapshot/v3_snapshot.go:248\trestoring snapshot\t{"path": "${file}", ${dirs}, "stack": "go.etcd.io/etcd/etcdutl/v3/snapshot.(*v3Manager).Restore\\n\\tgo.etcd.io/etcd/etcdutl/v3@v3.5.16/snapshot/v3_snapshot.go:254"}`,
      `${t}\tinfo\tmembership/store.go:141\tTrimming membership information from the backend...`,
      `${t}\tinfo\tmembership/cluster.go:421\tadded member\t{"cluster-id": "cdf818194e3a8c32", "local-member-id": "0", "added-peer-id": "8e9e05c52164694d", "added-peer-peer-urls": ["http://localhost:2380"]}`,
      `${t}\tinfo\tsnapshot/v3_snapshot.go:269\trestored snapshot\t{"path": "${file}", ${dirs}}`,
      '',
    ].join('\n'),
  )
  return 0
}

/**
 * The host directory etcd keeps its data in: the container's --data-dir, through the hostPath
 * volume mounted there (kubeadm mounts etcd-data at /var/lib/etcd). Restoring means pointing
 * that hostPath at the restored directory, or pointing --data-dir at a mounted path.
 */
function dataDirOf(pod: Pod): string | undefined {
  const container = pod.spec.containers.find((c) => c.name === 'etcd') ?? pod.spec.containers[0]
  const flag = container?.command?.find((a) => a.startsWith('--data-dir='))
  const dataDir = flag?.slice('--data-dir='.length)
  if (dataDir === undefined) return undefined
  const mount = (container?.volumeMounts ?? [])
    .filter((m) => dataDir === m.mountPath || dataDir.startsWith(`${m.mountPath}/`))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0]
  const hostPath = pod.spec.volumes?.find((v) => v.name === mount?.name)?.hostPath?.path
  if (mount === undefined || hostPath === undefined) return dataDir
  return hostPath + dataDir.slice(mount.mountPath.length)
}

/** Once per node: when etcd.yaml starts mounting a restored directory, its keyspace takes over. */
function watchManifest(host: NodeHost): void {
  if (hooked.has(host.node.staticPods)) return
  hooked.add(host.node.staticPods)
  const name = host.node.machine.metadata.name
  host.node.staticPods.onChange((change) => {
    if (!change.path.endsWith('/etcd.yaml') || change.pod === undefined) return
    const dir = dataDirOf(change.pod)
    const snapshot =
      dir === undefined ? undefined : restored.get(host.cluster)?.get(`${name}:${dir}`)
    if (snapshot === undefined) return
    restored.get(host.cluster)!.delete(`${name}:${dir}`)
    host.cluster.etcd.snapshotRestore(snapshot)
  })
}
