/**
 * The source checks itself: the rules that keep core deterministic and host-free must bite.
 * (TigerBeetle's "tidy" test.) A rule that is silently off would let a flaky run in.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { ESLint } from 'eslint'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

async function lintMessages(path: string, code: string) {
  const eslint = new ESLint({ cwd: root })
  const [result] = await eslint.lintText(code, { filePath: join(root, path) })
  return result!.messages
}

async function lintAs(path: string, code: string): Promise<string[]> {
  return (await lintMessages(path, code)).map((m) => `${m.ruleId ?? ''}: ${m.message}`)
}

describe('tidy: core stays deterministic', () => {
  it('lint fails when a core file calls Math.random()', async () => {
    const messages = await lintAs(
      'core/scheduler/pick.ts',
      'export const pick = () => Math.random()\n',
    )
    expect(messages).toEqual([expect.stringContaining("'Math.random' is restricted")])
  })

  it('lint fails on wall time and real timers in core', async () => {
    const code = [
      'export const a = Date.now()',
      'export const b = new Date()',
      'setTimeout(() => undefined, 1)',
      'export const c = performance.now()',
      '',
    ].join('\n')
    const flaggedLines = (await lintMessages('core/clockish.ts', code)).map((m) => m.line)
    expect([...new Set(flaggedLines)]).toEqual([1, 2, 3, 4])
  })

  it('lint fails when core imports a host module, the UI or core/host', async () => {
    const code = [
      "import { readFileSync } from 'node:fs'",
      "import { ref } from 'vue'",
      "import { serve } from './host/serve'",
      'export const x = [readFileSync, ref, serve]',
      '',
    ].join('\n')
    expect(await lintAs('core/leaky.ts', code)).toHaveLength(3)
  })

  it('lint allows the same calls in core/host, where the host lives', async () => {
    const messages = await lintAs('core/host/timer.ts', 'export const t = Date.now()\n')
    expect(messages).toEqual([])
  })

  it('no core file switches a lint rule off', () => {
    const offenders = sourceFiles(join(root, 'core')).filter((file) =>
      readFileSync(file, 'utf8').includes('eslint-disable'),
    )
    expect(offenders.map((file) => relative(root, file))).toEqual([])
  })
})

describe('tidy: core compiles with no DOM or Node types', () => {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.core.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  )!

  function diagnosticsFor(code: string): string[] {
    const file = join(root, 'core/__tidy_probe__.ts')
    const host = ts.createCompilerHost(config.options)
    const readFile = host.readFile.bind(host)
    host.readFile = (name) => (name === file ? code : readFile(name))
    const fileExists = host.fileExists.bind(host)
    host.fileExists = (name) => name === file || fileExists(name)
    const program = ts.createProgram([file], config.options, host)
    return ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  }

  it('uses ES2022 only, with no ambient types', () => {
    expect(config.options.lib).toEqual(['lib.es2022.d.ts'])
    expect(config.options.types).toEqual([])
  })

  it('rejects setTimeout, window, document and process', () => {
    for (const name of ['setTimeout', 'window', 'document', 'process']) {
      expect(diagnosticsFor(`export const x = ${name}\n`).join('\n'), name).toContain(
        `Cannot find name '${name}'`,
      )
    }
  })

  it('accepts plain ECMAScript', () => {
    expect(diagnosticsFor('export const x: number[] = [1, 2].map((n) => n * 2)\n')).toEqual([])
  })

  it('every core file outside core/host is in the core project', () => {
    const inProject = new Set(config.fileNames.map((f) => resolve(f)))
    const coreFiles = sourceFiles(join(root, 'core')).filter(
      (f) => !f.includes(`${join('core', 'host')}`),
    )
    expect(coreFiles.filter((f) => !inProject.has(f))).toEqual([])
  })
})
