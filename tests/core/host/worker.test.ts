import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../../core/host/client'
import { wrapEndpoint } from '../../../core/host/port'
import type { ClientMessage, HostMessage } from '../../../core/protocol'
import { bundleForNode } from '../../support/bundle'

describe('host: worker_threads entry', () => {
  let entry = ''
  beforeAll(async () => {
    entry = await bundleForNode(new URL('../../../core/host/node.ts', import.meta.url))
  })
  afterAll(() => rmSync(dirname(entry), { recursive: true, force: true }))

  it('runs the simulation in a real worker with the seed from workerData', async () => {
    const worker = new Worker(entry, { workerData: { seed: 77 } })
    const client = createClient(wrapEndpoint<HostMessage, ClientMessage>(worker))
    try {
      const info = await client.request({ kind: 'simulation/describe' })
      expect(info.seed).toBe(77)
      const result = await client.request({
        kind: 'shell/exec',
        session: 'w',
        line: 'sleep 90s\ndate\nkubectl get nodes',
      })
      expect(result.stdout).toContain('Mon Jan  5 09:01:30 UTC 2026\n')
      expect(result.stdout).toMatch(/worker-2 +Ready /)
    } finally {
      client.close()
      await worker.terminate()
    }
  })
})
