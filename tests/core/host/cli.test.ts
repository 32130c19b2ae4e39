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

  it('shell reads commands from stdin: sleep 90s then nodes shows three nodes at 00:01:30', () => {
    const { stdout, stderr, status } = kubelab(['shell', '--seed', '1'], 'sleep 90s\nnodes\n')
    expect(stderr).toBe('')
    expect(status).toBe(0)
    for (const node of ['cp-1', 'worker-1', 'worker-2']) expect(stdout).toContain(node)
    expect(stdout).toContain('90s')
    expect(stdout).toContain('Cluster time: 00:01:30')
  })

  it('prints the same output twice for the same input and seed', () => {
    const input = 'sleep 90s\nnodes\nbogus\nsleep 3h\nnodes\n'
    const first = kubelab(['shell', '--seed', '1'], input)
    const second = kubelab(['shell', '--seed', '1'], input)
    expect(second.stdout).toBe(first.stdout)
    expect(second.stderr).toBe(first.stderr)
  })

  it('exits with the status of the last command, and stops reading at exit', () => {
    expect(kubelab(['shell'], 'bogus\n').status).toBe(127)
    const result = kubelab(['shell'], 'exit 4\nnodes\n')
    expect(result.status).toBe(4)
    expect(result.stdout).toBe('')
  })

  it('echoes commands with --echo, as a transcript', () => {
    expect(kubelab(['shell', '--echo'], 'sleep 1s\n').stdout).toBe('$ sleep 1s\n')
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
