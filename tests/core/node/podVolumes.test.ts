import { describe, expect, it } from 'vitest'
import { sim, type SimTest } from '../../support/sim'

function apply(t: SimTest, yaml: string): void {
  t.sh(`cat > /tmp/m.yaml <<'EOF'\n${yaml}EOF`)
  expect(t.sh('kubectl apply -f /tmp/m.yaml').stderr).toBe('')
}

const WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx
    volumeMounts:
    - name: site
      mountPath: /usr/share/nginx/html
    - name: creds
      mountPath: /etc/creds/
      readOnly: true
  volumes:
  - name: site
    configMap:
      name: site
  - name: creds
    secret:
      secretName: creds
      items:
      - key: password
        path: db-password
`

describe('kubelet: volumes', () => {
  it('kubelet: volumes: missing ConfigMaps and Secrets keep the pod ContainerCreating, a FailedMount per volume, until they exist', () => {
    const t = sim({ seed: 1 })
    apply(t, WEB)
    t.advance('5s')
    expect(t.sh('kubectl get pod web').stdout).toMatch(/web +0\/1 +ContainerCreating/)
    const events = t.sh('kubectl describe pod web').stdout
    expect(events).toMatch(
      /Warning +FailedMount +.* +kubelet +MountVolume\.SetUp failed for volume "site" : configmap "site" not found/,
    )
    expect(events).toContain(
      'MountVolume.SetUp failed for volume "creds" : secret "creds" not found',
    )
    t.sh(`kubectl create configmap site --from-literal=index.html='<h1>Hello</h1>'`)
    t.sh('kubectl create secret generic creds --from-literal=password=s3cr3t')
    // The next try comes after the volume manager's back-off (8 s by now).
    t.advance('20s')
    expect(t.sh('kubectl get pod web').stdout).toMatch(/web +1\/1 +Running/)
  })

  it('kubelet: volumes: keys become files under the mount path, hiding what the image had there (nginx serves the ConfigMap)', () => {
    const t = sim({ seed: 1 })
    t.sh(`kubectl create configmap site --from-literal=index.html='<h1>Hello</h1>'`)
    t.sh(
      'kubectl create secret generic creds --from-literal=password=s3cr3t --from-literal=user=app',
    )
    apply(t, WEB)
    t.advance('20s')
    expect(t.sh('kubectl exec web -- ls /usr/share/nginx/html').stdout).toBe('index.html\n')
    expect(t.sh('kubectl exec web -- ls /etc/creds').stdout).toBe('db-password\n')
    expect(t.sh('kubectl exec web -- cat /etc/creds/db-password').stdout).toBe('s3cr3t')
    expect(t.sh('kubectl exec web -- curl -s localhost').stdout).toBe('<h1>Hello</h1>')
  })

  it("kubelet: volumes: an item naming a key the Secret lacks fails with the volume plugin's text; optional volumes may be missing", () => {
    const t = sim({ seed: 1 })
    t.sh(`kubectl create configmap site --from-literal=index.html='<h1>Hello</h1>'`)
    t.sh('kubectl create secret generic creds --from-literal=user=app')
    apply(t, WEB)
    t.advance('5s')
    expect(t.sh('kubectl describe pod web').stdout).toContain(
      'MountVolume.SetUp failed for volume "creds" : references non-existent secret key: password',
    )
    t.sh('kubectl delete pod web')
    t.advance('40s')
    apply(t, WEB.replace('secretName: creds', 'secretName: nothing\n      optional: true'))
    t.advance('20s')
    expect(t.sh('kubectl get pod web').stdout).toMatch(/web +1\/1 +Running/)
    expect(t.sh('kubectl exec web -- ls /etc/creds').stdout).toBe('')
  })

  it('kubelet: volumes: a changed ConfigMap reaches the mounted files at the next periodic sync (a minute at most), never the variables', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create configmap site --from-literal=index.html=v1 --from-literal=color=blue')
    apply(
      t,
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx
    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef: {name: site, key: color}
    volumeMounts:
    - name: site
      mountPath: /usr/share/nginx/html
  volumes:
  - name: site
    configMap:
      name: site
`,
    )
    t.advance('15s')
    expect(t.sh('kubectl exec web -- curl -s localhost').stdout).toBe('v1')
    t.sh(`kubectl patch configmap site -p '{"data":{"index.html":"v2","color":"red"}}'`)
    t.advance('61s')
    expect(t.sh('kubectl exec web -- curl -s localhost').stdout).toBe('v2')
    expect(t.sh('kubectl exec web -- cat /usr/share/nginx/html/color').stdout).toBe('red')
    expect(t.sh('kubectl exec web -- env').stdout).toContain('COLOR=blue\n')
  })
})
