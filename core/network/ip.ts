/**
 * IPv4 addresses and CIDR blocks as 32-bit unsigned numbers. The network code compares, splits
 * and walks address ranges (Weave's IPAM ring, kube-proxy's `! -s 10.32.0.0/12` matches), which
 * is plain integer arithmetic once an address is a number.
 */

/** The address as an unsigned 32-bit number, or NaN when the text is not a dotted quad. */
export function ipToNumber(ip: string): number {
  const parts = ip.split('.')
  if (parts.length !== 4) return Number.NaN
  let n = 0
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return Number.NaN
    const octet = Number(part)
    if (octet > 255) return Number.NaN
    n = n * 256 + octet
  }
  return n
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

export function isIPv4(text: string): boolean {
  return !Number.isNaN(ipToNumber(text))
}

/** A CIDR block: its first address, prefix length and size. */
export interface Cidr {
  readonly text: string
  readonly base: number
  readonly prefix: number
  readonly size: number
}

export function parseCidr(text: string): Cidr {
  const [address, bits] = text.split('/')
  const base = ipToNumber(address ?? '')
  const prefix = Number(bits)
  if (Number.isNaN(base) || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    throw new RangeError(`invalid CIDR address: ${text}`)
  }
  const size = 2 ** (32 - prefix)
  if (base % size !== 0) throw new RangeError(`invalid CIDR address: ${text} (host bits set)`)
  return { text, base, prefix, size }
}

export function cidrContains(cidr: Cidr, ip: string | number): boolean {
  const n = typeof ip === 'number' ? ip : ipToNumber(ip)
  return n >= cidr.base && n < cidr.base + cidr.size
}

/**
 * Whether an iptables address match ("10.44.0.1", "10.32.0.0/12", "!10.32.0.0/12", or undefined
 * for 0.0.0.0/0) matches an address.
 */
export function addressMatches(match: string | undefined, ip: string): boolean {
  if (match === undefined) return true
  const negated = match.startsWith('!')
  const text = negated ? match.slice(1) : match
  const inside = text.includes('/') ? cidrContains(parseCidr(text), ip) : text === ip
  return negated ? !inside : inside
}
