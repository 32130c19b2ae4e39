/**
 * busybox and alpine: their process runs the container's command (`sh -c SCRIPT`, `sleep 3600`,
 * or the image's CMD `sh`, which with no terminal reads nothing and exits 0 at once — the classic
 * "Completed, then CrashLoopBackOff" of a bare busybox pod).
 *
 * As pid 1 of its container the shell has no SIGTERM handler, and the kernel does not apply the
 * default action to pid 1: SIGTERM is ignored, so deleting such a pod takes its whole grace
 * period and ends with SIGKILL (exit 137). That is what a real cluster does.
 */
import type { ScheduledTask } from '../../clock'
import type { Program, ProgramContext } from '../program'
import { parse } from './shellParse'
import { run, ShellExit, type ShellHost, type ShellRun } from './shellRun'
import {
  containerEnv,
  containerFiles,
  execIn,
  LineWriter,
  scriptOf,
  type LabRunningProgram,
} from './support'

function argvOf(context: ProgramContext): string[] {
  if (context.command.length > 0) return [...context.command, ...context.args]
  return context.args.length > 0 ? [...context.args] : ['sh']
}

export function shellProgram(): Program {
  return {
    processName: (context) => argvOf(context).join(' '),
    start(context): LabRunningProgram {
      const fs = containerFiles(context)
      const out = new LineWriter((line) => context.log(line))
      const host: ShellHost = {
        fs,
        vars: containerEnv(context),
        hostname: context.podName,
        nowMs: () => context.clock.nowMs,
        stdout: (t) => out.write(t),
        stderr: (t) => out.write(t),
      }
      let generator: ShellRun | undefined
      let pending: ScheduledTask | undefined
      let ended = false
      const end = (code: number): void => {
        ended = true
        out.flush()
        context.exit(code)
      }
      const step = (): void => {
        pending = undefined
        if (ended || generator === undefined) return
        try {
          const next = generator.next()
          if (next.done === true) end(next.value)
          else
            pending = context.clock.schedule(
              next.value.sleepMs,
              `sh ${context.containerName}`,
              step,
            )
        } catch (error) {
          if (error instanceof ShellExit) end(error.code)
          else end(2)
        }
      }
      try {
        generator = run(parse(scriptOf(argvOf(context))), host, {
          status: 0,
          steps: 0,
          sync: false,
        })
      } catch (error) {
        out.write(`sh: ${error instanceof Error ? error.message : String(error)}\n`)
        end(2)
      }
      pending = context.clock.schedule(0, `sh ${context.containerName}`, step)
      return {
        signal(signal) {
          if (signal !== 'SIGKILL') return
          ended = true
          pending?.cancel()
        },
        exec: (command, timeoutMs) => execIn(fs, context, command, timeoutMs),
        files: fs,
        listening: () => [],
        memoryBytes: () => 1_200_000,
      }
    },
  }
}
