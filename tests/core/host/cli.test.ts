import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../../..')
const kubelab = (args: string[], input = '') =>
  spawnSync(process.execPath, [resolve(root, 'out/cli/kubelab.js'), ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8' },
  })

describe('cli: kubelab', () => {
  beforeAll(async () => {
    // @ts-expect-error: a plain .mjs build script, without types
    const { buildCli } = (await import('../../../scripts/build-cli.mjs')) as {
      buildCli(): Promise<void>
    }
    await buildCli()
  }, 60_000)

  it('prints its version and the Kubernetes release it simulates', () => {
    const { stdout, status } = kubelab(['version'])
    expect(stdout).toMatch(/^kubelab \d+\.\d+\.\d+ \(simulates Kubernetes v1\.32\.\d+\)\n$/)
    expect(status).toBe(0)
  })

  it('shell reads commands from stdin: sleep 90s moves the cluster clock by 90 s', () => {
    const { stdout, stderr, status } = kubelab(['shell', '--seed', '1'], 'date\nsleep 90s\ndate\n')
    expect(stderr).toBe('')
    expect(status).toBe(0)
    expect(stdout).toBe('Mon Jan  5 09:00:00 UTC 2026\nMon Jan  5 09:01:30 UTC 2026\n')
  })

  it('builds the cluster shape it is asked for', () => {
    const { stdout, stderr } = kubelab(
      ['shell', '--control-planes', '3', '--workers', '4'],
      'ssh cp-3 hostname\nssh worker-4 hostname\nssh worker-5 hostname\n',
    )
    expect(stdout).toBe('cp-3\nworker-4\n')
    expect(stderr).toBe('ssh: Could not resolve hostname worker-5: Name or service not known\n')
    expect(kubelab(['shell', '--control-planes', '0']).stderr).toContain(
      'invalid argument "0" for "--control-planes" flag: want an integer from 1 to 7',
    )
  })

  it('prints the same output twice for the same input and seed', () => {
    const input = 'sleep 90s\ndate\nbogus\nsleep 3h\nssh worker-1 date\n'
    const first = kubelab(['shell', '--seed', '1'], input)
    const second = kubelab(['shell', '--seed', '1'], input)
    expect(second.stdout).toBe(first.stdout)
    expect(second.stderr).toBe(first.stderr)
  })

  it('exits with the status of the last command, and stops reading at exit', () => {
    expect(kubelab(['shell'], 'bogus\n').status).toBe(127)
    const result = kubelab(['shell'], 'exit 4\nhostname\n')
    expect(result.status).toBe(4)
    expect(result.stdout).toBe('')
  })

  it('echoes commands with --echo, as a transcript, with the node prompt after ssh', () => {
    expect(kubelab(['shell', '--echo'], 'sleep 1s\nssh worker-1\nhostname\nexit\n').stdout).toBe(
      '$ sleep 1s\n$ ssh worker-1\nWelcome to Ubuntu 24.04.1 LTS (GNU/Linux 6.8.0-51-generic x86_64)\n\n' +
        'root@worker-1:~# hostname\nworker-1\nroot@worker-1:~# exit\nlogout\nConnection to worker-1 closed.\n',
    )
  })

  it('rejects unknown commands and bad flags with usage and status 2', () => {
    const unknown = kubelab(['frobnicate'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain('Error: unknown command "frobnicate" for "kubelab"')
    expect(kubelab(['shell', '--seed', 'x']).stderr).toContain(
      'invalid argument "x" for "--seed" flag',
    )
    expect(kubelab(['shell', '--bogus']).stderr).toContain('unknown flag: --bogus')
  })
})
