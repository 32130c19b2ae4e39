import { describe, expect, it } from 'vitest'
import { sim } from '../../support/sim'
import { deployment } from '../../support/objects'

describe('node tools: crictl, ctr, ps, ss', () => {
  it('crictl: ps lists the running containers newest first, in tabwriter columns', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    const lines = t.sh('crictl ps').stdout.split('\n')
    expect(lines[0]).toBe(
      'CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                        NAMESPACE',
    )
    expect(lines[1]).toMatch(
      /^[0-9a-f]{13} {7}[0-9a-f]{13} {7}9 minutes ago {7}Running {13}coredns /,
    )
  })

  it('crictl: with containerd stopped every call fails on the refused socket', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    t.sh('systemctl stop containerd')
    const result = t.sh('crictl pods')
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(
      'FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"',
    )
  })

  it('crictl: logs and inspect accept a unique id prefix', () => {
    const t = sim({ seed: 1 })
    t.create(deployment('web', 2))
    t.advance('30s')
    t.sh('ssh worker-1')
    const id = t.sh('crictl ps -q --name web').stdout.split('\n')[0]!
    expect(id).toMatch(/^[0-9a-f]{64}$/)
    const inspect = JSON.parse(t.sh(`crictl inspect ${id.slice(0, 6)}`).stdout) as {
      status: { state: string; logPath: string }
      info: { pid: number }
    }
    expect(inspect.status.state).toBe('CONTAINER_RUNNING')
    expect(inspect.status.logPath).toMatch(
      /^\/var\/log\/pods\/default_web-[a-z0-9-]+_[0-9a-f-]+\/web\/0\.log$/,
    )
    expect(t.kube.nodes.get('worker-1')!.processes.get(inspect.info.pid)?.command).toBe(
      'nginx: master process nginx -g daemon off;',
    )
    expect(t.sh(`crictl logs --tail 1 ${id.slice(0, 13)}`).stdout).toMatch(
      /start worker process|ready for start up|GET/,
    )
    expect(t.sh('crictl logs ffff').stderr).toContain(
      'an error occurred when try to find container "ffff": not found',
    )
  })

  it('ctr: the k8s.io namespace holds the pause containers too; default holds nothing', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    const k8s = t.sh('ctr -n k8s.io containers list').stdout
    expect(k8s.split('\n').filter((l) => l.includes('registry.k8s.io/pause:3.10'))).toHaveLength(3)
    expect(t.sh('ctr containers list').stdout).toBe('CONTAINER    IMAGE    RUNTIME\n')
  })

  it('ps: aux shows the node chain: containerd, kubelet, shims, pause and containers', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    const out = t.sh('ps aux').stdout
    expect(out.split('\n')[0]).toBe(
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
    )
    expect(out).toMatch(
      /^root +\d+ +[\d.]+ +[\d.]+ +\d+ +\d+ \? +Ssl +08:50 +\d+:\d\d \/usr\/bin\/containerd$/m,
    )
    expect(out).toMatch(/ kube-apiserver --advertise-address=192\.168\.56\.11 /)
    expect(out).toMatch(/ R\+ +09:00 +0:00 ps aux$/m)
  })

  it('ss: listening sockets follow the processes (the API server leaves with its manifest)', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    expect(t.sh('ss -tlnp').stdout).toMatch(
      /^LISTEN 0 +4096 +\*:6443 +\*:\* +users:\(\("kube-apiserver",pid=\d+,fd=\d+\)\)$/m,
    )
    expect(t.sh('ss -tlnp').stdout.split('\n')[0]).toBe(
      'State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess',
    )
    t.kube.nodes.get('cp-1')!.staticPods.remove('kube-apiserver.yaml')
    t.sh('sleep 40s')
    expect(t.sh('ss -tln').stdout).not.toContain(':6443')
  })
})
