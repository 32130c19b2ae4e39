import { describe, expect, it } from 'vitest'
import { sim, type SimTest } from '../../support/sim'
import { deployment } from '../../support/objects'

function withWeb(): SimTest {
  const t = sim({ seed: 1 })
  t.create(deployment('web', 2))
  t.advance('30s')
  return t
}

describe('kubectl get', () => {
  it('kubectl: get: prints the server Table with kubectl column layout (FIDELITY §10.1)', () => {
    const t = sim({ seed: 1 })
    const r = t.sh('kubectl get nodes')
    expect(r.stdout).toBe(
      'NAME       STATUS   ROLES           AGE     VERSION\n' +
        'cp-1       Ready    control-plane   9m59s   v1.32.4\n' +
        'worker-1   Ready    <none>          9m59s   v1.32.4\n' +
        'worker-2   Ready    <none>          9m59s   v1.32.4\n',
    )
    expect(r.exitCode).toBe(0)
  })

  it('kubectl: get: -o wide shows the priority-1 columns', () => {
    const t = withWeb()
    expect(t.sh('kubectl get pods -l app=web -o wide').stdout).toBe(
      'NAME                  READY   STATUS    RESTARTS   AGE   IP          NODE       NOMINATED NODE   READINESS GATES\n' +
        'web-cbdb446f4-4mv87   1/1     Running   0          30s   10.40.0.2   worker-1   <none>           <none>\n' +
        'web-cbdb446f4-982fh   1/1     Running   0          30s   10.44.0.2   worker-2   <none>           <none>\n',
    )
  })

  it('kubectl: get: -A adds NAMESPACE, several types print kind/name tables a blank line apart', () => {
    const t = withWeb()
    expect(t.sh('kubectl get svc,deploy -n kube-system').stdout).toBe(
      'NAME               TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\n' +
        'service/kube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   10m\n' +
        '\n' +
        'NAME                      READY   UP-TO-DATE   AVAILABLE   AGE\n' +
        'deployment.apps/coredns   2/2     2            2           10m\n',
    )
    const all = t.sh('kubectl get pods -A --field-selector spec.nodeName=cp-1 --no-headers').stdout
    expect(all.split('\n')[0]).toBe(
      'kube-system   etcd-cp-1                      1/1   Running   0     10m',
    )
  })

  it('kubectl: get: all skips empty kinds without leaving blank lines', () => {
    const t = sim({ seed: 1 })
    t.advance('1s')
    expect(t.sh('kubectl get all').stdout).toBe(
      'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   10m\n',
    )
  })

  it('kubectl: get: answers errors with kubectl texts and statuses (FIDELITY §10.4)', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl get pods nope')).toMatchObject({
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    })
    expect(t.sh('kubectl get deploy nope').stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    )
    expect(t.sh('kubectl get foo').stderr).toBe(
      'error: the server doesn\'t have a resource type "foo"\n',
    )
    expect(t.sh('kubectl get pods')).toMatchObject({
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
      exitCode: 0,
    })
    expect(t.sh('kubectl get pods -A -l app=nope').stderr).toBe('No resources found\n')
    expect(t.sh('kubectl get')).toMatchObject({
      stderr:
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
      exitCode: 1,
    })
    expect(t.sh('kubectl get pods pod/x').stderr).toMatch(
      /^error: there is no need to specify a resource type/,
    )
    expect(t.sh('kubectl get pods -A x').stderr).toBe(
      'error: a resource cannot be retrieved by name across all namespaces\n',
    )
    expect(t.sh('kubectl get pods --show-labels -o yaml').stderr).toBe(
      'error: --show-labels option cannot be used with yaml printer\n',
    )
    expect(t.sh('kubectl get pods -o foo').stderr).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    )
  })

  it('kubectl: get: prints objects as -o name, jsonpath, custom-columns and json', () => {
    const t = withWeb()
    expect(t.sh('kubectl get pods -o name').stdout).toBe(
      'pod/web-cbdb446f4-4mv87\npod/web-cbdb446f4-982fh\n',
    )
    expect(t.sh("kubectl get pods -o jsonpath='{.items[*].metadata.name}'").stdout).toBe(
      'web-cbdb446f4-4mv87 web-cbdb446f4-982fh',
    )
    expect(
      t.sh(
        `kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.addresses[?(@.type=="InternalIP")].address}{"\\n"}{end}'`,
      ).stdout,
    ).toBe('cp-1\t192.168.56.11\nworker-1\t192.168.56.21\nworker-2\t192.168.56.22\n')
    expect(
      t.sh(
        'kubectl get pods -A --sort-by=.spec.nodeName -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName -l k8s-app=kube-dns',
      ).stdout,
    ).toBe(
      'NAME                       NODE\ncoredns-85c7587886-hw4c2   worker-1\ncoredns-85c7587886-zddhp   worker-2\n',
    )
    const json = t.sh('kubectl get deploy web -o json').stdout
    expect(json.startsWith('{\n    "apiVersion": "apps/v1",\n    "kind": "Deployment",\n')).toBe(
      true,
    )
    expect(t.sh('kubectl get pods -o yaml -l app=nope').stdout).toBe(
      'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    )
  })

  it('kubectl: get: --raw sends any path through the API server', () => {
    const t = sim({ seed: 1 })
    const r = t.sh("kubectl get --raw '/readyz?verbose'")
    expect(r.stdout.startsWith('[+]ping ok\n[+]log ok\n[+]etcd ok\n')).toBe(true)
    expect(r.stdout.endsWith('readyz check passed\n')).toBe(true)
    expect(t.sh('kubectl get --raw /readyz').stdout).toBe('ok')
    expect(t.sh('kubectl get --raw /nope').stderr).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    )
  })

  it('kubectl: get: -w prints the list, then a row per change, until interrupted (KUBECTL-WIRE §3.4)', () => {
    const t = sim({ seed: 1 })
    const r = t.sh('kubectl get pods -w')
    expect(r).toMatchObject({ stdout: '', following: true })
    t.create(deployment('web', 1))
    t.advance('10s')
    const printed = t.events
      .filter((e) => e.kind === 'shell/output')
      .map((e) => (e as { stdout: string }).stdout)
      .join('')
      .replace(/web-cbdb446f4-\w+/g, 'web-POD')
    // The STATUS column widens when a longer value arrives, as the remembered-width tabwriter does.
    expect(printed).toBe(
      'NAME                  READY   STATUS    RESTARTS   AGE\n' +
        'web-POD   0/1     Pending   0          0s\n' +
        'web-POD   0/1     Pending   0          0s\n' +
        'web-POD   0/1     ContainerCreating   0          0s\n' +
        'web-POD   0/1     ContainerCreating   0          0s\n' +
        'web-POD   1/1     Running             0          4s\n',
    )
    expect(t.sh('kubectl get pods').exitCode).toBe(0)
    t.api('DELETE', '/apis/apps/v1/namespaces/default/deployments/web')
    t.advance('10s')
    expect(t.events.filter((e) => e.kind === 'shell/output')).toHaveLength(1)
  })
})

describe('kubectl describe', () => {
  it('kubectl: describe: pod lists its sections in describe.go order (FIDELITY §10.3)', () => {
    const t = withWeb()
    const out = t.sh('kubectl describe pod web-cbdb446f4-4mv87').stdout
    expect(
      out.startsWith(
        'Name:             web-cbdb446f4-4mv87\n' +
          'Namespace:        default\n' +
          'Priority:         0\n' +
          'Service Account:  default\n' +
          'Node:             worker-1/192.168.56.21\n' +
          'Start Time:       Mon, 05 Jan 2026 09:00:00 +0000\n' +
          'Labels:           app=web\n' +
          '                  pod-template-hash=cbdb446f4\n' +
          'Annotations:      <none>\n' +
          'Status:           Running\n',
      ),
    ).toBe(true)
    expect(out).toContain('Controlled By:  ReplicaSet/web-cbdb446f4\n')
    expect(out).toContain('QoS Class:                    BestEffort\n')
    expect(
      out.endsWith(
        'Events:\n' +
          '  Type    Reason     Age   From               Message\n' +
          '  ----    ------     ----  ----               -------\n' +
          '  Normal  Scheduled  30s   default-scheduler  Successfully assigned default/web-cbdb446f4-4mv87 to worker-1\n' +
          '  Normal  Pulling    30s   kubelet            Pulling image "nginx:1.27"\n' +
          '  Normal  Pulled     25s   kubelet            Successfully pulled image "nginx:1.27" in 4.934s (4.934s including waiting). Image size: 72195292 bytes.\n' +
          '  Normal  Created    25s   kubelet            Created container: web\n' +
          '  Normal  Started    25s   kubelet            Started container web\n',
      ),
    ).toBe(true)
  })

  it('kubectl: describe: node shows the lease, the pods and the allocated resources', () => {
    const t = sim({ seed: 1 })
    const out = t.sh('kubectl describe node cp-1').stdout
    expect(out).toContain('Roles:              control-plane\n')
    expect(out).toContain('Taints:             node-role.kubernetes.io/control-plane:NoSchedule\n')
    expect(out).toContain('Lease:\n  HolderIdentity:  cp-1\n  AcquireTime:     <unset>\n')
    expect(out).toContain('Non-terminated Pods:          (6 in total)\n')
    expect(out).toContain(
      '  kube-system                 etcd-cp-1                       100m (5%)     0 (0%)      100Mi (2%)       0 (0%)         9m59s\n',
    )
    expect(out).toContain('  cpu                750m (37%)  0 (0%)\n')
  })

  it('kubectl: describe: deployment names its ReplicaSets; a name prefix describes every match', () => {
    const t = withWeb()
    const out = t.sh('kubectl describe deploy web').stdout
    expect(out).toContain(
      'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n',
    )
    expect(out).toContain(
      'OldReplicaSets:  <none>\nNewReplicaSet:   web-cbdb446f4 (2/2 replicas created)\n',
    )
    const pods = t.sh('kubectl describe pod web').stdout
    expect(pods.match(/^Name: /gm)).toHaveLength(2)
    expect(pods).toContain('\n\n\nName:             web-cbdb446f4-982fh\n')
    expect(t.sh('kubectl describe pod nope').stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    )
    expect(t.sh('kubectl describe').stderr).toBe(
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
    )
  })
})

describe('kubectl logs, top, events', () => {
  it('kubectl: logs: picks a pod for deploy/NAME and the first container of several', () => {
    const t = withWeb()
    const r = t.sh('kubectl logs deploy/web')
    expect(r.stderr).toBe('Found 2 pods, using pod/web-cbdb446f4-4mv87\n')
    const weave = t.sh('kubectl logs -n kube-system weave-net-7b8hp --tail 1')
    expect(weave.stderr).toBe('Defaulted container "weave" out of: weave, weave-npc\n')
    expect(weave.stdout.split('\n')).toHaveLength(2)
    expect(t.sh('kubectl logs -n kube-system weave-net-7b8hp -c nope').stderr).toBe(
      'error: container nope is not valid for pod weave-net-7b8hp\n',
    )
    expect(t.sh('kubectl logs').stderr).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    )
  })

  it('kubectl: top: a cluster without metrics-server has no Metrics API', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl top nodes')).toMatchObject({
      stderr: 'error: Metrics API not available\n',
      exitCode: 1,
    })
    expect(t.sh('kubectl top pod --sort-by=x').stderr).toBe(
      'error: --sort-by accepts only cpu or memory\n',
    )
  })

  it('kubectl: events: oldest first with Kind/name objects', () => {
    const t = withWeb()
    const lines = t.sh('kubectl events').stdout.split('\n')
    expect(lines[0]).toBe(
      'LAST SEEN   TYPE     REASON                    OBJECT                     MESSAGE',
    )
    expect(lines[1]).toBe(
      '10m         Normal   NodeHasSufficientMemory   Node/cp-1                  Node cp-1 status is now: NodeHasSufficientMemory',
    )
    expect(t.sh('kubectl events --types=x').stderr).toBe(
      'error: valid --types are Normal or Warning\n',
    )
  })
})

describe('kubectl discovery and configuration verbs', () => {
  it('kubectl: api-resources and api-versions list what the server serves', () => {
    const t = sim({ seed: 1 })
    const lines = t.sh('kubectl api-resources').stdout.split('\n')
    expect(lines[0]).toBe(
      'NAME                SHORTNAMES   APIVERSION               NAMESPACED   KIND',
    )
    expect(lines).toContain(
      'deployments         deploy       apps/v1                  true         Deployment',
    )
    expect(lines).toContain(
      'componentstatuses   cs           v1                       false        ComponentStatus',
    )
    expect(t.sh('kubectl api-versions').stdout).toBe(
      'apps/v1\ncoordination.k8s.io/v1\ndiscovery.k8s.io/v1\nv1\n',
    )
    expect(t.sh('kubectl api-resources -o foo').stderr).toBe(
      'error: --output foo is not available\n',
    )
  })

  it('kubectl: cluster-info and version print kubectl plain texts', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl cluster-info').stdout).toBe(
      'Kubernetes control plane is running at https://192.168.56.11:6443\n' +
        'CoreDNS is running at https://192.168.56.11:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n' +
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    )
    expect(t.sh('kubectl version').stdout).toBe(
      'Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n',
    )
    expect(t.sh('kubectl version --client -o foo').stderr).toBe(
      "error: --output must be 'yaml' or 'json'\n",
    )
  })

  it('kubectl: config: view hides credentials, get-contexts marks the current one', () => {
    const t = sim({ seed: 1 })
    const view = t.sh('kubectl config view').stdout
    expect(view).toContain('    certificate-authority-data: DATA+OMITTED\n')
    expect(view).toContain('    client-key-data: DATA+OMITTED\n')
    expect(t.sh('kubectl config view --raw').stdout).not.toContain('OMITTED')
    expect(t.sh('kubectl config current-context').stdout).toBe('kubernetes-admin@kubernetes\n')
    expect(t.sh('kubectl config get-contexts').stdout).toBe(
      'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n' +
        '*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
    )
  })

  it('kubectl: explain: prints KIND, VERSION, DESCRIPTION and FIELDS', () => {
    const t = sim({ seed: 1 })
    const out = t.sh('kubectl explain deployment.spec').stdout
    expect(
      out.startsWith(
        'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: spec <DeploymentSpec>\n\n\nDESCRIPTION:\n',
      ),
    ).toBe(true)
    expect(out).toContain('  selector\t<LabelSelector> -required-\n')
    expect(t.sh('kubectl explain pods.nope').stderr).toBe('error: field "nope" does not exist\n')
  })
})

describe('kubectl completion', () => {
  it('kubectl: complete: offers types, then names of that type', () => {
    const t = withWeb()
    const types = t.simulation.handle({
      kind: 'shell/complete',
      session: 'test',
      line: 'kubectl get dep',
    })
    expect(JSON.stringify(types)).toContain('deployments')
    const names = t.simulation.handle({
      kind: 'shell/complete',
      session: 'test',
      line: 'kubectl describe pods web-cbdb446f4-4',
    })
    expect(JSON.stringify(names)).toContain('web-cbdb446f4-4mv87')
  })
})
