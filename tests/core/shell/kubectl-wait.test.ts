import { describe, expect, it } from 'vitest'
import { sim, type SimTest } from '../../support/sim'

function write(t: SimTest, path: string, text: string): void {
  t.sh(`cat > ${path} <<'EOF'\n${text}EOF`)
}

/** Runs a line and says how much virtual time it took. */
function timed(t: SimTest, line: string) {
  const before = t.nowMs
  const result = t.sh(line)
  return { ...result, elapsedMs: t.nowMs - before }
}

describe('kubectl wait --for=condition', () => {
  it('kubectl: wait: --for=condition=Ready returns when the pod is Ready and prints "pod/... condition met"', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run web --image=nginx')
    expect(t.sh("kubectl get pod web -o jsonpath='{.status.phase}'").stdout).not.toBe('Running')
    const r = timed(t, 'kubectl wait --for=condition=Ready pod/web')
    expect(r).toMatchObject({ stdout: 'pod/web condition met\n', stderr: '', exitCode: 0 })
    expect(r.elapsedMs).toBeGreaterThan(0)
    expect(r.elapsedMs).toBeLessThan(30_000)
    const ready = t.sh(
      `kubectl get pod web -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`,
    )
    expect(ready.stdout).toBe('True')
  })

  it('kubectl: wait: --for=condition=Available waits for a new deployment and names it deployment.apps/web', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx --replicas=2')
    const r = timed(t, 'kubectl wait --for=condition=Available deployment/web')
    expect(r).toMatchObject({ stdout: 'deployment.apps/web condition met\n', exitCode: 0 })
    expect(r.elapsedMs).toBeGreaterThan(0)
    expect(
      t.sh("kubectl get deployment web -o jsonpath='{.status.availableReplicas}'").stdout,
    ).toBe('2')
  })

  it('kubectl: wait: a condition already true returns at once, without letting time pass', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run web --image=nginx')
    t.sh('sleep 60s')
    const r = timed(t, 'kubectl wait --for=condition=ready pod web')
    expect(r).toMatchObject({ stdout: 'pod/web condition met\n', exitCode: 0 })
    expect(r.elapsedMs).toBe(0)
  })

  it('kubectl: wait: a condition never met times out after --timeout with kubectl’s error and exit status 1', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run stuck --image=nginx:doesnotexist')
    const r = timed(t, 'kubectl wait --for=condition=Ready pod/stuck --timeout=5s')
    expect(r).toMatchObject({
      stdout: '',
      stderr: 'error: timed out waiting for the condition on pods/stuck\n',
      exitCode: 1,
    })
    expect(r.elapsedMs).toBe(5000)
    // The default timeout is 30 seconds.
    expect(timed(t, 'kubectl wait --for=condition=Ready pod/stuck').elapsedMs).toBe(30_000)
  })

  it('kubectl: wait: --timeout=0 looks once and says the condition is not met', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run stuck --image=nginx:doesnotexist')
    const r = timed(t, 'kubectl wait --for=condition=Ready pod/stuck --timeout=0')
    expect(r).toMatchObject({
      stderr: 'error: condition not met for pods/stuck\n',
      exitCode: 1,
      elapsedMs: 0,
    })
  })

  it('kubectl: wait: condition names and values compare in any case, and =false waits for False', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run stuck --image=nginx:doesnotexist')
    t.sh('sleep 10s')
    expect(t.sh('kubectl wait --for=condition=ready=FALSE pod/stuck').stdout).toBe(
      'pod/stuck condition met\n',
    )
    expect(t.sh('kubectl wait --for=condition=READY pod/stuck --timeout=1s').stderr).toBe(
      'error: timed out waiting for the condition on pods/stuck\n',
    )
  })

  it('kubectl: wait: -l waits for every matching pod, one line each', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx --replicas=3')
    t.sh('sleep 1s')
    const r = t.sh('kubectl wait --for=condition=Ready pods -l app=web')
    expect(r.exitCode).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(line).toMatch(/^pod\/web-[a-z0-9]+-[a-z0-9]{5} condition met$/)
    expect(t.sh('kubectl wait --for=condition=Ready pods --all').stdout).toBe(r.stdout)
  })

  it('kubectl: wait: several objects that time out are listed together, without "error: "', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run a --image=nginx:doesnotexist')
    t.sh('kubectl run b --image=nginx:doesnotexist')
    const r = timed(t, 'kubectl wait --for=condition=Ready pod a b --timeout=3s')
    expect(r.stderr).toBe(
      'timed out waiting for the condition on pods/a\ntimed out waiting for the condition on pods/b\n',
    )
    expect(r.exitCode).toBe(1)
    // The deadline is shared: b gets no time of its own.
    expect(r.elapsedMs).toBe(3000)
  })
  it('kubectl: wait: once the deadline has passed, the objects left time out without another look', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run stuck --image=nginx:doesnotexist')
    t.sh('kubectl run web --image=nginx')
    t.sh('sleep 30s')
    expect(t.sh('kubectl wait --for=condition=Ready pod/web').stdout).toBe(
      'pod/web condition met\n',
    )
    const r = timed(t, 'kubectl wait --for=condition=Ready pod/stuck pod/web --timeout=2s')
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      'timed out waiting for the condition on pods/stuck\ntimed out waiting for the condition on pods/web\n',
    )
    expect(r.elapsedMs).toBe(2000)
  })

  it('kubectl: wait: -o name prints the names alone', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx')
    expect(t.sh('kubectl wait --for=condition=Available deploy web -o name').stdout).toBe(
      'deployment.apps/web\n',
    )
  })
})

describe('kubectl wait --for=jsonpath', () => {
  it('kubectl: wait: --for=jsonpath waits until the value equals the one given', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run web --image=nginx')
    const r = timed(t, "kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web")
    expect(r).toMatchObject({ stdout: 'pod/web condition met\n', exitCode: 0 })
    expect(r.elapsedMs).toBeGreaterThan(0)
    expect(
      t.sh(
        `kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/web`,
      ).stdout,
    ).toBe('pod/web condition met\n')
    expect(t.sh('kubectl wait --for=jsonpath=.status.podIP pod/web').stdout).toBe(
      'pod/web condition met\n',
    )
  })

  it('kubectl: wait: a jsonpath that leads to a map, or a malformed one, is an error', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run web --image=nginx')
    expect(t.sh('kubectl wait --for=jsonpath={.status}=x pod/web').stderr).toBe(
      'error: jsonpath leads to a nested object or list which is not supported\n',
    )
    expect(t.sh("kubectl wait --for=jsonpath='{.status.phase}'= pod/web").stderr).toBe(
      "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n",
    )
    expect(t.sh('kubectl wait --for=jsonpath={.a}=1=2 pod/web').stderr).toBe(
      "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n",
    )
  })
})

describe('kubectl wait --for=delete and --for=create', () => {
  it('kubectl: wait: --for=delete waits through the pod’s graceful termination', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run web --image=nginx')
    t.sh('sleep 30s')
    t.sh('kubectl delete pod web --wait=false')
    const r = timed(t, 'kubectl wait --for=delete pod/web --timeout=60s')
    expect(r).toMatchObject({ stdout: 'pod/web condition met\n', exitCode: 0 })
    expect(r.elapsedMs).toBeGreaterThan(0)
    expect(t.sh('kubectl get pod web').stderr).toBe(
      'Error from server (NotFound): pods "web" not found\n',
    )
  })

  it('kubectl: wait: --for=delete still looks once at listed objects left after the deadline', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run a-stays --image=nginx --labels=app=x')
    t.sh('kubectl run b-goes --image=nginx --labels=app=x')
    t.sh('sleep 30s')
    t.sh('kubectl delete pod b-goes --wait=false')
    const r = timed(t, 'kubectl wait --for=delete pods -l app=x --timeout=20s')
    expect(r.stdout).toBe('pod/b-goes condition met\n')
    expect(r.stderr).toBe('error: timed out waiting for the condition on pods/a-stays\n')
    expect(r.elapsedMs).toBe(20_000)
    // Named, it is looked up when its turn comes, found gone, and passed over in silence.
    t.sh('kubectl run c-goes --image=nginx')
    t.sh('sleep 30s')
    t.sh('kubectl delete pod c-goes --wait=false')
    const named = t.sh('kubectl wait --for=delete pod/a-stays pod/c-goes --timeout=20s')
    expect(named.stdout).toBe('')
    expect(named.stderr).toBe('error: timed out waiting for the condition on pods/a-stays\n')
  })

  it('kubectl: wait: --for=delete of an object that does not exist succeeds silently', () => {
    const t = sim({ seed: 1 })
    expect(timed(t, 'kubectl wait --for=delete pod/nope')).toMatchObject({
      stdout: '',
      stderr: '',
      exitCode: 0,
      elapsedMs: 0,
    })
    expect(t.sh('kubectl wait --for=delete pods -l app=none').exitCode).toBe(0)
  })

  it('kubectl: wait: --for=delete of an object that stays times out naming it', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run web --image=nginx')
    expect(t.sh('kubectl wait --for=delete pod/web --timeout=2s').stderr).toBe(
      'error: timed out waiting for the condition on pods/web\n',
    )
    expect(t.sh('kubectl wait --for=delete pod/web --timeout=0').stderr).toBe(
      'error: condition not met for pods/web\n',
    )
  })

  it('kubectl: wait: --for=create returns once the objects exist, and times out without a name', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx --replicas=2')
    expect(t.sh('kubectl wait --for=create deployment/web').stdout).toBe(
      'deployment.apps/web condition met\n',
    )
    const pods = timed(t, 'kubectl wait --for=create pods -l app=web')
    expect(pods.stdout).toMatch(/^pod\/web-\S+ condition met\npod\/web-\S+ condition met\n$/)
    const never = timed(t, 'kubectl wait --for=create pod/never --timeout=2s')
    expect(never).toMatchObject({
      stderr: 'error: timed out waiting for the condition\n',
      exitCode: 1,
      elapsedMs: 2000,
    })
  })
})

describe('kubectl wait errors', () => {
  it('kubectl: wait: a missing or unknown --for is refused before anything is looked up', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl wait pod/web')).toMatchObject({
      stderr: 'error: unrecognized condition: ""\n',
      exitCode: 1,
    })
    expect(t.sh('kubectl wait --for=Ready nosuchtype/web').stderr).toBe(
      'error: unrecognized condition: "Ready"\n',
    )
  })

  it('kubectl: wait: an object without a name cannot be waited for', () => {
    const t = sim({ seed: 1 })
    write(t, 'pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\n')
    expect(t.sh('kubectl wait --for=delete -f pod.yaml')).toMatchObject({
      stderr: 'error: resource name must be provided\n',
      exitCode: 1,
    })
    expect(t.sh('kubectl wait --for=delete pods').stderr).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    )
  })

  it('kubectl: wait: a selector matching nothing is "no matching resources found"', () => {
    const t = sim({ seed: 1 })
    expect(timed(t, 'kubectl wait --for=condition=Ready pods -l app=none')).toMatchObject({
      stderr: 'error: no matching resources found\n',
      exitCode: 1,
      elapsedMs: 0,
    })
  })

  it('kubectl: wait: a named object that does not exist is the server’s NotFound', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl wait --for=condition=Ready pod/nope')).toMatchObject({
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    })
  })

  it('kubectl: wait: --timeout takes Go durations only, and no resources is kubectl’s usage text', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubectl wait --for=delete pod/x --timeout=30').stderr).toBe(
      `Error: invalid argument "30" for "--timeout" flag: time: missing unit in duration "30"\nSee 'kubectl wait --help' for usage.\n`,
    )
    expect(t.sh('kubectl wait --for=delete').stderr).toMatch(
      /^error: You must provide one or more resources by argument or filename\.\n/,
    )
    expect(t.sh('kubectl wait --for=delete pod web -l app=web').stderr).toBe(
      'error: name cannot be provided when a selector is specified\n',
    )
  })
})
