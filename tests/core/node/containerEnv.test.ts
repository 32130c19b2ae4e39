import { describe, expect, it } from 'vitest'
import { expand } from '../../../core/node/containerEnv'
import { sim, type SimTest } from '../../support/sim'

/** Writes a manifest and applies it. */
function apply(t: SimTest, yaml: string): void {
  t.sh(`cat > /tmp/m.yaml <<'EOF'\n${yaml}EOF`)
  const applied = t.sh('kubectl apply -f /tmp/m.yaml')
  expect(applied.stderr).toBe('')
}

function envOf(t: SimTest, pod: string): string[] {
  return t.sh(`kubectl exec ${pod} -- env`).stdout.trim().split('\n')
}

const POD = (env: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: app
  labels:
    tier: web
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
${env}`

describe('kubelet: container environment', () => {
  it('kubelet: env: envFrom, configMapKeyRef, secretKeyRef, fieldRef and $(VAR) are resolved when the container is created', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create configmap cfg --from-literal=db.host=mysql --from-literal=mode=dev')
    t.sh('kubectl create secret generic creds --from-literal=password=s3cr3t')
    apply(
      t,
      POD(`    envFrom:
    - prefix: CFG_
      configMapRef:
        name: cfg
    env:
    - name: DB
      valueFrom:
        configMapKeyRef: {name: cfg, key: db.host}
    - name: PASSWORD
      valueFrom:
        secretKeyRef: {name: creds, key: password}
    - name: POD
      valueFrom:
        fieldRef: {fieldPath: metadata.name}
    - name: TIER
      valueFrom:
        fieldRef: {fieldPath: "metadata.labels['tier']"}
    - name: MEMORY_LIMIT
      valueFrom:
        resourceFieldRef: {resource: limits.memory, divisor: 1Mi}
    - name: URL
      value: "mysql://$(DB):3306/$(POD)?k8s=$(KUBERNETES_SERVICE_HOST)&left=$(NOPE)&$$(DB)"
`),
    )
    t.advance('20s')
    const env = envOf(t, 'app')
    expect(env).toEqual(
      expect.arrayContaining([
        'CFG_db.host=mysql',
        'CFG_mode=dev',
        'DB=mysql',
        'PASSWORD=s3cr3t',
        'POD=app',
        'TIER=web',
        'URL=mysql://mysql:3306/app?k8s=10.96.0.1&left=$(NOPE)&$(DB)',
      ]),
    )
    // No limit: the node's allocatable memory, in Mi, rounded up.
    expect(env.find((line) => line.startsWith('MEMORY_LIMIT='))).toMatch(/^MEMORY_LIMIT=\d{4}$/)
  })

  it('kubelet: env: a missing ConfigMap keeps the container in CreateContainerConfigError, with the real event, until it exists', () => {
    const t = sim({ seed: 1 })
    apply(
      t,
      POD(`    env:
    - name: X
      valueFrom:
        configMapKeyRef: {name: settings, key: color}
`),
    )
    t.advance('15s')
    expect(t.sh('kubectl get pod app').stdout).toContain('CreateContainerConfigError')
    expect(t.sh('kubectl get events --field-selector reason=Failed -o name').stdout).not.toBe('')
    expect(t.sh('kubectl describe pod app').stdout).toContain(
      'Error: configmap "settings" not found',
    )
    t.sh('kubectl create configmap settings --from-literal=shade=blue')
    t.advance('15s')
    expect(t.sh('kubectl describe pod app').stdout).toContain(
      "Error: couldn't find key color in ConfigMap default/settings",
    )
    t.sh(
      'kubectl create configmap settings --from-literal=color=blue --dry-run=client -o yaml > /tmp/c.yaml',
    )
    t.sh('kubectl apply -f /tmp/c.yaml')
    t.advance('15s')
    expect(t.sh('kubectl get pod app').stdout).toMatch(/app +1\/1 +Running/)
    expect(envOf(t, 'app')).toContain('X=blue')
  })

  it('kubelet: env: a ConfigMap without data exists: envFrom gives nothing and the container runs', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create configmap empty')
    apply(
      t,
      POD(`    envFrom:
    - configMapRef:
        name: empty
`),
    )
    t.advance('20s')
    expect(t.sh('kubectl get pod app').stdout).toMatch(/app +1\/1 +Running/)
  })

  it('kubelet: env: Service variables for kubernetes and for the Services of the namespace that existed when the container started', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment my-web --image=nginx')
    t.sh('kubectl expose deployment my-web --port=80')
    t.sh('kubectl run before --image=busybox -- sleep 3600')
    t.advance('20s')
    t.sh('kubectl expose deployment my-web --port=8080 --name=later')
    const ip = t.sh("kubectl get svc my-web -o jsonpath='{.spec.clusterIP}'").stdout
    const env = envOf(t, 'before')
    expect(env).toEqual(
      expect.arrayContaining([
        'KUBERNETES_SERVICE_HOST=10.96.0.1',
        'KUBERNETES_SERVICE_PORT=443',
        'KUBERNETES_SERVICE_PORT_HTTPS=443',
        'KUBERNETES_PORT=tcp://10.96.0.1:443',
        `MY_WEB_SERVICE_HOST=${ip}`,
        'MY_WEB_SERVICE_PORT=80',
        `MY_WEB_PORT=tcp://${ip}:80`,
        `MY_WEB_PORT_80_TCP=tcp://${ip}:80`,
        'MY_WEB_PORT_80_TCP_PROTO=tcp',
        'MY_WEB_PORT_80_TCP_PORT=80',
        `MY_WEB_PORT_80_TCP_ADDR=${ip}`,
      ]),
    )
    expect(env.some((line) => line.startsWith('LATER_'))).toBe(false)
  })

  it('kubelet: env: enableServiceLinks: false leaves only the kubernetes Service variables', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment my-web --image=nginx')
    t.sh('kubectl expose deployment my-web --port=80')
    apply(t, POD('').replace('spec:\n', 'spec:\n  enableServiceLinks: false\n'))
    t.advance('20s')
    const env = envOf(t, 'app')
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1')
    expect(env.some((line) => line.startsWith('MY_WEB_'))).toBe(false)
  })

  it('kubelet: env: $(VAR) expansion keeps unknown and unterminated references, and $$ is a literal $', () => {
    const known = (name: string): string | undefined => ({ A: 'x' })[name]
    expect(expand('$(A)-$(B)-$$(A)-$A-$(A', known)).toBe('x-$(B)-$(A)-$A-$(A')
    expect(expand('cost: 5$', known)).toBe('cost: 5$')
  })
})
