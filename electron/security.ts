/**
 * The shell's security decisions, as pure functions so tests can prove them without Electron.
 *
 * Invariants:
 * 1. The page may load code, styles, images and fonts only from the app itself: no remote host, no
 *    `eval`, no plugins, no framing, no form posts.
 * 2. The window shows exactly one document, the app's; every other navigation is refused.
 * 3. Only messages from that document, shaped as a ClientMessage with a known command kind, reach
 *    the simulation. Everything else is dropped before it crosses into the worker.
 */
import type { ClientMessage, CommandKind } from '../core/protocol'

/** The simulation's IPC channel, both ways. */
export const IPC_CHANNEL = 'kubelab:message'
/** Lab progress: read (no argument) and write (the JSON text); nothing listens on any other. */
export const PROGRESS_READ_CHANNEL = 'kubelab:progress-read'
export const PROGRESS_WRITE_CHANNEL = 'kubelab:progress-write'
/**
 * A labs folder: choose one in a dialog, or read the one chosen last again (no argument either
 * way; the page never names a path). Both answer with the folder's lab files.
 */
export const LABS_FOLDER_CHOOSE_CHANNEL = 'kubelab:labs-folder-choose'
export const LABS_FOLDER_RELOAD_CHANNEL = 'kubelab:labs-folder-reload'

/**
 * The Content-Security-Policy for every response the window receives. `style-src` allows inline
 * styles because Vue's style bindings and Cytoscape set them; scripts stay 'self' only.
 */
export const CONTENT_SECURITY_POLICY = /* @__PURE__ */ [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Response headers with our CSP in place of any the server sent (in any letter case). */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, string[]>> = {},
): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return result
}

/** Permission checks the page may pass: only writing plain text to the clipboard (copy). */
const ALLOWED_PERMISSION_CHECKS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/** Whether a permission *check* may succeed; permission *requests* are always denied. */
export function isPermissionCheckAllowed(permission: string): boolean {
  return ALLOWED_PERMISSION_CHECKS.has(permission)
}

/** The URL without query and fragment, normalised, or null when it does not parse. */
function documentOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    parsed.search = ''
    parsed.hash = ''
    return parsed.href
  } catch {
    return null
  }
}

/** Whether `url` is the app's own document (a reload, or a different query or fragment). */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  const target = documentOf(url)
  return target !== null && target === documentOf(appUrl)
}

/** Whether an IPC message came from a frame showing the app's document. */
export function isTrustedSender(frameUrl: string | null | undefined, appUrl: string): boolean {
  return typeof frameUrl === 'string' && isAllowedNavigation(frameUrl, appUrl)
}

/**
 * Every command kind of the protocol. `satisfies` makes the list exhaustive at compile time: a
 * kind added to or removed from core/protocol.ts without updating this fails the typecheck.
 */
const COMMAND_KINDS = {
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
} as const satisfies Record<CommandKind, true>

/** The kinds as a list (annotated pure so the preload bundle, which needs none of this, drops it). */
export const commandKinds = /* @__PURE__ */ Object.keys(COMMAND_KINDS) as readonly CommandKind[]

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** A plain data object (what structured clone yields), with no key that could poison a prototype. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return false
  return Object.keys(value).every((key) => !FORBIDDEN_KEYS.has(key))
}

export function isCommandKind(value: unknown): value is CommandKind {
  return typeof value === 'string' && Object.hasOwn(COMMAND_KINDS, value)
}

/**
 * Whether a value from the renderer is a ClientMessage: exactly `{ type, id, command }`, a
 * non-negative integer id, and a command whose kind the protocol knows. Command parameters are
 * checked by the simulation itself, which answers a bad one with a reply error.
 */
export function isClientMessage(value: unknown): value is ClientMessage {
  if (!isPlainRecord(value)) return false
  const keys = Object.keys(value)
  if (keys.length !== 3) return false
  const { type, id, command } = value
  return (
    type === 'command' &&
    Number.isSafeInteger(id) &&
    (id as number) >= 0 &&
    isPlainRecord(command) &&
    isCommandKind(command.kind)
  )
}
