/**
 * Resource quantities ("128Mi", "1Gi", "500m", "2", "1e9") as the kubelet reads them from a
 * container's limits and the node's capacity (k8s.io/apimachinery/pkg/api/resource).
 */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
}
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
}

/** The value of a quantity (bytes for memory, cores for cpu), or NaN when it does not parse. */
export function parseQuantity(text: string | undefined): number {
  if (text === undefined) return Number.NaN
  const match =
    /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(
      text.trim(),
    )
  if (match === null) return Number.NaN
  const base = Number(match[1])
  if (match[2] !== undefined) return Number(`${match[1]}${match[2]}`)
  const suffix = match[3] ?? ''
  return base * (BINARY[suffix] ?? DECIMAL[suffix] ?? Number.NaN)
}

/** Bytes as a Ki quantity, the way the kubelet reports memory capacity: "4005612Ki". */
export function kibibytes(bytes: number): string {
  return `${Math.floor(bytes / 1024)}Ki`
}
