/**
 * The small images the lab needs beyond public ones: the pod sandbox's `pause`, and two teaching
 * images — `kubelab/crash` (fails after a moment, for CrashLoopBackOff) and `kubelab/memory-hog`
 * (allocates memory step by step until it holds its target or the kernel's OOM killer ends it at
 * the container's memory limit: exit 137, OOMKilled).
 */
import type { ScheduledTask } from '../../clock'
import type { Program, ProgramContext } from '../program'
import { nginxTime } from '../timeFormat'
import { containerFiles, execIn, type LabRunningProgram } from './support'

const MIB = 1024 * 1024

/** registry.k8s.io/pause: sleeps until told to stop, then exits 0 (pause.c's sigdown). */
export function pauseProgram(): Program {
  return {
    processName: () => '/pause',
    start(context) {
      let alive = true
      return {
        signal(signal) {
          if (!alive) return
          alive = false
          if (signal === 'SIGKILL') return
          context.log('Shutting down, got signal: Terminated')
          context.exit(0)
        },
        memoryBytes: () => 250_000,
      }
    },
  }
}

/** The value of `--name N` in argv, or of an environment variable. */
function option(context: ProgramContext, flag: string, env: string): number | undefined {
  const argv = [...context.command, ...context.args]
  const i = argv.indexOf(flag)
  const text = i >= 0 ? argv[i + 1] : context.env[env]
  const value = Number(text)
  return text === undefined || !Number.isFinite(value) ? undefined : value
}

function argvText(context: ProgramContext, entrypoint: string): string {
  const argv =
    context.command.length > 0
      ? [...context.command, ...context.args]
      : [entrypoint, ...context.args]
  return argv.join(' ')
}

/** kubelab/crash: logs its start, then an error, and exits 1 (or --exit-code) after --after s. */
export function crashProgram(): Program {
  return {
    processName: (context) => argvText(context, '/crash'),
    start(context): LabRunningProgram {
      const fs = containerFiles(context)
      const afterMs = (option(context, '--after', 'CRASH_AFTER_SECONDS') ?? 2) * 1000
      const code = option(context, '--exit-code', 'EXIT_CODE') ?? 1
      const log = (text: string): void => context.log(`${nginxTime(context.clock.nowMs)} ${text}`)
      log('kubelab/crash: starting')
      log('kubelab/crash: connecting to db:5432')
      const task = context.clock.schedule(afterMs, 'crash', () => {
        log('kubelab/crash: fatal: dial tcp db:5432: connect: connection refused')
        context.exit(code)
      })
      return {
        // Pid 1 without a handler: SIGTERM is ignored; SIGKILL ends it.
        signal: (signal) => void (signal === 'SIGKILL' && task.cancel()),
        memoryBytes: () => 3 * MIB,
        exec: (command, timeoutMs) => execIn(fs, context, command, timeoutMs),
        files: fs,
      }
    },
  }
}

/** Steps the hog takes to reach its target (500 ms apart: four seconds in all). */
const HOG_STEPS = 8
const HOG_STEP_MS = 500
const HOG_BASELINE_BYTES = 2 * MIB

/** kubelab/memory-hog: allocates --mb N (or MEMORY_MB, default 256) MiB over four seconds. */
export function memoryHogProgram(): Program {
  return {
    processName: (context) => argvText(context, '/memory-hog'),
    start(context): LabRunningProgram {
      const fs = containerFiles(context)
      const targetMiB = option(context, '--mb', 'MEMORY_MB') ?? 256
      let used = HOG_BASELINE_BYTES
      let steps = 0
      let task: ScheduledTask | undefined
      context.log(`memory-hog: allocating ${targetMiB} MiB in ${HOG_STEPS} steps`)
      const step = (): void => {
        steps++
        const allocated = Math.round((targetMiB * steps) / HOG_STEPS)
        used = HOG_BASELINE_BYTES + allocated * MIB
        const limit = context.memoryLimitBytes
        if (limit !== undefined && used > limit) {
          used = limit
          context.oomKill()
          return
        }
        context.log(`memory-hog: allocated ${allocated} MiB of ${targetMiB} MiB`)
        if (steps < HOG_STEPS) task = context.clock.schedule(HOG_STEP_MS, 'memory-hog', step)
        else context.log(`memory-hog: holding ${targetMiB} MiB`)
      }
      task = context.clock.schedule(HOG_STEP_MS, 'memory-hog', step)
      return {
        signal: (signal) => void (signal === 'SIGKILL' && task?.cancel()),
        memoryBytes: () => used,
        exec: (command, timeoutMs) => execIn(fs, context, command, timeoutMs),
        files: fs,
      }
    },
  }
}
