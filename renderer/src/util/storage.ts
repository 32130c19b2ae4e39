/**
 * localStorage, or nothing where it is missing or refused (privacy modes, sandboxed frames):
 * preferences are a convenience, never a reason to fail.
 */
export function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined
  }
}
