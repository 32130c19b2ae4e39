/**
 * Kubernetes resource quantities ("100m", "0.5", "128Mi", "1Gi", "2", "1e3"), as
 * k8s.io/apimachinery/pkg/api/resource parses them.
 *
 * Invariants:
 * 1. Parsing is exact: "0.1" CPU is 100 millicores, never 100.00000000000001. The mantissa is
 *    kept as an integer with a power of ten and a power of two, and scaled with BigInt.
 * 2. `milliValue` and `value` round up, as Quantity.MilliValue() and Quantity.Value() do, so a
 *    request of "1.5m" CPU counts as 2 millicores and never as less than asked.
 * 3. Results are memoized per string (bounded): the same few strings ("100m", "128Mi") recur in
 *    every pod of a workload, and hot loops must not parse them again.
 */

/** The grammar of resource.ParseQuantity: signed number, then a binary, decimal or exponent suffix. */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|n|u|m|k|M|G|T|P|E)?$/

const DECIMAL_SUFFIX: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
}
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }

export class QuantityError extends Error {
  constructor(readonly text: string) {
    // The API server's validation message for a malformed quantity.
    super(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    )
    this.name = 'QuantityError'
  }
}

/** A parsed quantity: sign × mantissa × 10^exp10 × 2^exp2, all integers. */
interface Exact {
  negative: boolean
  mantissa: bigint
  exp10: number
  exp2: number
}

function parseExact(text: string): Exact | undefined {
  const match = QUANTITY.exec(text)
  if (match === null) return undefined
  const [, sign, number, suffix = ''] = match as unknown as [string, string, string, string?]
  const [whole = '', fraction = ''] = number.split('.')
  let exp10 = -fraction.length
  let exp2 = 0
  if (suffix in BINARY_SUFFIX) exp2 = BINARY_SUFFIX[suffix]!
  else if (suffix in DECIMAL_SUFFIX) exp10 += DECIMAL_SUFFIX[suffix]!
  else exp10 += Number(suffix.slice(1))
  const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '')
  return { negative: sign === '-', mantissa: BigInt(digits === '' ? '0' : digits), exp10, exp2 }
}

/** The quantity × 10^scale, rounded up (away from zero), as a JavaScript number. */
function scaled(q: Exact, scale: number): number {
  let n = q.mantissa << BigInt(q.exp2)
  const exp = q.exp10 + scale
  if (exp >= 0) n *= 10n ** BigInt(exp)
  else {
    const d = 10n ** BigInt(-exp)
    n = (n + d - 1n) / d
  }
  return Number(q.negative ? -n : n)
}

interface Parsed {
  milli: number
  value: number
}

const MEMO_LIMIT = 10_000
const memo = new Map<string, Parsed | null>()

function parsed(text: string): Parsed | null {
  let result = memo.get(text)
  if (result !== undefined) return result
  const exact = parseExact(text)
  result = exact === undefined ? null : { milli: scaled(exact, 3), value: scaled(exact, 0) }
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(text, result)
  return result
}

/** True when `text` is a well-formed quantity. */
export function isQuantity(text: string): boolean {
  return parsed(text) !== null
}

/** Quantity.MilliValue(): thousandths, rounded up ("100m" → 100, "0.5" → 500, "2" → 2000). */
export function milliValue(text: string): number {
  const p = parsed(text)
  if (p === null) throw new QuantityError(text)
  return p.milli
}

/** Quantity.Value(): whole units, rounded up ("128Mi" → 134217728, "1k" → 1000, "100m" → 1). */
export function value(text: string): number {
  const p = parsed(text)
  if (p === null) throw new QuantityError(text)
  return p.value
}

/** Like milliValue, but 0 for a missing or malformed quantity (what validation would refuse). */
export function milliValueOrZero(text: string | undefined): number {
  if (text === undefined) return 0
  return parsed(text)?.milli ?? 0
}

/** Like value, but 0 for a missing or malformed quantity. */
export function valueOrZero(text: string | undefined): number {
  if (text === undefined) return 0
  return parsed(text)?.value ?? 0
}

/** Millicores in the canonical form kubectl prints: "2" for whole cores, else "850m". */
export function formatMilli(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`
}

/** Bytes with the largest binary suffix that divides them exactly: "128Mi", "1Gi", "1500". */
export function formatBinary(bytes: number): string {
  if (bytes === 0) return '0'
  for (const [suffix, power] of Object.entries(BINARY_SUFFIX).reverse()) {
    const unit = 2 ** power
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`
  }
  return String(bytes)
}
