/**
 * containerd, its shims and runc, driven through the CRI directly (FIDELITY.md §9).
 */
import { describe, expect, it } from 'vitest'
import { Clock } from '../../../core/clock'
import { Random } from '../../../core/random'
import { Containerd } from '../../../core/node/containerd'
import type {
  ContainerEvent,
  CriError,
  PodSandboxConfig,
  PullResult,
  Reply,
} from '../../../core/node/cri'
import { workloadImages } from '../../../core/node/images'
import { ProcessTable } from '../../../core/node/processTable'

const REFUSED =
  'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"'

function setup(
  seed = 1,
  images = ['docker.io/library/nginx:latest', 'registry.k8s.io/pause:3.10'],
) {
  const clock = new Clock()
  const random = new Random(seed)
  const processes = new ProcessTable('worker-1', clock, random.fork('processes'))
  const containerd = new Containerd({
    machine: 'worker-1',
    clock,
    random: random.fork('containerd/worker-1'),
    processes,
    programs: workloadImages(),
    images,
  })
  containerd.start()
  return { clock, processes, containerd }
}

function sandboxConfig(name: string, ip: string): PodSandboxConfig {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, attempt: 0 },
    hostname: name,
    hostNetwork: false,
    ip,
    labels: { 'io.kubernetes.pod.uid': `uid-${name}` },
    annotations: {},
    logDirectory: `/var/log/pods/default_${name}_uid-${name}`,
  }
}

/** Runs an asynchronous CRI call to its reply. */
function await_<T>(
  clock: Clock,
  call: (reply: Reply<T>) => void,
): { ok: true; value: T } | { ok: false; error: CriError } {
  let result: { ok: true; value: T } | { ok: false; error: CriError } | undefined
  call((r) => (result = r))
  while (result === undefined) clock.advance(10)
  return result
}

function runNginx(
  t: ReturnType<typeof setup>,
  name = 'web',
  ip = '10.244.1.2',
): { sandboxId: string; containerId: string } {
  const sandbox = await_(t.clock, (reply: Reply<string>) =>
    t.containerd.runPodSandbox(sandboxConfig(name, ip), reply),
  )
  if (!sandbox.ok) throw sandbox.error
  const containerId = t.containerd.createContainer(sandbox.value, {
    metadata: { name, attempt: 0 },
    image: 'nginx',
    command: [],
    args: [],
    env: {},
    memoryLimitBytes: undefined,
    labels: { 'io.kubernetes.container.name': name },
    annotations: {},
    logPath: `${name}/0.log`,
  })
  t.containerd.startContainer(containerId)
  return { sandboxId: sandbox.value, containerId }
}

describe('containerd: CRI', () => {
  it("containerd: ids: sandboxes and containers get 64-hex ids from containerd's seeded stream", () => {
    const a = runNginx(setup(3))
    const b = runNginx(setup(3))
    expect(a.containerId).toMatch(/^[0-9a-f]{64}$/)
    expect(a).toEqual(b)
    expect(runNginx(setup(4)).containerId).not.toBe(a.containerId)
  })

  it('containerd: shim: one shim per sandbox, parent of pause and of the containers (ps tree)', () => {
    const t = setup()
    const { sandboxId } = runNginx(t)
    const tree = t.processes.list().map((p) => `${p.pid}<${p.ppid} ${p.command}`)
    const shim = t.processes.list().find((p) => p.command.includes('containerd-shim-runc-v2'))!
    expect(shim.command).toBe(
      `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandboxId} -address /run/containerd/containerd.sock`,
    )
    expect(shim.ppid).toBe(1)
    expect(t.processes.children(shim.pid).map((p) => p.command)).toEqual([
      '/pause',
      'nginx: master process nginx -g daemon off;',
    ])
    expect(tree[0]).toBe('1<0 /sbin/init')
    expect(tree[1]).toMatch(/^\d+<1 \/usr\/bin\/containerd$/)
    t.containerd.stopPodSandbox(sandboxId)
    t.containerd.removePodSandbox(sandboxId)
    t.clock.advance(1)
    expect(t.processes.list().map((p) => p.command)).toEqual(['/sbin/init', '/usr/bin/containerd'])
  })

  it('containerd: stop: every CRI call fails with the dial error while containerd is stopped (FIDELITY.md §9.2)', () => {
    const t = setup()
    const { containerId } = runNginx(t)
    t.containerd.stop()
    const calls: (() => unknown)[] = [
      () => t.containerd.status(),
      () => t.containerd.version(),
      () => t.containerd.listContainers(),
      () => t.containerd.listPodSandbox(),
      () => t.containerd.listImages(),
      () => t.containerd.imageStatus('nginx'),
      () => t.containerd.containerStatus(containerId),
      () => t.containerd.removeContainer(containerId),
      () => t.containerd.execSync(containerId, ['true'], 1000),
      () => t.containerd.containerLog(containerId),
    ]
    for (const call of calls) expect(call).toThrow(REFUSED)
    const pull = await_(t.clock, (reply: Reply<PullResult>) =>
      t.containerd.pullImage('redis', reply),
    )
    expect(pull.ok ? '' : pull.error.message).toBe(REFUSED)
    const sandbox = await_(t.clock, (reply: Reply<string>) =>
      t.containerd.runPodSandbox(sandboxConfig('late', '10.244.1.3'), reply),
    )
    expect(sandbox.ok ? '' : sandbox.error.message).toBe(REFUSED)
  })

  it('containerd: stop: a pull in flight fails with EOF', () => {
    const t = setup()
    let result: string | undefined
    t.containerd.pullImage('redis', (reply) => (result = reply.ok ? 'ok' : reply.error.message))
    t.clock.advance(500)
    t.containerd.stop()
    t.clock.advance(1)
    expect(result).toBe('rpc error: code = Unavailable desc = error reading from server: EOF')
  })

  it('containerd: restart: containers keep running, exits missed meanwhile are reported on reconnect', () => {
    const t = setup()
    const { containerId } = runNginx(t)
    const events: ContainerEvent[] = []
    t.containerd.subscribe((e) => events.push(e))
    t.containerd.stop()
    expect(t.processes.list().some((p) => p.command.startsWith('nginx'))).toBe(true)
    const nginx = t.processes.list().find((p) => p.command.startsWith('nginx'))!
    const killedAt = t.clock.nowMs
    t.processes.kill(nginx.pid, 'SIGKILL')
    t.clock.advance(1_000)
    expect(events).toEqual([])
    t.containerd.start()
    expect(events).toEqual([
      {
        type: 'CONTAINER_STOPPED_EVENT',
        containerId,
        podSandboxId: expect.any(String),
        podUid: 'uid-web',
        atMs: killedAt,
      },
    ])
    expect(t.containerd.containerStatus(containerId)).toMatchObject({
      state: 'CONTAINER_EXITED',
      exitCode: 137,
      reason: 'Error',
      finishedAtMs: killedAt,
    })
  })

  it('containerd: stop container: SIGTERM first, SIGKILL after the timeout', () => {
    const t = setup(1, ['docker.io/library/busybox:latest', 'registry.k8s.io/pause:3.10'])
    const sandbox = await_(t.clock, (reply: Reply<string>) =>
      t.containerd.runPodSandbox(sandboxConfig('sleeper', '10.244.1.2'), reply),
    )
    if (!sandbox.ok) throw sandbox.error
    const id = t.containerd.createContainer(sandbox.value, {
      metadata: { name: 'sleeper', attempt: 0 },
      image: 'busybox',
      command: ['sleep', '3600'],
      args: [],
      env: {},
      memoryLimitBytes: undefined,
      labels: {},
      annotations: {},
      logPath: 'sleeper/0.log',
    })
    t.containerd.startContainer(id)
    const started = t.clock.nowMs
    const stopped = await_(t.clock, (reply: Reply<void>) =>
      t.containerd.stopContainer(id, 10, reply),
    )
    expect(stopped.ok).toBe(true)
    expect(t.containerd.containerStatus(id)).toMatchObject({
      state: 'CONTAINER_EXITED',
      exitCode: 137,
      finishedAtMs: started + 10_000,
    })
  })

  it('containerd: pull: the image is stored with its size and digest; an unknown tag is NotFound', () => {
    const t = setup(1, [])
    const pulled = await_(t.clock, (reply: Reply<PullResult>) =>
      t.containerd.pullImage('redis:7.4', reply),
    )
    expect(pulled.ok && pulled.value.imageRef).toMatch(
      /^docker\.io\/library\/redis@sha256:[0-9a-f]{64}$/,
    )
    expect(t.containerd.imageStatus('docker.io/library/redis:7.4')).toMatchObject({
      repoTags: ['docker.io/library/redis:7.4'],
      sizeBytes: 45_152_230,
    })
    const missing = await_(t.clock, (reply: Reply<PullResult>) =>
      t.containerd.pullImage('registry.k8s.io/pause:nope', reply),
    )
    expect(missing.ok ? '' : missing.error.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/pause:nope": failed to resolve reference "registry.k8s.io/pause:nope": registry.k8s.io/pause:nope: not found',
    )
    t.containerd.registryReachable = false
    const offline = await_(t.clock, (reply: Reply<PullResult>) =>
      t.containerd.pullImage('nginx', reply),
    )
    expect(offline.ok ? '' : offline.error.message).toContain(
      'dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving',
    )
  })
})
