/**
 * How `kubelab shell --echo` shows each line it runs: "$ command" on the laptop, the node's own
 * prompt after ssh ("root@worker-1:~# systemctl stop kubelet"), and "> " for the continuation
 * lines of a heredoc or an open quote. Golden transcripts use the same text.
 */
import type { ShellResult } from '../protocol'

export const LAPTOP_PROMPT = 'root@laptop:~# '

export function echoLine(prompt: string, line: string): string {
  if (prompt === '> ') return `> ${line}\n`
  return prompt.startsWith('root@laptop:') ? `$ ${line}\n` : `${prompt}${line}\n`
}

/** The whole transcript of a script run line by line in one session, as a terminal shows it. */
export function transcript(lines: readonly string[], run: (line: string) => ShellResult): string {
  let prompt = LAPTOP_PROMPT
  let text = ''
  for (const line of lines) {
    text += echoLine(prompt, line)
    const result = run(line)
    text += result.output
    prompt = result.prompt
    if (result.closed) break
  }
  return text
}
