import { describe, expect, it } from 'vitest'
import type { Deployment, Node, Pod } from '../../../core/api/types'
import { sim, type SimTest } from '../../support/sim'

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
        env:
        - name: A
          value: "1"
`

function write(t: SimTest, path: string, text: string): void {
  t.sh(`cat > ${path} <<'EOF'\n${text}EOF`)
}

function deployment(t: SimTest, name: string): Deployment | undefined {
  return t
    .stored<Deployment>('/registry/deployments/default/')
    .find((d) => d.metadata.name === name)
}

describe('kubectl apply', () => {
  it('kubectl: apply: creates, then says unchanged, then configured with removed fields gone', () => {
    const t = sim({ seed: 1 })
    write(t, 'd.yaml', DEPLOYMENT)
    expect(t.sh('kubectl apply -f d.yaml')).toMatchObject({
      stdout: 'deployment.apps/hello created\n',
      exitCode: 0,
    })
    const created = deployment(t, 'hello')!
    expect(created.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"hello","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"hello"}},"template":{"metadata":{"labels":{"app":"hello"}},"spec":{"containers":[{"env":[{"name":"A","value":"1"}],"image":"nginx:1.26","name":"nginx"}]}}}}\n',
    )
    expect(t.sh('kubectl apply -f d.yaml').stdout).toBe('deployment.apps/hello unchanged\n')
    write(
      t,
      'd.yaml',
      DEPLOYMENT.replace('replicas: 2', 'replicas: 3').replace(/ {8}env:\n.*\n.*\n/, ''),
    )
    expect(t.sh('kubectl apply -f d.yaml').stdout).toBe('deployment.apps/hello configured\n')
    const updated = deployment(t, 'hello')!
    expect(updated.spec.replicas).toBe(3)
    expect(updated.spec.template.spec.containers[0]!.env).toBeUndefined()
    // Fields the server defaulted are not the manifest's to remove.
    expect(updated.spec.template.spec.containers[0]!.imagePullPolicy).toBe('IfNotPresent')
  })

  it('kubectl: apply: a manifest saved from create --dry-run -o yaml applies and is then unchanged', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml')
    expect(t.sh('kubectl apply -f web.yaml').stdout).toBe('deployment.apps/web created\n')
    expect(t.sh('kubectl apply -f web.yaml').stdout).toBe('deployment.apps/web unchanged\n')
  })

  it('kubectl: apply: reads stdin, multi-document files and Lists', () => {
    const t = sim({ seed: 1 })
    const r = t.sh(
      "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\nEOF",
    )
    expect(r.stdout).toBe('configmap/a created\nconfigmap/b created\n')
  })

  it('kubectl: apply: a syntax error stops the file there, earlier documents still applied', () => {
    const t = sim({ seed: 1 })
    write(
      t,
      'multi.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: 1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c3\n',
    )
    expect(t.sh('kubectl apply -f multi.yaml')).toMatchObject({
      stdout: 'configmap/c1 created\n',
      stderr:
        'error: error parsing multi.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
      exitCode: 1,
    })
    const names = t.stored('/registry/configmaps/default/').map((c) => c.metadata.name)
    expect(names).toContain('c1')
    expect(names).not.toContain('c3')
  })

  it('kubectl: apply: reports a missing path, an unknown kind and a missing -f as kubectl does', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl apply -f nope.yaml')).toMatchObject({
      stderr: 'error: the path "nope.yaml" does not exist\n',
      exitCode: 1,
    })
    expect(t.sh('kubectl apply').stderr).toBe('error: must specify one of -f and -k\n')
    write(t, 'foo.yaml', 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n')
    expect(t.sh('kubectl apply -f foo.yaml').stderr).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "foo.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    )
  })

  it('kubectl: apply: an invalid object is the server Invalid error, nothing stored', () => {
    const t = sim({ seed: 1 })
    write(t, 'bad.yaml', DEPLOYMENT.replace('replicas: 2', 'replicas: -1'))
    expect(t.sh('kubectl apply -f bad.yaml')).toMatchObject({
      stderr:
        'The Deployment "hello" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
      exitCode: 1,
    })
    expect(deployment(t, 'hello')).toBeUndefined()
  })

  it('kubectl: apply: --dry-run=client changes nothing', () => {
    const t = sim({ seed: 1 })
    write(t, 'd.yaml', DEPLOYMENT)
    expect(t.sh('kubectl apply -f d.yaml --dry-run=client').stdout).toBe(
      'deployment.apps/hello created (dry run)\n',
    )
    expect(deployment(t, 'hello')).toBeUndefined()
    expect(t.sh('kubectl apply -f d.yaml --dry-run=bogus').stderr).toBe(
      'error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n',
    )
  })
})

describe('kubectl create', () => {
  it('kubectl: create: deployment --dry-run=client -o yaml prints what kubectl builds', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl create deployment web --image=nginx --dry-run=client -o yaml').stdout)
      .toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`)
  })

  it('kubectl: create: deployment creates it, a second time fails as kubectl wraps it', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl create deployment web --image=nginx --replicas=3').stdout).toBe(
      'deployment.apps/web created\n',
    )
    expect(deployment(t, 'web')!.spec.replicas).toBe(3)
    expect(t.sh('kubectl create deployment web --image=nginx')).toMatchObject({
      stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n',
      exitCode: 1,
    })
  })

  it('kubectl: create: -f names the file in an AlreadyExists error', () => {
    const t = sim({ seed: 1 })
    write(t, 'd.yaml', DEPLOYMENT)
    expect(t.sh('kubectl create -f d.yaml').stdout).toBe('deployment.apps/hello created\n')
    expect(t.sh('kubectl create -f d.yaml').stderr).toBe(
      'Error from server (AlreadyExists): error when creating "d.yaml": deployments.apps "hello" already exists\n',
    )
  })

  it('kubectl: create: configmap, secret and services from flags', () => {
    const t = sim({ seed: 1 })
    t.sh('echo hi > f.txt')
    expect(
      t.sh(
        'kubectl create secret generic s --from-literal=p=secret --from-file=f.txt --dry-run=client -o yaml',
      ).stdout,
    ).toBe(
      'apiVersion: v1\ndata:\n  f.txt: aGkK\n  p: c2VjcmV0\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n',
    )
    expect(t.sh('kubectl create configmap cfg --from-literal=a=1').stdout).toBe(
      'configmap/cfg created\n',
    )
    expect(t.sh('kubectl create service clusterip s').stderr).toBe(
      'error: at least one tcp port specifier must be provided\n',
    )
    expect(t.sh('kubectl create service nodeport s --tcp=80:8080').stdout).toBe(
      'service/s created\n',
    )
    expect(t.sh('kubectl create namespace').stderr).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n",
    )
  })

  it('kubectl: create: a missing --image is klog’s required-flag line', () => {
    const t = sim({ seed: 1 })
    const r = t.sh('kubectl create deployment web')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(
      /^E0105 \d\d:\d\d:\d\d\.\d{6} +\d+ run\.go:72\] "command failed" err="required flag\(s\) \\"image\\" not set"\n$/,
    )
  })
})

describe('kubectl run and expose', () => {
  it('kubectl: run: --dry-run=client -o yaml prints the pod kubectl builds', () => {
    const t = sim({ seed: 1 })
    expect(
      t.sh(
        "kubectl run p1 --image=nginx --port=80 --restart=Never --dry-run=client -o yaml -- sh -c 'sleep 1'",
      ).stdout,
    ).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: p1
  name: p1
spec:
  containers:
  - args:
    - sh
    - -c
    - sleep 1
    image: nginx
    name: p1
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}
`)
    expect(t.sh('kubectl run p1 --image=nginx').stdout).toBe('pod/p1 created\n')
    expect(t.sh('kubectl run p2 --image=nginx --restart=Bogus').stderr).toBe(
      "error: invalid restart policy: Bogus\nSee 'kubectl run -h' for help and examples\n",
    )
  })

  it('kubectl: expose: selects what the deployment selects, labelled as it is', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx')
    expect(t.sh('kubectl expose deployment web').stderr).toBe(
      "error: couldn't find port via --port flag or introspection\n",
    )
    expect(t.sh('kubectl expose deployment web --port=80 --type=NodePort').stdout).toBe(
      'service/web exposed\n',
    )
    const svc = t.api('GET', '/api/v1/namespaces/default/services/web').body as {
      spec: { selector: unknown; type: string; ports: { nodePort?: number; targetPort: number }[] }
    }
    expect(svc.spec.selector).toEqual({ app: 'web' })
    expect(svc.spec.type).toBe('NodePort')
    expect(svc.spec.ports[0]!.targetPort).toBe(80)
    expect(svc.spec.ports[0]!.nodePort).toBeGreaterThanOrEqual(30000)
  })
})

describe('kubectl delete', () => {
  it('kubectl: delete: waits for the pod graceful termination in virtual time', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run p1 --image=nginx')
    t.sh('sleep 20s')
    const before = t.nowMs
    expect(t.sh('kubectl delete pod p1')).toMatchObject({
      stdout: 'pod "p1" deleted\n',
      exitCode: 0,
    })
    expect(t.nowMs - before).toBeGreaterThan(0)
    expect(t.api('GET', '/api/v1/namespaces/default/pods/p1').status).toBe(404)
    expect(t.sh('kubectl delete pod p1')).toMatchObject({
      stderr: 'Error from server (NotFound): pods "p1" not found\n',
      exitCode: 1,
    })
  })

  it('kubectl: delete: --wait=false returns at once, the pod still terminating', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run p1 --image=nginx')
    t.sh('sleep 20s')
    const before = t.nowMs
    expect(t.sh('kubectl delete pod/p1 --wait=false').stdout).toBe('pod "p1" deleted\n')
    expect(t.nowMs).toBe(before)
    const pod = t.api('GET', '/api/v1/namespaces/default/pods/p1').body as Pod
    expect(pod.metadata.deletionTimestamp).toBeDefined()
  })

  it('kubectl: delete: --force --grace-period=0 warns and says force deleted', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run p1 --image=nginx')
    expect(t.sh('kubectl delete pod p1 --force --grace-period=0')).toMatchObject({
      stdout: 'pod "p1" force deleted\n',
      stderr:
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    })
  })

  it('kubectl: delete: selectors, --all and argument errors', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl delete pods -l nothing=here').stdout).toBe('No resources found\n')
    expect(t.sh('kubectl delete pod --all -l a=b').stderr).toBe(
      "error: setting 'all' parameter but found a non empty selector. \n",
    )
    expect(t.sh('kubectl delete pod').stderr).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    )
    expect(t.sh('kubectl delete pod x --now --grace-period=3').stderr).toBe(
      'error: --now and --grace-period cannot be specified together\n',
    )
    t.sh('kubectl run a --image=nginx -l tier=x')
    t.sh('kubectl run b --image=nginx -l tier=x')
    expect(t.sh('kubectl delete pods -l tier=x --wait=false').stdout).toBe(
      'pod "a" deleted\npod "b" deleted\n',
    )
  })
})

describe('kubectl scale, set image, patch, label', () => {
  it('kubectl: scale: patches the scale subresource and checks --current-replicas', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx')
    expect(t.sh('kubectl scale deploy web --replicas=4').stdout).toBe(
      'deployment.apps/web scaled\n',
    )
    expect(deployment(t, 'web')!.spec.replicas).toBe(4)
    expect(t.sh('kubectl scale deployment/web --replicas=2 --current-replicas=3').stderr).toBe(
      'error: Expected replicas to be 3, was 4\n',
    )
    expect(t.sh('kubectl scale deploy nope --replicas=2').stderr).toBe(
      'error: no objects passed to scale deployments.apps "nope" not found\n',
    )
  })

  it('kubectl: set image: updates the container, silent when nothing changes', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.26')
    expect(t.sh('kubectl set image deployment/web nginx=nginx:1.27').stdout).toBe(
      'deployment.apps/web image updated\n',
    )
    expect(deployment(t, 'web')!.spec.template.spec.containers[0]!.image).toBe('nginx:1.27')
    expect(t.sh('kubectl set image deployment/web nginx=nginx:1.27')).toMatchObject({
      stdout: '',
      exitCode: 0,
    })
    expect(t.sh('kubectl set image deployment/web foo=nginx').stderr).toBe(
      'error: unable to find container named "foo"\n',
    )
  })

  it('kubectl: set resources: sets requests and limits on the template, keeps the others, silent when nothing changes', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment big --image=nginx')
    expect(t.sh('kubectl set resources deploy big --requests=cpu=5').stdout).toBe(
      'deployment.apps/big resource requirements updated\n',
    )
    expect(t.sh('kubectl set resources deploy/big -c=nginx --limits=memory=256Mi').stdout).toBe(
      'deployment.apps/big resource requirements updated\n',
    )
    expect(deployment(t, 'big')!.spec.template.spec.containers[0]!.resources).toEqual({
      requests: { cpu: '5' },
      limits: { memory: '256Mi' },
    })
    expect(t.sh('kubectl set resources deploy big --requests=cpu=5')).toMatchObject({
      stdout: '',
      exitCode: 0,
    })
    // Five CPUs fit on no worker: the new ReplicaSet's pod waits for a node.
    t.advance('10s')
    expect(t.sh('kubectl get pods -l app=big').stdout).toContain('Pending')
  })

  it("kubectl: set resources: refuses a missing update, a bad quantity and an unknown container in kubectl's words", () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment big --image=nginx')
    expect(t.sh('kubectl set resources deploy big').stderr).toBe(
      'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n',
    )
    expect(t.sh('kubectl set resources deploy big --requests=cpu').stderr).toBe(
      'error: Invalid argument syntax cpu, expected <resource>=<value>\n',
    )
    expect(t.sh('kubectl set resources deploy big --requests=cpu=lots').stderr).toBe(
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    )
    expect(t.sh('kubectl set resources deploy big -c web --limits=cpu=1').stderr).toBe(
      'error: unable to find container named web\n',
    )
  })

  it('kubectl: patch: patched, then no change; bad type refused', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx')
    expect(t.sh(`kubectl patch deploy web -p '{"spec":{"replicas":2}}'`).stdout).toBe(
      'deployment.apps/web patched\n',
    )
    expect(t.sh(`kubectl patch deploy web --type=merge -p '{"spec":{"replicas":2}}'`).stdout).toBe(
      'deployment.apps/web patched (no change)\n',
    )
    expect(t.sh(`kubectl patch deploy web --type=foo -p '{}'`).stderr).toBe(
      'error: --type must be one of [json merge strategic], not "foo"\n',
    )
    expect(t.sh(`kubectl patch deploy web --type=merge -p '{"spec":{"replicas":-3}}'`).stderr).toBe(
      'The Deployment "web" is invalid: spec.replicas: Invalid value: -3: must be greater than or equal to 0\n',
    )
    expect(t.sh('kubectl edit deploy web').stderr).toBe('error: unable to launch the editor "vi"\n')
  })

  it('kubectl: label: adds, refuses to overwrite, removes', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run p1 --image=nginx')
    expect(t.sh('kubectl label pod p1 tier=web').stdout).toBe('pod/p1 labeled\n')
    expect(t.sh('kubectl label pod p1 tier=db')).toMatchObject({
      stderr: "error: 'tier' already has a value (web), and --overwrite is false\n",
      exitCode: 1,
    })
    expect(t.sh('kubectl label pod p1 tier=db --overwrite').stdout).toBe('pod/p1 labeled\n')
    expect(t.sh('kubectl label pod p1 tier-').stdout).toBe('pod/p1 unlabeled\n')
    expect(t.sh('kubectl label pod p1 tier-').stdout).toBe(
      'label "tier" not found.\npod/p1 not labeled\n',
    )
    expect(t.sh('kubectl annotate pod p1 note=hi').stdout).toBe('pod/p1 annotated\n')
    expect(t.sh('kubectl annotate pod p1 note=ho').stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n",
    )
  })
})

describe('kubectl rollout', () => {
  it('kubectl: rollout: status waits in virtual time and prints kubectl’s messages', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.26 --replicas=3')
    t.sh('sleep 30s')
    t.sh('kubectl set image deployment/web nginx=nginx:1.27')
    const r = t.sh('kubectl rollout status deployment/web')
    expect(r.exitCode).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out')
    expect(lines).toContain(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    )
    expect(deployment(t, 'web')!.status?.updatedReplicas).toBe(3)
  })

  it('kubectl: rollout: history, undo and restart', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.26')
    t.sh('sleep 30s')
    t.sh('kubectl set image deployment/web nginx=nginx:1.27')
    t.sh('sleep 60s')
    expect(t.sh('kubectl rollout history deployment/web').stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    )
    expect(t.sh('kubectl rollout undo deployment/web --to-revision=9').stderr).toBe(
      'error: unable to find specified revision 9 in history\n',
    )
    expect(t.sh('kubectl rollout undo deployment/web').stdout).toBe(
      'deployment.apps/web rolled back\n',
    )
    expect(deployment(t, 'web')!.spec.template.spec.containers[0]!.image).toBe('nginx:1.26')
    expect(t.sh('kubectl rollout restart deployment/web').stdout).toBe(
      'deployment.apps/web restarted\n',
    )
    const annotations = deployment(t, 'web')!.spec.template.metadata?.annotations
    expect(annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^2026-01-05T09:\d\d:\d\dZ$/)
    expect(t.sh('kubectl rollout status').stderr).toBe('error: required resource not specified\n')
  })
})

describe('kubectl node verbs', () => {
  it('kubectl: cordon: cordons once, then says already', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl cordon worker-1').stdout).toBe('node/worker-1 cordoned\n')
    expect(t.sh('kubectl cordon worker-1').stdout).toBe('node/worker-1 already cordoned\n')
    expect(t.sh('kubectl uncordon worker-1').stdout).toBe('node/worker-1 uncordoned\n')
    expect(t.sh('kubectl cordon').stderr).toBe(
      "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n",
    )
  })

  it('kubectl: taint: adds, refuses a duplicate, removes', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl taint nodes worker-1 k=v:NoSchedule').stdout).toBe(
      'node/worker-1 tainted\n',
    )
    const node = t.api('GET', '/api/v1/nodes/worker-1').body as Node
    expect(node.spec?.taints).toEqual([{ key: 'k', value: 'v', effect: 'NoSchedule' }])
    expect(t.sh('kubectl taint nodes worker-1 k=w:NoSchedule').stderr).toBe(
      'error: node worker-1 already has k taint(s) with same effect(s) and --overwrite is false\n',
    )
    expect(t.sh('kubectl taint nodes worker-1 k:NoSchedule-').stdout).toBe(
      'node/worker-1 untainted\n',
    )
    expect(t.sh('kubectl taint nodes worker-1 k:NoSchedule-').stderr).toBe(
      'error: taint "k:NoSchedule" not found\n',
    )
    expect(t.sh('kubectl taint nodes worker-1 k=v:Bogus').stderr).toBe(
      "error: invalid taint effect: Bogus, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
    )
  })

  it('kubectl: drain: refuses DaemonSet pods, then evicts the others and waits', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx --replicas=4')
    t.sh('sleep 30s')
    const refused = t.sh('kubectl drain worker-1')
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toBe('node/worker-1 cordoned\n')
    expect(refused.stderr).toMatch(
      /^error: unable to drain node "worker-1" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kube-proxy-\w+, kube-system\/weave-net-\w+, continuing command...\nThere are pending nodes to be drained:\n worker-1\ncannot delete DaemonSet-managed Pods/,
    )
    const drained = t.sh('kubectl drain worker-1 --ignore-daemonsets')
    expect(drained.exitCode).toBe(0)
    expect(drained.stderr).toMatch(
      /^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-/,
    )
    const lines = drained.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('node/worker-1 already cordoned')
    expect(lines.filter((l) => l.startsWith('evicting pod ')).length).toBeGreaterThan(0)
    expect(lines.at(-1)).toBe('node/worker-1 drained')
    const left = t
      .stored<Pod>('/registry/pods/default/')
      .filter((p) => p.spec.nodeName === 'worker-1')
    expect(left).toEqual([])
  })
})

describe('kubectl delete: the system namespaces', () => {
  it('refuses to delete default, kube-system and kube-public (NamespaceLifecycle)', () => {
    const t = sim({ seed: 1 })
    const result = t.sh('kubectl delete namespace default')
    expect(result.stderr).toBe(
      'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n',
    )
    expect(result.exitCode).toBe(1)
    expect(t.stored('/registry/namespaces/default')).toHaveLength(1)
  })
})
