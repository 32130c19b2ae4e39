import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import TimeControls from '../../renderer/src/components/TimeControls.vue'
import { isTypingTarget, shortcutFor } from '../../renderer/src/composables/timeShortcuts'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { useClockStore } from '../../renderer/src/stores/clock'
import { SHORTCUTS_STORAGE_KEY, useTimeControlStore } from '../../renderer/src/stores/timeControl'
import { settle, startSimulation } from './helpers'

/** A key press as the document would see it, from an element made from `html`. */
function press(key: string, html = '<div></div>', init: KeyboardEventInit = {}): KeyboardEvent {
  const host = document.createElement('div')
  host.innerHTML = html
  document.body.append(host)
  const target = host.querySelector('[data-target]') ?? host.firstElementChild!
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(event)
  host.remove()
  return event
}

describe('time shortcuts', () => {
  it('maps single keys to the time actions', () => {
    const at = (key: string): string | undefined => {
      const event = new KeyboardEvent('keydown', { key })
      return shortcutFor(event)?.describes
    }
    expect(at('p')).toBe('playPause')
    expect(at('.')).toBe('step')
    expect(at(']')).toBe('faster')
    expect(at('[')).toBe('slower')
    expect(at('m')).toBe('jumpMinute')
    expect(at('M')).toBe('jumpFiveMinutes')
    expect(at('x')).toBeUndefined()
  })

  it('never fires in the terminal, the manifest editor, text fields or a menu', () => {
    const typing = [
      '<div class="xterm"><textarea data-target></textarea></div>',
      '<div class="cm-editor"><div contenteditable="true" data-target></div></div>',
      '<input type="text" />',
      '<select><option>a</option></select>',
      '<div role="menu"><button data-target></button></div>',
    ]
    for (const html of typing) {
      const host = document.createElement('div')
      host.innerHTML = html
      const target = host.querySelector('[data-target]') ?? host.firstElementChild
      expect(isTypingTarget(target), html).toBe(true)
    }
    expect(isTypingTarget(document.createElement('button'))).toBe(false)
    const radio = document.createElement('input')
    radio.type = 'radio'
    expect(isTypingTarget(radio)).toBe(false)
  })

  it('leaves Ctrl, Alt and Meta combinations to others', () => {
    for (const modifier of ['ctrlKey', 'altKey', 'metaKey'] as const)
      expect(shortcutFor(new KeyboardEvent('keydown', { key: 'p', [modifier]: true }))).toBe(
        undefined,
      )
  })
})

describe('TimeControls', () => {
  let pinia: Pinia
  let wrapper: VueWrapper | undefined

  beforeEach(async () => {
    localStorage.clear()
    pinia = createPinia()
    setActivePinia(pinia)
    wrapper = mount(TimeControls, {
      attachTo: document.body,
      global: { plugins: [pinia, createAppI18n('en')] },
    })
    await useConnectionStore().connect(startSimulation().port, { schedule: (cb) => cb() })
    await flushPromises()
  })

  afterEach(() => {
    useConnectionStore().disconnect()
    wrapper?.unmount()
  })

  it('says whether time runs, in words, and plays and pauses from its button', async () => {
    const state = (): string => wrapper!.get('[data-testid="time-state"]').text()
    expect(state()).toBe('Paused')
    await wrapper!.get('[data-testid="time-speed-60"]').setValue(true)
    await wrapper!.get('[data-testid="time-play"]').trigger('click')
    expect(state()).toBe('Running at 60×')
    expect(wrapper!.get('[data-testid="time-play"]').text()).toContain('Pause')
    await wrapper!.get('[data-testid="time-play"]').trigger('click')
    expect(state()).toBe('Paused')
  })

  it('jumps the cluster clock a minute ahead', async () => {
    await wrapper!.get('[data-testid="time-jump-1m"]').trigger('click')
    await settle()
    expect(useClockStore().text).toBe('00:01:00')
  })

  it('acts on shortcuts from the page, but not from the terminal, and not once switched off', async () => {
    const time = useTimeControlStore()
    expect(press('p').defaultPrevented).toBe(true)
    expect(time.playing).toBe(true)
    press('p', '<div class="xterm"><textarea data-target></textarea></div>')
    expect(time.playing).toBe(true)
    await wrapper!.get('[data-testid="time-shortcuts-on"]').setValue(false)
    expect(localStorage.getItem(SHORTCUTS_STORAGE_KEY)).toBe('off')
    expect(press('p').defaultPrevented).toBe(false)
    expect(time.playing).toBe(true)
  })

  it('documents every shortcut in its help', () => {
    const help = wrapper!.get('[data-testid="time-shortcuts"]').text()
    for (const key of ['P', '.', '[', ']', 'M', 'Shift+M', 'Shift+F10']) expect(help).toContain(key)
    expect(help).toContain('terminal')
  })
})
