/** `sudo` in the lab's shells (core/shell/sudo.ts): they are root's, so it runs the command. */
import { describe, expect, it } from 'vitest'
import { SUDO_USAGE } from '../../../core/shell/sudo'
import { sim } from '../../support/sim'

describe('shell: sudo', () => {
  it('sudo: runs the command, as it does for root, with its exit status', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    const plain = t.sh('systemctl is-active kubelet')
    expect(t.sh('sudo systemctl is-active kubelet')).toMatchObject({
      stdout: plain.stdout,
      exitCode: plain.exitCode,
    })
    expect(t.sh('sudo -E crictl nosuch').stderr).toBe(t.sh('crictl nosuch').stderr)
  })

  it('sudo: VAR=value before the command sets it for that command only', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    expect(t.sh('sudo GREETING=hello printenv GREETING').stdout).toBe('hello\n')
    expect(t.sh('printenv GREETING').exitCode).toBe(1)
  })

  it('sudo: alone prints its usage; -u with another user fails; -i opens no new shell', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    expect(t.sh('sudo')).toMatchObject({ stderr: `${SUDO_USAGE}\n`, exitCode: 1 })
    expect(t.sh('sudo -u alice id')).toMatchObject({
      stderr: 'sudo: unknown user alice\n',
      exitCode: 1,
    })
    expect(t.sh('sudo -i')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 })
    expect(t.sh('sudo nosuch')).toMatchObject({
      stderr: 'sudo: nosuch: command not found\n',
      exitCode: 1,
    })
  })
})
