import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Command, SimulationEvent } from '../../core/protocol'
import type { SimulationClient } from '../../renderer/src/client/simulationClient'
import { RemoteError } from '../../renderer/src/client/simulationClient'
import { useClockStore } from '../../renderer/src/stores/clock'
import {
  MAX_WALL_MS,
  TICK_MS,
  useTimeControlStore,
  type WallClock,
} from '../../renderer/src/stores/timeControl'
import { settle } from './helpers'

/** Wall time and timers the test moves by hand. */
function manualWall(): WallClock & { tick(ms: number): void; timers(): number } {
  let now = 0
  let timers: { at: number; run: () => void }[] = []
  return {
    now: () => now,
    after(ms, run) {
      const timer = { at: now + ms, run }
      timers.push(timer)
      return () => void (timers = timers.filter((t) => t !== timer))
    },
    tick(ms) {
      now += ms
      const due = timers.filter((t) => t.at <= now)
      timers = timers.filter((t) => t.at > now)
      due.forEach((t) => t.run())
    },
    timers: () => timers.length,
  }
}

interface Sent {
  command: Command
  reply(nowMs: number): void
  refuse(message: string): void
}

/** A client whose replies the test sends, one by one, to see what is in flight. */
function fakeClient(): { client: SimulationClient; sent: Sent[] } {
  const sent: Sent[] = []
  const client = {
    request: (command: Command) =>
      new Promise<unknown>((resolve, reject) =>
        sent.push({
          command,
          reply: (nowMs) => resolve({ nowMs }),
          refuse: (message) => reject(new RemoteError('BadCommand', message)),
        }),
      ),
    onEvent: (_listener: (event: SimulationEvent) => void) => () => {},
    close: () => {},
  } as unknown as SimulationClient
  return { client, sent }
}

const advanced = (sent: Sent[]): number[] =>
  sent.map((s) => (s.command.kind === 'clock/advance' ? s.command.ms : -1))

describe('useTimeControlStore', () => {
  let wall: ReturnType<typeof manualWall>
  let fake: ReturnType<typeof fakeClient>
  let time: ReturnType<typeof useTimeControlStore>

  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
    wall = manualWall()
    fake = fakeClient()
    time = useTimeControlStore()
    time.connect(fake.client, { wall })
  })

  it('steps one second and jumps one or five minutes with clock/advance', async () => {
    void time.step()
    expect(advanced(fake.sent)).toEqual([1_000])
    fake.sent[0]!.reply(1_000)
    await settle()
    expect(useClockStore().nowMs).toBe(1_000)
    void time.jumpMinute()
    fake.sent[1]!.reply(61_000)
    await settle()
    void time.jumpFiveMinutes()
    expect(advanced(fake.sent)).toEqual([1_000, 60_000, 300_000])
  })

  it('keeps one advance in flight and sends what was asked meanwhile as one', async () => {
    void time.step()
    void time.step()
    void time.jumpMinute()
    expect(advanced(fake.sent)).toEqual([1_000])
    expect(time.busy).toBe(true)
    fake.sent[0]!.reply(1_000)
    await settle()
    expect(advanced(fake.sent)).toEqual([1_000, 61_000])
    fake.sent[1]!.reply(62_000)
    await settle()
    expect(time.busy).toBe(false)
    expect(fake.sent).toHaveLength(2)
  })

  it('while playing, advances speed × wall time at every tick', async () => {
    time.setSpeed(60)
    time.play()
    expect(fake.sent).toHaveLength(0)
    wall.tick(TICK_MS)
    expect(advanced(fake.sent)).toEqual([TICK_MS * 60])
    fake.sent[0]!.reply(TICK_MS * 60)
    await settle()
    wall.tick(TICK_MS)
    expect(advanced(fake.sent)).toEqual([TICK_MS * 60, TICK_MS * 60])
  })

  it('skips ticks while a reply is late, then catches up, but never by more than MAX_WALL_MS', async () => {
    time.setSpeed(10)
    time.play()
    wall.tick(TICK_MS)
    expect(fake.sent).toHaveLength(1)
    for (let i = 0; i < 3; i++) wall.tick(TICK_MS)
    expect(fake.sent).toHaveLength(1)
    fake.sent[0]!.reply(2_000)
    await settle()
    wall.tick(TICK_MS)
    expect(advanced(fake.sent)).toEqual([TICK_MS * 10, 4 * TICK_MS * 10])
    fake.sent[1]!.reply(10_000)
    await settle()
    // A long stall (a blocked tab) counts as MAX_WALL_MS at most.
    wall.tick(TICK_MS * 50)
    expect(advanced(fake.sent)[2]).toBe(MAX_WALL_MS * 10)
  })

  it('stops advancing when paused', async () => {
    time.play()
    time.pause()
    wall.tick(TICK_MS * 5)
    expect(fake.sent).toHaveLength(0)
    expect(wall.timers()).toBe(0)
  })

  it('suspends while the window is hidden and does not count the time away', async () => {
    time.setSpeed(2)
    time.play()
    time.setVisible(false)
    expect(time.running).toBe(false)
    wall.tick(60_000)
    expect(fake.sent).toHaveLength(0)
    time.setVisible(true)
    expect(time.playing).toBe(true)
    wall.tick(TICK_MS)
    expect(advanced(fake.sent)).toEqual([TICK_MS * 2])
  })

  it('pauses and keeps the message when the simulation refuses an advance', async () => {
    time.play()
    wall.tick(TICK_MS)
    fake.sent[0]!.refuse('cannot advance the clock')
    await settle()
    expect(time.playing).toBe(false)
    expect(time.error).toBe('cannot advance the clock')
    void time.step()
    expect(time.error).toBe('')
  })

  it('changes speed one notch at a time and stops at either end', () => {
    time.changeSpeed(-1)
    expect(time.speed).toBe(1)
    for (const expected of [2, 10, 60, 300, 300]) {
      time.changeSpeed(1)
      expect(time.speed).toBe(expected)
    }
  })

  it('stops playing when disconnected', () => {
    const stop = time.connect(fake.client, { wall })
    time.play()
    stop()
    expect(time.playing).toBe(false)
    wall.tick(TICK_MS)
    expect(fake.sent).toHaveLength(0)
  })
})
