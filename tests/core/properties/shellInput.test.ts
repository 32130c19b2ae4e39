/**
 * Bad input never harms the lab: whatever a learner types or pastes (binary garbage, unknown
 * flags, malformed YAML, manifests of kinds the server does not have), the shell answers with an
 * error and the cluster is left exactly as it was: no write reached etcd and no time passed.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { VERBS } from '../../../core/shell/kubectl/kubectl'
import { sim } from '../../support/sim'
import { parameters } from './parameters'

const t = sim({ seed: 1 })

function unchangedBy(line: string): { stdout: string; stderr: string; exitCode: number } {
  const revision = t.kube.etcd.kv.revision
  const now = t.nowMs
  const result = t.sh(line)
  // Leave no half-typed heredoc or quote behind for the next run.
  if (result.prompt === '> ') t.simulation.handle({ kind: 'shell/interrupt', session: 'test' })
  t.sh('cd; exit 0 2>/dev/null; true')
  expect(t.kube.etcd.kv.revision, `etcd changed after ${JSON.stringify(line)}`).toBe(revision)
  expect(t.nowMs, `time passed after ${JSON.stringify(line)}`).toBe(now)
  return result
}

/** Bytes as a terminal would deliver them, control characters included. */
const garbage = fc
  .uint8Array({ minLength: 1, maxLength: 120 })
  .map((bytes) => String.fromCharCode(...bytes))

const yamlGarbage = fc
  .string({ unit: 'binary', maxLength: 200 })
  .filter((text) => !/kind\s*:/i.test(text) && !/^EOF$/m.test(text))

describe('properties: bad shell input', () => {
  it('binary garbage gets an error, never a crash, and changes nothing', () => {
    fc.assert(
      fc.property(garbage, (line) => {
        const result = unchangedBy(line)
        expect(typeof result.exitCode).toBe('number')
      }),
      parameters(150),
    )
  })

  it('every kubectl verb refuses an unknown flag with kubectl’s error and status 1', () => {
    const verbs = VERBS.map((v) => v.name)
    fc.assert(
      fc.property(
        fc.constantFrom('get', 'bogus', ...verbs),
        fc.stringMatching(/^[a-z][a-z-]{2,12}$/),
        (verb, flag) => {
          const result = unchangedBy(`kubectl ${verb} web --zz-${flag}`)
          expect(result.exitCode).toBe(1)
          expect(result.stderr).toMatch(/^(Error|error): /)
        },
      ),
      parameters(60),
    )
  })

  it('malformed or kind-less manifests are refused by kubectl apply and create', () => {
    fc.assert(
      fc.property(fc.constantFrom('apply', 'create'), yamlGarbage, (verb, text) => {
        const result = unchangedBy(`kubectl ${verb} -f - <<'EOF'\n${text}\nEOF`)
        expect(result.exitCode).not.toBe(0)
      }),
      parameters(60),
    )
  })

  it('a manifest of a kind the server does not have is refused', () => {
    const result = unchangedBy(
      "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Foo\nmetadata:\n  name: x\nEOF",
    )
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('no matches for kind "Foo" in version "v1"')
  })
})
