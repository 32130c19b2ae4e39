import { describe, expect, it } from 'vitest'
import type { Deployment } from '../../../core/api/types'
import { sim, type SimTest } from '../../support/sim'

function env(t: SimTest, name: string): unknown {
  const d = JSON.parse(t.sh(`kubectl get deploy ${name} -o json`).stdout) as Deployment
  return d.spec.template.spec.containers[0]!.env
}

describe('kubectl: set env', () => {
  it('kubectl: set env: adds and replaces in place, removes with KEY-, silent when nothing changes', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx')
    expect(t.sh('kubectl set env deployment/web FOO=bar MODE=dev').stdout).toBe(
      'deployment.apps/web env updated\n',
    )
    expect(t.sh('kubectl set env deploy web MODE=prod -e EXTRA=1').stdout).toBe(
      'deployment.apps/web env updated\n',
    )
    expect(env(t, 'web')).toEqual([
      { name: 'FOO', value: 'bar' },
      { name: 'MODE', value: 'prod' },
      { name: 'EXTRA', value: '1' },
    ])
    expect(t.sh('kubectl set env deployment/web FOO-').stdout).toBe(
      'deployment.apps/web env updated\n',
    )
    expect(env(t, 'web')).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'EXTRA', value: '1' },
    ])
    expect(t.sh('kubectl set env deployment/web MODE=prod')).toMatchObject({
      stdout: '',
      stderr: '',
      exitCode: 0,
    })
  })

  it('kubectl: set env: the new pods run with the variables (kubectl exec deploy/NAME -- env)', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx')
    t.sh('kubectl set env deployment/web GREETING=hello')
    t.advance('30s')
    expect(t.sh('kubectl exec deploy/web -- env').stdout).toContain('GREETING=hello\n')
  })

  it('kubectl: set env: --list shows each container, and where referenced values come from (--from)', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx')
    t.sh('kubectl create configmap cfg --from-literal=db.host=mysql --from-literal=PORT=3306')
    const from = t.sh('kubectl set env deployment/web --from=configmap/cfg --prefix=APP_ MODE=dev')
    expect(from.stdout).toBe('deployment.apps/web env updated\n')
    expect(from.stderr).toBe('Warning: key db.host transferred to DB_HOST\n')
    expect(t.sh('kubectl set env deployment/web --list').stdout).toBe(
      [
        '# Deployment web, container nginx',
        'MODE=dev',
        '# APP_PORT from configmap cfg, key PORT',
        '# APP_DB_HOST from configmap cfg, key db.host',
        '',
      ].join('\n'),
    )
  })

  it("kubectl: set env: refuses bad names, overwrites under --overwrite=false and misplaced resources in kubectl's words", () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx')
    t.sh('kubectl set env deployment/web FOO=bar')
    expect(t.sh('kubectl set env deployment/web 1BAD=x').stderr).toBe(
      `error: "1BAD" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnv1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`,
    )
    expect(t.sh('kubectl set env deployment/web FOO=baz --overwrite=false')).toMatchObject({
      stderr: "error: deployments/web 'FOO' already has a value (bar), and --overwrite is false\n",
      exitCode: 1,
    })
    expect(t.sh('kubectl set env deployment/web X=1 X-').stderr).toBe(
      'error: can not both modify and remove the same environment variable in the same command\n',
    )
    expect(t.sh('kubectl set env X=1 deployment/web').stderr).toBe(
      'error: all resources must be specified before environment changes: X=1 deployment/web\n',
    )
    expect(t.sh('kubectl set env').stderr).toBe(
      'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n',
    )
    expect(t.sh('kubectl set env deployment/web -c db X=1').stderr).toBe(
      'Warning: Deployment/web does not have any containers matching "db"\n',
    )
    expect(env(t, 'web')).toEqual([{ name: 'FOO', value: 'bar' }])
  })
})

describe('kubectl: TYPE/NAME for logs and exec', () => {
  it('kubectl: exec: svc/NAME and deploy/NAME run in one of the pods their selector matches', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx --replicas=2')
    t.sh('kubectl expose deployment web --port=80')
    t.advance('30s')
    const pods = t.sh('kubectl get pods -l app=web -o name').stdout
    const viaService = t.sh('kubectl exec svc/web -- hostname')
    expect(viaService.stderr).toBe('')
    expect(pods).toContain(`pod/${viaService.stdout.trim()}\n`)
    expect(t.sh('kubectl exec deploy/web -- hostname').stdout).toBe(viaService.stdout)
    expect(t.sh('kubectl logs svc/web --tail=1').stderr).toMatch(/^Found 2 pods, using pod\/web-/)
  })

  it("kubectl: logs/exec: an object without a selector is refused in kubectl's words", () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl logs configmap/kube-root-ca.crt').stderr).toBe(
      'error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n',
    )
    expect(t.sh('kubectl exec configmap/kube-root-ca.crt -- ls').stderr).toBe(
      'error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n',
    )
  })
})
