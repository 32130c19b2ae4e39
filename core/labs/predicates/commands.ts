/** `commandRan`: the learner ran a command line matching a pattern during this step. */
import type { CommandRecord } from '../../shell/command'
import { verdict, type CheckContext, type CheckResult } from './context'
import type { LeafPredicate } from './schema'

export function commandRan(
  p: Extract<LeafPredicate, { check: 'commandRan' }>,
  context: CheckContext,
): CheckResult {
  const pattern = new RegExp(p.pattern)
  const matching = context.commands.filter(
    (record) =>
      pattern.test(record.line) && (p.machine === undefined || record.machine === p.machine),
  )
  const counts = (record: CommandRecord): boolean =>
    p.outcome === 'any' || (record.exitCode === 0) === (p.outcome === 'succeeded')
  const last = matching.filter(counts).at(-1)
  if (last !== undefined) {
    const status = last.exitCode === 0 ? '' : ` (status ${last.exitCode})`
    return verdict(true, `You ran: ${last.line}${status}`, `Você executou: ${last.line}${status}`)
  }
  const other = matching.at(-1)
  if (other !== undefined)
    return p.outcome === 'succeeded'
      ? verdict(
          false,
          `${other.line} exited with status ${other.exitCode}; it has to succeed.`,
          `${other.line} terminou com status ${other.exitCode}; ele precisa dar certo.`,
        )
      : verdict(
          false,
          `${other.line} succeeded; this step wants to see it fail.`,
          `${other.line} deu certo; este passo quer vê-lo falhar.`,
        )
  const where = p.machine === undefined ? '' : ` on ${p.machine}`
  const onde = p.machine === undefined ? '' : ` em ${p.machine}`
  return verdict(
    false,
    `No command matching /${p.pattern}/ was run${where} in this step.`,
    `Nenhum comando que case com /${p.pattern}/ foi executado${onde} neste passo.`,
  )
}
