/**
 * The lab's images: references as containerd normalises them, registries, and the programs
 * (nginx, httpd, busybox's sh, redis, pause, the teaching images) run by runc under a shim.
 */
import { describe, expect, it } from 'vitest'
import { Clock } from '../../../core/clock'
import { Random } from '../../../core/random'
import { parseImageReference } from '../../../core/node/imageRef'
import {
  composeRegistries,
  programRegistry,
  tagExists,
  workloadImages,
} from '../../../core/node/images'
import { ProcessTable } from '../../../core/node/processTable'
import type { HttpResponse, Program } from '../../../core/node/program'
import { Runc, type ExitStatus, type RuncProcess } from '../../../core/node/runc'

function run(
  image: string,
  options: {
    command?: string[]
    args?: string[]
    env?: Record<string, string>
    memoryLimitBytes?: number
  } = {},
) {
  const clock = new Clock()
  const processes = new ProcessTable('worker-1', clock, new Random(1))
  const program = workloadImages()(image)!
  const lines: string[] = []
  const exits: ExitStatus[] = []
  const process: RuncProcess = new Runc(clock, processes).run(
    {
      ppid: 1,
      program,
      random: new Random(2),
      log: (line) => void lines.push(line),
      setup: {
        machine: 'worker-1',
        podNamespace: 'default',
        podName: 'demo',
        containerName: 'demo',
        podIP: '10.244.1.5',
        command: options.command ?? [],
        args: options.args ?? [],
        env: options.env ?? {},
        mounts: [],
        memoryLimitBytes: options.memoryLimitBytes,
      },
    },
    (status) => void exits.push(status),
  )
  return { clock, processes, process, lines, exits }
}

describe('images: references', () => {
  it('images: references: short names are normalised as containerd does', () => {
    const full = (image: string): string => {
      const parsed = parseImageReference(image)
      return parsed.ok ? parsed.ref.full : parsed.error
    }
    expect(full('nginx')).toBe('docker.io/library/nginx:latest')
    expect(full('nginx:1.27')).toBe('docker.io/library/nginx:1.27')
    expect(full('kubelab/crash')).toBe('docker.io/kubelab/crash:latest')
    expect(full('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10')
    expect(full('localhost:5000/app:v1')).toBe('localhost:5000/app:v1')
    expect(full('Nginx')).toBe(
      'invalid reference format: repository name (library/Nginx) must be lowercase',
    )
  })

  it('images: registries: found by repository, any tag; the first registry that knows an image wins', () => {
    const a: Program = { processName: () => 'a', start: () => ({ signal: () => undefined }) }
    const b: Program = { processName: () => 'b', start: () => ({ signal: () => undefined }) }
    const registry = composeRegistries(
      programRegistry({ 'registry.k8s.io/kube-apiserver': a }),
      programRegistry({ 'kube-apiserver': b, nginx: b }),
      workloadImages(),
    )
    expect(registry('registry.k8s.io/kube-apiserver:v1.32.4')).toBe(a)
    expect(registry('nginx:1.27')).toBe(b)
    expect(registry('docker.io/library/busybox:1.36')).toBeDefined()
    expect(registry('nosuchimage')).toBeUndefined()
    const nginx = workloadImages()('nginx')!
    expect(
      ['latest', '1.27', '1.27.3-alpine', 'stable-alpine', 'alpine'].every((t) =>
        tagExists(nginx, t),
      ),
    ).toBe(true)
    expect(tagExists(nginx, 'doesnotexist')).toBe(false)
  })
})

describe('images: programs', () => {
  it('images: nginx: serves its welcome page on port 80 and logs each request', () => {
    const { process, lines } = run('nginx')
    const page = process.http({ method: 'GET', path: '/', port: 80 }) as HttpResponse
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Welcome to nginx!</title>')
    expect(page.body.length).toBe(615)
    expect(process.http({ method: 'GET', path: '/', port: 8080 })).toBeUndefined()
    expect((process.http({ method: 'GET', path: '/nope', port: 80 }) as HttpResponse).status).toBe(
      404,
    )
    expect(lines.at(-1)).toBe(
      '127.0.0.1 - - [05/Jan/2026:09:00:00 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/8.5.0" "-"',
    )
    expect(process.listening()).toEqual([80])
    expect(process.command).toBe('nginx: master process nginx -g daemon off;')
  })

  it('images: nginx: its stop signal shuts it down gracefully with exit 0', () => {
    const { clock, process, lines, exits } = run('nginx')
    process.signal('SIGTERM')
    clock.advance(100)
    expect(lines).toContain(
      '2026/01/05 09:00:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
    )
    expect(exits).toEqual([{ exitCode: 0, signal: undefined, oomKilled: false, atMs: 50 }])
  })

  it('images: httpd: "It works!" on port 80', () => {
    const { process, lines } = run('httpd:2.4')
    expect((process.http({ method: 'GET', path: '/', port: 80 }) as HttpResponse).body).toBe(
      '<html><body><h1>It works!</h1></body></html>\n',
    )
    expect(lines[2]).toMatch(
      /AH00489: Apache\/2\.4\.62 \(Unix\) configured -- resuming normal operations$/,
    )
  })

  it('images: redis: listens on 6379 and prints its banner', () => {
    const { process, lines } = run('redis:7')
    expect(process.listening()).toEqual([6379])
    expect(lines[0]).toBe(
      '1:C 05 Jan 2026 09:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
    )
    expect(lines.at(-1)).toBe('1:M 05 Jan 2026 09:00:00.000 * Ready to accept connections tcp')
    expect(process.http({ method: 'GET', path: '/', port: 6379 })).toBeUndefined()
  })

  it('images: busybox: a while loop with sleep prints on the clock', () => {
    const { clock, lines } = run('busybox', {
      command: ['sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'],
    })
    clock.advance(2_500)
    expect(lines).toEqual([
      '0: Mon Jan  5 09:00:00 UTC 2026',
      '1: Mon Jan  5 09:00:01 UTC 2026',
      '2: Mon Jan  5 09:00:02 UTC 2026',
    ])
  })

  it('images: busybox: scripts exit with their status, and unknown commands are not found', () => {
    const exitOf = (script: string): [number | undefined, string[]] => {
      const { clock, exits, lines } = run('busybox', { command: ['/bin/sh', '-c'], args: [script] })
      clock.advance(10_000)
      return [exits[0]?.exitCode, lines]
    }
    expect(exitOf('echo hello; exit 3')).toEqual([3, ['hello']])
    expect(exitOf('cat /etc/hostname')).toEqual([0, ['demo']])
    expect(exitOf('sleep 2 && echo done')).toEqual([0, ['done']])
    expect(exitOf('false || echo fallback')).toEqual([0, ['fallback']])
    expect(exitOf('nosuch')).toEqual([127, ['sh: nosuch: not found']])
    expect(exitOf('for i in 1 2 3; do echo $i; done')).toEqual([0, ['1', '2', '3']])
    expect(exitOf('if [ -f /tmp/x ]; then echo yes; else echo no; fi')).toEqual([0, ['no']])
    expect(exitOf('echo "$GREETING world"')).toEqual([0, [' world']])
  })

  it('images: busybox: with no command it runs sh, which exits 0 at once', () => {
    const { clock, exits } = run('busybox')
    clock.advance(10)
    expect(exits[0]?.exitCode).toBe(0)
  })

  it('images: busybox: as pid 1 it ignores SIGTERM; SIGKILL ends it with 137', () => {
    const { clock, process, exits } = run('busybox', { command: ['sleep', '3600'] })
    process.signal('SIGTERM')
    clock.advance(60_000)
    expect(exits).toEqual([])
    process.signal('SIGKILL')
    clock.advance(1)
    expect(exits).toEqual([{ exitCode: 137, signal: 9, oomKilled: false, atMs: 60_000 }])
  })

  it("images: busybox: exec runs commands in the container's files", () => {
    const { clock, process } = run('busybox', {
      command: ['sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
    })
    clock.advance(1_000)
    expect(process.exec(['cat', '/tmp/healthy'], 1_000)).toEqual({
      exitCode: 0,
      output: '',
      timedOut: false,
    })
    clock.advance(30_000)
    expect(process.exec(['cat', '/tmp/healthy'], 1_000)).toEqual({
      exitCode: 1,
      output: "cat: can't open '/tmp/healthy': No such file or directory\n",
      timedOut: false,
    })
    expect(process.exec(['sh', '-c', 'sleep 5'], 1_000)!.timedOut).toBe(true)
  })

  it('images: memory-hog: allocates over four seconds and is OOM-killed past its limit', () => {
    const { clock, exits, process, lines } = run('kubelab/memory-hog', {
      args: ['--mb', '256'],
      memoryLimitBytes: 128 * 1024 * 1024,
    })
    clock.advance(1_100)
    expect(process.memoryBytes()).toBe((2 + 64) * 1024 * 1024)
    clock.advance(5_000)
    expect(exits).toEqual([{ exitCode: 137, signal: 9, oomKilled: true, atMs: 2_000 }])
    expect(lines.at(-1)).toBe('memory-hog: allocated 96 MiB of 256 MiB')
  })

  it('images: crash: logs an error and exits 1 after two seconds', () => {
    const { clock, exits, lines } = run('kubelab/crash')
    clock.advance(5_000)
    expect(exits).toEqual([{ exitCode: 1, signal: undefined, oomKilled: false, atMs: 2_000 }])
    expect(lines.at(-1)).toBe(
      '2026/01/05 09:00:02 kubelab/crash: fatal: dial tcp db:5432: connect: connection refused',
    )
  })

  it('images: runc: the process is in the table under its parent until it ends', () => {
    const { clock, processes, process } = run('kubelab/crash')
    expect(processes.get(process.pid)).toMatchObject({ ppid: 1, command: '/crash' })
    clock.advance(3_000)
    expect(processes.get(process.pid)).toBeUndefined()
  })
})
