/**
 * The pod-template-hash: controller.ComputeHash, an FNV-1a (32-bit) hash of the pod template,
 * printed in decimal and passed through rand.SafeEncodeString, which maps each digit's byte onto
 * the name alphabet ("bcdfghjklmnpqrstvwxz2456789"[byte % 27]). So a hash has at most ten
 * characters, all from "456789bcdf", like the real "75675f5897".
 *
 * The real one hashes a go-spew dump of the Go struct; here the bytes are the template's JSON
 * with sorted keys. The values differ from a real cluster's, but the properties the lab teaches
 * hold: the same template always gives the same hash, and any change gives a new one.
 */
import { NAME_ALPHABET } from '../api/objects'
import type { PodTemplateSpec } from '../api/types'

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = FNV_OFFSET
  const add = (byte: number): void => {
    h = Math.imul(h ^ byte, FNV_PRIME)
  }
  for (const byte of utf8(canonicalJson(template))) add(byte)
  if (collisionCount !== undefined) {
    // binary.LittleEndian.PutUint32 into an 8-byte slice: four bytes of count, four zero bytes.
    for (let i = 0; i < 8; i++) add(i < 4 ? (collisionCount >>> (8 * i)) & 0xff : 0)
  }
  return safeEncodeString(String(h >>> 0))
}

/** rand.SafeEncodeString: every character replaced by alphabet[charCode % 27]. */
export function safeEncodeString(text: string): string {
  let out = ''
  for (const ch of text) out += NAME_ALPHABET[ch.codePointAt(0)! % NAME_ALPHABET.length]
  return out
}

/** JSON with object keys sorted at every level, so equal objects give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function utf8(text: string): number[] {
  const bytes: number[] = []
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) bytes.push(c)
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else {
      bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    }
  }
  return bytes
}
