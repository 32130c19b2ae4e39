import { describe, expect, it } from 'vitest'
import { sim, type SimTest } from '../../support/sim'

/** The `ps aux` line of the process whose command starts with `command`. */
function psLine(t: SimTest, command: string): string {
  return (
    t
      .sh('ps aux')
      .stdout.split('\n')
      .find((l) => l.includes(` ${command}`)) ?? ''
  )
}

function pidOf(line: string): string {
  return line.split(/\s+/)[1]!
}

const KUBE_PROXY = '/usr/local/bin/kube-proxy'

describe('node tools: kill and ps states', () => {
  it('ps: kube-proxy frozen by the fault menu shows T with its other flags (Tsl); kill -CONT resumes it (Ssl)', () => {
    const t = sim({ seed: 1 })
    t.fault('process/stop', { kind: 'component', type: 'kube-proxy', machine: 'worker-1' })
    const proxy = t.kube.nodes.get('worker-1')!.kubeProxy
    expect(proxy.running).toBe(false)
    t.sh('ssh worker-1')
    const line = psLine(t, KUBE_PROXY)
    expect(line).toMatch(/ \? +Tsl +\d\d:\d\d +\d+:\d\d \/usr\/local\/bin\/kube-proxy /)

    expect(t.sh(`kill -CONT ${pidOf(line)}`)).toMatchObject({ stderr: '', exitCode: 0 })
    expect(psLine(t, KUBE_PROXY)).toMatch(/ \? +Ssl +/)
    expect(proxy.running).toBe(true)
  })

  it('ps: weave-net frozen by the fault menu shows T too, and its peers lose it; healing resumes it', () => {
    const t = sim({ seed: 1 })
    const fault = t.fault('process/stop', {
      kind: 'component',
      type: 'weave-net',
      machine: 'worker-1',
    })
    t.sh('ssh worker-1')
    expect(psLine(t, '/home/weave/weaver')).toMatch(
      / T\S* +\d\d:\d\d +\d+:\d\d \/home\/weave\/weaver /,
    )
    expect(t.kube.network.weave.router('worker-1').running).toBe(false)
    t.heal(fault.id)
    expect(psLine(t, '/home/weave/weaver')).toMatch(/ S\S* +\d\d:\d\d/)
    expect(t.kube.network.weave.router('worker-1').running).toBe(true)
  })

  it('curl: a stopped kube-proxy still holds :10256 but answers nothing, so curl times out at -m', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    expect(t.sh('curl -s -m 2 http://127.0.0.1:10256/healthz').exitCode).toBe(0)
    const pid = pidOf(psLine(t, KUBE_PROXY))
    t.sh(`kill -STOP ${pid}`)
    expect(t.sh('ss -tlnp').stdout).toContain(':10256')
    expect(t.sh('curl -m 2 http://127.0.0.1:10256/healthz')).toMatchObject({
      stdout: '',
      stderr: 'curl: (28) Operation timed out after 2001 milliseconds with 0 bytes received\n',
      exitCode: 28,
    })
    t.sh(`kill -CONT ${pid}`)
    expect(t.sh('curl -s -m 2 http://127.0.0.1:10256/healthz').exitCode).toBe(0)
  })

  it('kill: -STOP stops a container process, a SIGTERM waits for -CONT, and then the container exits', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    const pid = pidOf(psLine(t, KUBE_PROXY))
    expect(t.sh(`kill -STOP ${pid}`).exitCode).toBe(0)
    expect(psLine(t, KUBE_PROXY)).toMatch(/ Tsl /)
    expect(t.kube.nodes.get('worker-1')!.kubeProxy.running).toBe(false)
    t.sh(`kill ${pid}`)
    expect(pidOf(psLine(t, KUBE_PROXY))).toBe(pid)
    t.sh(`kill -s CONT ${pid}`)
    expect(psLine(t, KUBE_PROXY)).toBe('')
  })

  it("kill: answers bash's errors: no such process, a bad signal, a name for a pid, no arguments", () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    expect(t.sh('kill 999999')).toMatchObject({
      stderr: 'bash: kill: (999999) - No such process\n',
      exitCode: 1,
    })
    expect(t.sh('kill -FOO 1')).toMatchObject({
      stderr: 'bash: kill: FOO: invalid signal specification\n',
      exitCode: 1,
    })
    expect(t.sh('kill kube-proxy').stderr).toBe(
      'bash: kill: kube-proxy: arguments must be process or job IDs\n',
    )
    expect(t.sh('kill')).toMatchObject({
      stderr:
        'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
      exitCode: 2,
    })
    expect(t.sh('kill -l 19 CONT').stdout).toBe('STOP\n18\n')
    const listed = t.sh('kill -l').stdout.split('\n')
    expect(listed[0]).toBe(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP')
    expect(listed[6]).toBe(
      '31) SIGSYS\t34) SIGRTMIN\t35) SIGRTMIN+1\t36) SIGRTMIN+2\t37) SIGRTMIN+3',
    )
    expect(listed[12]).toBe('63) SIGRTMAX-1\t64) SIGRTMAX\t')
  })
})
