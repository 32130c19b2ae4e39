import { afterEach, describe, expect, it } from 'vitest'
import type { ClientPort } from '../../core/protocol'
import { DEFAULT_SEED, openTransport, seedFromUrl } from '../../renderer/src/client/transport'

describe('seedFromUrl', () => {
  it('reads ?seed=N and falls back to the default seed otherwise', () => {
    expect(seedFromUrl('?seed=42')).toBe(42)
    expect(seedFromUrl('?lang=en&seed=0')).toBe(0)
    expect(seedFromUrl('')).toBe(DEFAULT_SEED)
    expect(seedFromUrl('?seed=abc')).toBe(DEFAULT_SEED)
    expect(seedFromUrl('?seed=-3')).toBe(DEFAULT_SEED)
    expect(seedFromUrl('?seed=99999999999')).toBe(DEFAULT_SEED)
  })
})

describe('openTransport', () => {
  afterEach(() => {
    delete window.kubelab
  })

  it('uses the Electron bridge when the preload exposed one', () => {
    const bridge: ClientPort = { post: () => {}, onMessage: () => () => {} }
    window.kubelab = bridge
    const transport = openTransport('')
    expect(transport.kind).toBe('electron')
    expect(transport.port).toBe(bridge)
  })
})
