/**
 * Every message key the renderer names literally (`t('a.b.c')`) exists in the English messages:
 * vue-i18n would otherwise show the key itself to the learner, and no type catches it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { messages } from '../../renderer/src/i18n'

const SOURCE = resolve(import.meta.dirname, '../../renderer/src')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.(ts|vue)$/.test(entry.name) ? [path] : []
  })
}

function has(tree: unknown, key: string): boolean {
  let node = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string'
}

describe('i18n keys', () => {
  it('names only keys that exist', () => {
    const missing: string[] = []
    for (const file of sources(SOURCE)) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/\bt\(\s*'([A-Za-z][\w.]*\.[\w.]+)'/g)) {
        if (!has(messages.en, match[1]!))
          missing.push(`${file.slice(SOURCE.length + 1)}: ${match[1]}`)
      }
    }
    expect(missing).toEqual([])
  })
})
