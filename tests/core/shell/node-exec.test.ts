import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../core/api/types'
import { sim } from '../../support/sim'

function busybox(t: ReturnType<typeof sim>): void {
  t.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'box', namespace: 'default' },
    spec: { containers: [{ name: 'box', image: 'busybox', command: ['sleep', '3600'] }] },
  } as Pod)
  t.advance('30s')
}

describe('kubectl exec', () => {
  it('exec: runs the command in the container and returns its status', () => {
    const t = sim({ seed: 1 })
    busybox(t)
    expect(t.sh('kubectl exec box -- hostname')).toMatchObject({ stdout: 'box\n', exitCode: 0 })
    expect(t.sh('kubectl exec box -- cat /etc/resolv.conf').stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    )
    expect(t.sh('kubectl exec box -- sh -c "exit 3"')).toMatchObject({
      stderr: 'command terminated with exit code 3\n',
      exitCode: 3,
    })
  })

  it("exec: a binary the image lacks is the runtime's error", () => {
    const t = sim({ seed: 1 })
    busybox(t)
    const result = t.sh('kubectl exec box -- foo')
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in \$PATH: unknown\n$/,
    )
  })

  it('exec: errors for a missing pod, a wrong container, and no command', () => {
    const t = sim({ seed: 1 })
    busybox(t)
    expect(t.sh('kubectl exec nope -- ls').stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    )
    expect(t.sh('kubectl exec box -c x -- ls').stderr).toBe(
      'Error from server (BadRequest): container x is not valid for pod box\n',
    )
    expect(t.sh('kubectl exec box').stderr).toBe(
      'error: you must specify at least one command for the container\n',
    )
  })

  it('exec: -it with a shell explains instead of hanging', () => {
    const t = sim({ seed: 1 })
    busybox(t)
    const result = t.sh('kubectl exec -it box -- sh')
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toContain('no interactive terminal')
  })
})

describe('kubectl exec: the old form without --', () => {
  it('is refused as kubectl 1.32 refuses it', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl exec web ls')).toMatchObject({
      stderr:
        "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      exitCode: 1,
    })
  })
})

describe('kubectl exec: busybox wget options', () => {
  it('takes -T and -O values as separate words', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run bb --image=busybox -- sleep 3600')
    t.sh('kubectl run web --image=nginx')
    t.sh('sleep 20s')
    const ip = t.sh("kubectl get pod web -o jsonpath='{.status.podIP}'").stdout
    const result = t.sh(`kubectl exec bb -- wget -q -T 5 -O - http://${ip}`)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('<title>Welcome to nginx!</title>')
  })
})
