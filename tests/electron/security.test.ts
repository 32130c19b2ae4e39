import { describe, expect, it } from 'vitest'
import type { ClientMessage, CommandKind } from '../../core/protocol'
import {
  CONTENT_SECURITY_POLICY,
  commandKinds,
  isAllowedNavigation,
  isClientMessage,
  isPermissionCheckAllowed,
  isTrustedSender,
  withContentSecurityPolicy,
} from '../../electron/security'

/** One valid message per command kind; typed, so a new kind without an example fails to compile. */
const EXAMPLES: { [K in CommandKind]: ClientMessage } = {
  'simulation/describe': { type: 'command', id: 1, command: { kind: 'simulation/describe' } },
  'world/list': { type: 'command', id: 2, command: { kind: 'world/list' } },
  'clock/advance': { type: 'command', id: 3, command: { kind: 'clock/advance', ms: 1000 } },
  'fault/kinds': { type: 'command', id: 5, command: { kind: 'fault/kinds' } },
  'fault/apply': {
    type: 'command',
    id: 6,
    command: {
      kind: 'fault/apply',
      fault: 'process/stop',
      target: { kind: 'component', type: 'kubelet', machine: 'worker-1' },
    },
  },
  'fault/heal': { type: 'command', id: 7, command: { kind: 'fault/heal', id: 'fault-1' } },
  'fault/heal-all': { type: 'command', id: 8, command: { kind: 'fault/heal-all' } },
  'fault/list': { type: 'command', id: 9, command: { kind: 'fault/list' } },
  'explain/why': {
    type: 'command',
    id: 10,
    command: { kind: 'explain/why', subject: 'Pod default/web' },
  },
  'inspect/object': {
    type: 'command',
    id: 22,
    command: { kind: 'inspect/object', object: 'Component', name: 'kube-apiserver-cp-1' },
  },
  'kube/list': { type: 'command', id: 23, command: { kind: 'kube/list' } },
  'inspect/resource': {
    type: 'command',
    id: 24,
    command: { kind: 'inspect/resource', object: 'Pod', namespace: 'default', name: 'web-1' },
  },
  'stats/history': { type: 'command', id: 25, command: { kind: 'stats/history', sinceMs: 0 } },
  'log/list': { type: 'command', id: 26, command: { kind: 'log/list' } },
  'shell/exec': {
    type: 'command',
    id: 4,
    command: { kind: 'shell/exec', session: 's1', line: 'kubectl get nodes', language: 'pt-BR' },
  },
  'shell/interrupt': {
    type: 'command',
    id: 10,
    command: { kind: 'shell/interrupt', session: 's1' },
  },
  'shell/complete': {
    type: 'command',
    id: 11,
    command: { kind: 'shell/complete', session: 's1', line: 'kubectl get po' },
  },
  'shell/close': { type: 'command', id: 12, command: { kind: 'shell/close', session: 's1' } },
  'lab/list': { type: 'command', id: 13, command: { kind: 'lab/list' } },
  'lab/start': { type: 'command', id: 14, command: { kind: 'lab/start', id: 'life-of-a-pod' } },
  'lab/view': { type: 'command', id: 15, command: { kind: 'lab/view' } },
  'lab/check': { type: 'command', id: 16, command: { kind: 'lab/check' } },
  'lab/hint': { type: 'command', id: 17, command: { kind: 'lab/hint', step: 'apply' } },
  'lab/solution': { type: 'command', id: 18, command: { kind: 'lab/solution', step: 'apply' } },
  'lab/answer': {
    type: 'command',
    id: 19,
    command: { kind: 'lab/answer', question: 'who-chose', answer: 'kube-scheduler' },
  },
  'lab/reset': { type: 'command', id: 20, command: { kind: 'lab/reset' } },
  'lab/leave': { type: 'command', id: 21, command: { kind: 'lab/leave' } },
  'lab/load': {
    type: 'command',
    id: 40,
    command: {
      kind: 'lab/load',
      folder: 'my-labs',
      files: [{ path: 'my-labs/x/scenario.yaml', text: 'id: x\n' }],
    },
  },
  'challenge/start': { type: 'command', id: 41, command: { kind: 'challenge/start' } },
  'challenge/status': { type: 'command', id: 42, command: { kind: 'challenge/status' } },
  'challenge/reveal': { type: 'command', id: 43, command: { kind: 'challenge/reveal' } },
}

const directives = (): Map<string, string[]> =>
  new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/)
      return [name, sources]
    }),
  )

describe('CONTENT_SECURITY_POLICY', () => {
  it('never allows eval, inline scripts, wildcards or any remote host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval')
    expect(CONTENT_SECURITY_POLICY).not.toContain('*')
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\b(https?|wss?|ftp):/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/[a-z0-9-]+\.[a-z]{2,}/i)
    expect(directives().get('script-src')).toEqual(["'self'"])
  })

  it('allows inline styles only, because Vue and Cytoscape set them', () => {
    const withInline = [...directives()].filter(([, sources]) =>
      sources.includes("'unsafe-inline'"),
    )
    expect(withInline.map(([name]) => name)).toEqual(['style-src'])
  })

  it('locks down plugins, base URLs, forms and framing', () => {
    const policy = directives()
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'none'"])
    expect(policy.get('form-action')).toEqual(["'none'"])
    expect(policy.get('frame-ancestors')).toEqual(["'none'"])
    expect(policy.get('connect-src')).toEqual(["'self'"])
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:'])
  })
})

describe('withContentSecurityPolicy', () => {
  it('replaces a CSP the server sent, in any letter case, and keeps other headers', () => {
    const headers = { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }
    expect(withContentSecurityPolicy(headers)).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    })
    expect(headers['content-security-policy']).toEqual(['default-src *'])
  })

  it('adds the CSP when the response had no headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    })
  })
})

describe('isAllowedNavigation', () => {
  const fileApp = 'file:///opt/KubeLab/resources/app.asar/out/renderer/index.html'
  const devApp = 'http://localhost:5173'

  it('allows the app document itself, with any query or fragment', () => {
    expect(isAllowedNavigation(fileApp, fileApp)).toBe(true)
    expect(isAllowedNavigation(`${fileApp}#/labs`, fileApp)).toBe(true)
    expect(isAllowedNavigation('http://localhost:5173/?lang=pt-BR', devApp)).toBe(true)
  })

  it('refuses other files, other hosts, other ports and other schemes', () => {
    expect(isAllowedNavigation('file:///etc/passwd', fileApp)).toBe(false)
    expect(isAllowedNavigation('file:///opt/KubeLab/resources/other.html', fileApp)).toBe(false)
    expect(isAllowedNavigation('https://kubernetes.io/', fileApp)).toBe(false)
    expect(isAllowedNavigation('http://localhost:8080/', devApp)).toBe(false)
    expect(isAllowedNavigation('http://evil@localhost:5173/', devApp)).toBe(false)
    expect(isAllowedNavigation('http://localhost:5173/elsewhere.html', devApp)).toBe(false)
    expect(isAllowedNavigation('javascript:alert(1)', devApp)).toBe(false)
    expect(isAllowedNavigation('data:text/html,<h1>hi</h1>', fileApp)).toBe(false)
  })

  it('refuses anything that does not parse as a URL', () => {
    expect(isAllowedNavigation('not a url', fileApp)).toBe(false)
    expect(isAllowedNavigation('', '')).toBe(false)
  })
})

describe('isTrustedSender', () => {
  const app = 'file:///app/out/renderer/index.html'

  it('trusts only a frame showing the app document', () => {
    expect(isTrustedSender(app, app)).toBe(true)
    expect(isTrustedSender(`${app}#x`, app)).toBe(true)
    expect(isTrustedSender('about:blank', app)).toBe(false)
    expect(isTrustedSender('devtools://devtools/bundled/inspector.html', app)).toBe(false)
  })

  it('distrusts a sender whose frame is gone', () => {
    expect(isTrustedSender(null, app)).toBe(false)
    expect(isTrustedSender(undefined, app)).toBe(false)
  })
})

describe('isPermissionCheckAllowed', () => {
  it('passes only the clipboard write that copy needs', () => {
    expect(isPermissionCheckAllowed('clipboard-sanitized-write')).toBe(true)
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'usb'])
      expect(isPermissionCheckAllowed(permission)).toBe(false)
  })
})

describe('isClientMessage', () => {
  it('accepts a valid message of every command kind the protocol has', () => {
    expect([...commandKinds].sort()).toEqual(Object.keys(EXAMPLES).sort())
    for (const message of Object.values(EXAMPLES)) expect(isClientMessage(message)).toBe(true)
  })

  it('accepts messages after a structured-clone or JSON round trip, and prototype-less ones', () => {
    for (const message of Object.values(EXAMPLES)) {
      expect(isClientMessage(structuredClone(message))).toBe(true)
      expect(isClientMessage(JSON.parse(JSON.stringify(message)))).toBe(true)
    }
    const bare = Object.assign(Object.create(null) as object, EXAMPLES['world/list'])
    expect(isClientMessage(bare)).toBe(true)
  })

  it('rejects unknown kinds, including names found on Object.prototype', () => {
    for (const kind of ['pod/delete', 'WORLD/LIST', '', '__proto__', 'constructor', 'toString'])
      expect(isClientMessage({ type: 'command', id: 1, command: { kind } })).toBe(false)
    expect(isClientMessage({ type: 'command', id: 1, command: { kind: 7 } })).toBe(false)
    expect(isClientMessage({ type: 'command', id: 1, command: {} })).toBe(false)
  })

  it('rejects a missing, negative, fractional or non-numeric id', () => {
    const command = { kind: 'world/list' }
    expect(isClientMessage({ type: 'command', command })).toBe(false)
    for (const id of [-1, 1.5, '1', Number.NaN, Infinity, 2 ** 53, null])
      expect(isClientMessage({ type: 'command', id, command })).toBe(false)
  })

  it('rejects non-objects, arrays, wrong types and extra fields', () => {
    for (const value of [null, undefined, 0, 'world/list', true, [], [EXAMPLES['world/list']]])
      expect(isClientMessage(value)).toBe(false)
    const command = { kind: 'world/list' }
    expect(isClientMessage({ type: 'reply', id: 1, command })).toBe(false)
    expect(isClientMessage({ type: 'command', id: 1, command: [command] })).toBe(false)
    expect(isClientMessage({ type: 'command', id: 1, command: 'world/list' })).toBe(false)
    expect(isClientMessage({ type: 'command', id: 1, command, extra: true })).toBe(false)
  })

  it('rejects payloads that try to smuggle a prototype', () => {
    const polluted = [
      '{"type":"command","id":1,"command":{"kind":"world/list","__proto__":{"admin":true}}}',
      '{"type":"command","id":1,"command":{"kind":"world/list","constructor":{"prototype":{}}}}',
      '{"__proto__":{"type":"command"},"id":1,"command":{"kind":"world/list"}}',
    ]
    for (const json of polluted) expect(isClientMessage(JSON.parse(json))).toBe(false)
    const inherited = Object.create(EXAMPLES['world/list']) as unknown
    expect(isClientMessage(inherited)).toBe(false)
    class Imposter {
      type = 'command'
      id = 1
      command = { kind: 'world/list' }
    }
    expect(isClientMessage(new Imposter())).toBe(false)
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
  })
})

describe('command kinds', () => {
  // This test proves its point under `tsc` (tsconfig.tests.json), where the directives must hold.
  it('are exhaustive at compile time: a missing or extra kind is a type error', () => {
    const all = {
      'simulation/describe': true,
      'world/list': true,
      'clock/advance': true,
      'fault/kinds': true,
      'fault/apply': true,
      'fault/heal': true,
      'fault/heal-all': true,
      'fault/list': true,
      'explain/why': true,
      'inspect/object': true,
      'kube/list': true,
      'inspect/resource': true,
      'stats/history': true,
      'log/list': true,
      'shell/exec': true,
      'shell/interrupt': true,
      'shell/complete': true,
      'shell/close': true,
      'lab/list': true,
      'lab/start': true,
      'lab/view': true,
      'lab/check': true,
      'lab/hint': true,
      'lab/solution': true,
      'lab/answer': true,
      'lab/reset': true,
      'lab/leave': true,
      'lab/load': true,
      'challenge/start': true,
      'challenge/status': true,
      'challenge/reveal': true,
    } satisfies Record<CommandKind, true>
    const missing = {
      'simulation/describe': true,
      'world/list': true,
      'clock/advance': true,
      'fault/kinds': true,
      'fault/apply': true,
      'fault/heal': true,
      'fault/heal-all': true,
      'fault/list': true,
      'explain/why': true,
      'inspect/object': true,
      'kube/list': true,
      'inspect/resource': true,
      'stats/history': true,
      'log/list': true,
      'shell/interrupt': true,
      'shell/complete': true,
      'shell/close': true,
      'lab/list': true,
      'lab/start': true,
      'lab/view': true,
      'lab/check': true,
      'lab/hint': true,
      'lab/solution': true,
      'lab/answer': true,
      'lab/reset': true,
      'lab/leave': true,
      'lab/load': true,
      'challenge/start': true,
      'challenge/status': true,
      'challenge/reveal': true,
      // @ts-expect-error 'shell/exec' is missing
    } satisfies Record<CommandKind, true>
    const extra = {
      ...all,
      // @ts-expect-error 'pod/delete' is not a command kind
      'pod/delete': true,
    } satisfies Record<CommandKind, true>
    expect(Object.keys(all)).toHaveLength(commandKinds.length)
    expect([missing, extra]).toHaveLength(2)
  })
})
