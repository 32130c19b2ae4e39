import { describe, expect, it } from 'vitest'
import type { Node } from '../../../core/api/types'
import { sim } from '../../support/sim'

function ready(t: ReturnType<typeof sim>, name: string): string | undefined {
  const node = t.stored<Node>('/registry/minions/').find((n) => n.metadata.name === name)
  return node?.status?.conditions?.find((c) => c.type === 'Ready')?.status
}

describe('node tools: systemctl and journalctl', () => {
  it('systemctl: stop: the kubelet stops and the node goes NotReady', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    expect(t.sh('systemctl stop kubelet').exitCode).toBe(0)
    expect(t.kube.nodes.get('worker-1')!.kubelet.running).toBe(false)
    t.sh('exit')
    t.sh('sleep 60s')
    expect(ready(t, 'worker-1')).toBe('Unknown')
    const nodes = t.sh('kubectl get nodes').stdout
    expect(nodes).toMatch(/^worker-1 +NotReady +<none>/m)
  })

  it('systemctl: status: an inactive unit exits 3 and shows systemd lines in its journal', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    t.sh('systemctl stop kubelet')
    const status = t.sh('systemctl status kubelet')
    expect(status.exitCode).toBe(3)
    expect(status.stdout.split('\n').slice(0, 5)).toEqual([
      '○ kubelet.service - kubelet: The Kubernetes Node Agent',
      '     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)',
      '    Drop-In: /usr/lib/systemd/system/kubelet.service.d',
      '             └─10-kubeadm.conf',
      '     Active: inactive (dead) since Mon 2026-01-05 09:00:00 UTC; now',
    ])
    expect(status.stdout).toContain(
      'Jan 05 09:00:00 worker-1 systemd[1]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.\n',
    )
    expect(t.sh('systemctl is-active kubelet')).toMatchObject({ stdout: 'inactive\n', exitCode: 3 })
  })

  it('systemctl: unknown units get systemd texts and exit statuses', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    expect(t.sh('systemctl status foo')).toMatchObject({
      stderr: 'Unit foo.service could not be found.\n',
      exitCode: 4,
    })
    expect(t.sh('systemctl stop foo')).toMatchObject({
      stderr: 'Failed to stop foo.service: Unit foo.service not loaded.\n',
      exitCode: 5,
    })
    expect(t.sh('systemctl frobnicate kubelet')).toMatchObject({
      stderr: "Unknown command verb 'frobnicate'.\n",
      exitCode: 1,
    })
  })

  it('systemctl: containerd stopped makes a restarted kubelet crash-loop, and systemd says so', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    t.sh('systemctl stop containerd')
    t.sh('systemctl restart kubelet')
    t.sh('sleep 15s')
    const status = t.sh('systemctl status kubelet').stdout
    expect(status).toMatch(/Active: activating \(auto-restart\) \(Result: exit-code\)/)
    expect(t.sh('journalctl -u kubelet -n 30').stdout).toContain(
      'systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 1.',
    )
    t.sh('systemctl start containerd')
    expect(t.sh('journalctl -u containerd -n 3').stdout).toContain(
      'systemd[1]: Started containerd.service - containerd container runtime.',
    )
  })

  it('journalctl: -f follows new lines as virtual time passes', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    const first = t.sh('journalctl -u kubelet -f')
    expect(first.following).toBe(true)
    expect(first.stdout.trim().split('\n')).toHaveLength(10)
    const kubelet = t.kube.nodes.get('worker-1')!.kubelet
    kubelet.stop()
    kubelet.start()
    t.advance('1s')
    const followed = t.events
      .filter((e) => e.kind === 'shell/output')
      .map((e) => (e as { stdout: string }).stdout)
      .join('')
    expect(followed).toMatch(
      /^Jan 05 09:00:00 worker-1 systemd\[1\]: Started kubelet.service - kubelet: The Kubernetes Node Agent.\nJan 05 09:00:00 worker-1 kubelet\[\d+\]: I0105 09:00:00.000000 +\d+ server.go:486\] "Kubelet version"/,
    )
    expect(t.simulation.handle({ kind: 'shell/interrupt', session: 'test' }).stdout).toBe('^C\n')
  })

  it('journalctl: an unknown unit has no entries', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    expect(t.sh('journalctl -u nothing')).toMatchObject({
      stdout: '-- No entries --\n',
      exitCode: 0,
    })
  })
})
