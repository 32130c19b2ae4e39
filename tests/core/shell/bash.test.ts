import { describe, expect, it } from 'vitest'
import { parseScript } from '../../../core/shell/parse'
import { sim } from '../../support/sim'

const out = (t: ReturnType<typeof sim>, line: string): string => {
  const r = t.sh(line)
  return r.stdout + r.stderr
}

describe('bash: words and quoting', () => {
  it('keeps quoted blanks, joins adjacent quotes, and expands only in double quotes', () => {
    const t = sim({ seed: 1 })
    t.sh('X="a  b"')
    expect(out(t, `echo "$X" '$X' $X a"b"'c' \\$X`)).toBe('a  b $X a b abc $X\n')
  })

  it('substitutes $(…), backquotes and $((…)), with trailing newlines dropped', () => {
    const t = sim({ seed: 1 })
    expect(out(t, 'echo "[$(echo one; echo two)]" `hostname` $((2 * (3 + 4)))')).toBe(
      '[one\ntwo] laptop 14\n',
    )
  })

  it('sets $? to the last status, and ! negates it', () => {
    const t = sim({ seed: 1 })
    expect(out(t, 'false; echo $?; ! false; echo $?; nope 2>/dev/null; echo $?')).toBe(
      '1\n0\n127\n',
    )
  })

  it('exports variables to commands and lets NAME=value prefix a command', () => {
    const t = sim({ seed: 1 })
    t.sh('export GREETING=hello')
    expect(out(t, 'printenv GREETING; echo $HOME $USER')).toBe('hello\n/root root\n')
    expect(t.sh('export 1x=2')).toMatchObject({
      stderr: "bash: export: `1x=2': not a valid identifier\n",
    })
  })
})

describe('bash: lists, pipes and redirections', () => {
  it('runs && only after success and || only after failure', () => {
    const t = sim({ seed: 1 })
    expect(out(t, 'true && echo a || echo b; false && echo c || echo d')).toBe('a\nd\n')
  })

  it('pipes output through grep -c, -i, -v, -E, head, tail, wc -l, sort and awk', () => {
    const t = sim({ seed: 1 })
    t.sh('printf "web-1 Running\\nweb-2 Pending\\ndb-1 Running\\nAPI-1 Failed\\n" > /tmp/pods')
    expect(out(t, 'cat /tmp/pods | grep -c Running')).toBe('2\n')
    expect(out(t, 'grep -i api /tmp/pods')).toBe('API-1 Failed\n')
    expect(out(t, 'grep -v Running /tmp/pods | wc -l')).toBe('2\n')
    expect(out(t, "grep -E 'web|db' /tmp/pods | awk '{print $1}' | sort -r | head -1")).toBe(
      'web-2\n',
    )
    expect(out(t, 'awk \'$2 == "Running" {print $1}\' /tmp/pods | tail -n 1')).toBe('db-1\n')
    expect(out(t, "awk 'NR>1 {print NR, $NF}' /tmp/pods")).toBe('2 Pending\n3 Running\n4 Failed\n')
    expect(t.sh('grep Nothing /tmp/pods').exitCode).toBe(1)
  })

  it('writes, appends and reads files with >, >>, < and 2>&1', () => {
    const t = sim({ seed: 1 })
    t.sh('echo one > f; echo two >> f; cat nope >> f 2>&1')
    expect(out(t, 'cat < f')).toBe('one\ntwo\ncat: nope: No such file or directory\n')
    expect(out(t, 'echo x > /nodir/f')).toBe('bash: /nodir/f: No such file or directory\n')
  })

  it('feeds heredocs, expanding variables unless the delimiter is quoted', () => {
    const t = sim({ seed: 1 })
    expect(out(t, 'cat <<EOF\nhome=$HOME\nEOF')).toBe('home=/root\n')
    expect(out(t, "cat <<'EOF'\nhome=$HOME\nEOF")).toBe('home=$HOME\n')
    expect(out(t, 'cat <<-EOF\n\tindented\n\tEOF')).toBe('indented\n')
  })

  it('waits with "> " for the rest of a heredoc typed line by line, then runs it', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('cat > web.yaml <<EOF')).toMatchObject({ stdout: '', prompt: '> ' })
    expect(t.sh('kind: Pod')).toMatchObject({ prompt: '> ' })
    expect(t.sh('EOF')).toMatchObject({ prompt: 'root@laptop:~# ' })
    expect(out(t, 'cat web.yaml')).toBe('kind: Pod\n')
  })

  it('answers syntax errors with bash’s text and status 2', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('echo a | | b')).toMatchObject({
      stderr: "bash: syntax error near unexpected token `|'\n",
      exitCode: 2,
    })
    expect(parseScript('echo (')).toEqual({
      ok: false,
      incomplete: false,
      error: "bash: syntax error near unexpected token `('",
    })
  })

  it('expands globs against the machine’s files, and leaves a pattern with no match as is', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    expect(out(t, 'echo /etc/kubernetes/manifests/kube-*.yaml')).toBe(
      '/etc/kubernetes/manifests/kube-apiserver.yaml /etc/kubernetes/manifests/kube-controller-manager.yaml /etc/kubernetes/manifests/kube-scheduler.yaml\n',
    )
    expect(out(t, 'echo /tmp/*.none')).toBe('/tmp/*.none\n')
  })
})

describe('bash: history, cd, exit and ssh', () => {
  it('numbers history as bash does', () => {
    const t = sim({ seed: 1 })
    t.sh('hostname')
    t.sh('date')
    expect(out(t, 'history')).toBe('    1  hostname\n    2  date\n    3  history\n')
  })

  it('changes directory, shows it in the prompt, and refuses what is not a directory', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('cd /tmp').prompt).toBe('root@laptop:/tmp# ')
    expect(out(t, 'cd /etc/hostname')).toBe('bash: cd: /etc/hostname: Not a directory\n')
    expect(t.sh('cd').prompt).toBe('root@laptop:~# ')
  })

  it('opens a shell on a node with ssh, runs one command with ssh NODE CMD, and logs out', () => {
    const t = sim({ seed: 1 })
    expect(out(t, 'ssh worker-2 hostname -I')).toBe('192.168.56.22 \n')
    expect(t.sh('ssh worker-1').prompt).toBe('root@worker-1:~# ')
    expect(out(t, 'hostname')).toBe('worker-1\n')
    expect(t.sh('exit')).toMatchObject({
      stdout: 'logout\nConnection to worker-1 closed.\n',
      prompt: 'root@laptop:~# ',
      closed: false,
    })
  })

  it('cannot reach a powered-off node: No route to host, after the ARP timeout', () => {
    const t = sim({ seed: 1 })
    t.fault('machine/power-off', { kind: 'machine', machine: 'worker-1' })
    const before = t.nowMs
    expect(t.sh('ssh worker-1')).toMatchObject({
      stderr: 'ssh: connect to host 192.168.56.21 port 22: No route to host\n',
      exitCode: 255,
      prompt: 'root@laptop:~# ',
    })
    expect(t.nowMs - before).toBe(3_070)
  })

  it('keeps each machine’s files: a file written on cp-1 is there in the next ssh', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1 "echo note > /root/note"')
    expect(out(t, 'ssh cp-1 cat note')).toBe('note\n')
    expect(out(t, 'cat note')).toBe('cat: note: No such file or directory\n')
  })
})

describe('bash: bad input', () => {
  it('refuses a paste larger than 1 MiB whole, running none of it', () => {
    const t = sim({ seed: 1 })
    const result = t.sh(`sleep 1m\n${'x'.repeat(1024 * 1024)}`)
    expect(result.stderr).toBe(
      'kubelab: input of 1048585 bytes refused (at most 1048576 bytes at once)\n',
    )
    expect(t.nowMs).toBe(0)
  })

  it('limits nested command substitutions instead of exhausting the stack', () => {
    const t = sim({ seed: 1 })
    const nested = `${'$(echo '.repeat(40)}x${')'.repeat(40)}`
    expect(t.sh(`echo ${nested}`).stderr).toContain(
      'bash: maximum command substitution depth exceeded',
    )
  })
})

describe('bash: assignments', () => {
  it('sets NAME=value for one command only', () => {
    const t = sim({ seed: 1 })
    expect(out(t, 'KUBECONFIG=/x printenv KUBECONFIG; printenv KUBECONFIG; echo $?')).toBe(
      '/x\n1\n',
    )
  })
})

describe('bash: the command log lab checks read', () => {
  it('records each line run, where, when and with which status', () => {
    const t = sim({ seed: 1 })
    t.sh('sleep 10s')
    t.sh('ssh worker-1')
    t.sh('nope')
    expect(
      t.simulation.commandLog.map(({ machine, line, exitCode, atMs }) => [
        machine,
        line,
        exitCode,
        atMs,
      ]),
    ).toEqual([
      ['laptop', 'sleep 10s', 0, 0],
      ['laptop', 'ssh worker-1', 0, 10_000],
      ['worker-1', 'nope', 127, 10_000],
    ])
  })
})

describe('trace: the path a kubectl request takes', () => {
  it('is reported to the topology: the laptop to kube-apiserver :6443, then etcd :2379', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl get nodes')
    const traces = t.events.filter((e) => e.kind === 'trace/path')
    expect(traces.at(-1)).toEqual({
      kind: 'trace/path',
      session: 'test',
      summary: 'GET /api/v1/nodes',
      hops: [
        { from: 'laptop', to: 'kube-apiserver-cp-1', port: 6443 },
        { from: 'kube-apiserver-cp-1', to: 'etcd-cp-1', port: 2379 },
      ],
    })
  })
})

describe('bash: a node going down under ssh', () => {
  it('drops the ssh session back to the laptop after reboot, and runs nothing more there', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-2')
    const result = t.sh('reboot; hostname')
    expect(result.stderr).toBe(
      'Connection to worker-2 closed by remote host.\nConnection to worker-2 closed.\n',
    )
    expect(result.stdout).not.toContain('worker-2\n')
    expect(result).toMatchObject({ exitCode: 255, prompt: 'root@laptop:~# ' })
  })
})

describe('coreutils: sed and grep context', () => {
  it('sed edits a manifest in place, as kubeadm guides do', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    t.sh(
      "sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-restore#' /etc/kubernetes/manifests/etcd.yaml",
    )
    expect(out(t, 'grep -c etcd-restore /etc/kubernetes/manifests/etcd.yaml')).toBe('1\n')
    expect(out(t, 'grep -B1 etcd-restore /etc/kubernetes/manifests/etcd.yaml')).toBe(
      '  - hostPath:\n      path: /var/lib/etcd-restore\n',
    )
  })

  it('sed prints ranges, deletes by regex, uses groups, and reports a missing file as GNU sed', () => {
    const t = sim({ seed: 1 })
    t.sh('printf "a=1\\n# note\\nb=2\\nc=3\\n" > f')
    expect(out(t, "sed -n '2,3p' f")).toBe('# note\nb=2\n')
    expect(out(t, "sed '/^#/d; s/\\([a-z]\\)=\\(.*\\)/\\2:\\1/' f")).toBe('1:a\n2:b\n3:c\n')
    expect(out(t, "sed -E 's/[0-9]+/<&>/g' f | head -1")).toBe('a=<1>\n')
    expect(t.sh('sed p nope')).toMatchObject({
      stderr: "sed: can't read nope: No such file or directory\n",
      exitCode: 2,
    })
  })

  it('grep prints context lines with -B, -A and -C, separating groups with --', () => {
    const t = sim({ seed: 1 })
    t.sh('printf "1\\n2\\nx\\n4\\n5\\n6\\nx\\n8\\n" > f')
    expect(out(t, 'grep -B1 x f')).toBe('2\nx\n--\n6\nx\n')
    expect(out(t, 'grep -n -C1 x f')).toBe('2-2\n3:x\n4-4\n--\n6-6\n7:x\n8-8\n')
  })
})
