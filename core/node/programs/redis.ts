/**
 * redis as the official image runs it: `redis-server *:6379`, its startup banner, and a clean
 * shutdown on SIGTERM (it saves its RDB snapshot, then exits 0). It speaks RESP, not HTTP, so an
 * httpGet probe against it fails while a tcpSocket probe on 6379 succeeds.
 */
import type { Program } from '../program'
import { redisTime, unixSeconds } from '../timeFormat'
import { containerFiles, execIn, type LabRunningProgram } from './support'

export const REDIS_VERSION = '7.4.1'

export function redisProgram(): Program {
  return {
    processName: () => 'redis-server *:6379',
    start(context): LabRunningProgram {
      const fs = containerFiles(context)
      let serving = true
      const at = (role: 'C' | 'M', mark: '*' | '#', text: string): string =>
        `1:${role} ${redisTime(context.clock.nowMs)} ${mark} ${text}`
      for (const line of [
        at('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
        at(
          'C',
          '*',
          `Redis version=${REDIS_VERSION}, bits=64, commit=00000000, modified=0, pid=1, just started`,
        ),
        at(
          'C',
          '#',
          'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
        ),
        at('M', '*', 'monotonic clock: POSIX clock_gettime'),
        at('M', '*', 'Running mode=standalone, port=6379.'),
        at('M', '*', 'Server initialized'),
        at('M', '*', 'Ready to accept connections tcp'),
      ]) {
        context.log(line)
      }
      return {
        signal(signal) {
          if (!serving) return
          serving = false
          if (signal === 'SIGKILL') return
          context.log(
            `1:signal-handler (${unixSeconds(context.clock.nowMs)}) Received SIGTERM scheduling shutdown...`,
          )
          context.clock.schedule(100, 'redis shutdown', () => {
            context.log(at('M', '*', 'User requested shutdown...'))
            context.log(at('M', '*', 'Saving the final RDB snapshot before exiting.'))
            context.log(at('M', '*', 'DB saved on disk'))
            context.log(at('M', '#', 'Redis is now ready to exit, bye bye...'))
            context.exit(0)
          })
        },
        listening: () => (serving ? [6379] : []),
        memoryBytes: () => 3_900_000,
        exec: (command, timeoutMs) => execIn(fs, context, command, timeoutMs),
        files: fs,
      }
    },
  }
}
