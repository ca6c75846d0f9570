/**
 * Classifies IP literals as public or not. Only the WHATWG URL parser's canonical forms reach here: it
 * turns `2130706433`, `0x7f.1`, `0177.0.0.1` and `127.1` into dotted `127.0.0.1`, and every IPv6 literal
 * into compressed lower-case hex (`::ffff:7f00:1`), so one parser per family is enough and no odd spelling
 * slips past. Addresses that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged
 * by the embedded address.
 */

// [network, prefix length] pairs of IPv4 space no outbound call may reach outside development.
const BLOCKED_V4: readonly (readonly [number, number])[] = [
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x0a000000, 8], // 10/8 private
  [0x64400000, 10], // 100.64/10 CGNAT
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local (cloud metadata lives here)
  [0xac100000, 12], // 172.16/12 private
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16 private
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 4], // 224/4 multicast
  [0xf0000000, 4], // 240/4 reserved, including 255.255.255.255
]

/**
 * The 32-bit value of a dotted-quad IPv4 address, or `undefined` when `host` is not one.
 * @example parseIpv4('10.0.0.1') // 167772161
 */
export function parseIpv4(host: string): number | undefined {
  const parts = host.split('.')
  if (parts.length !== 4) return undefined
  let value = 0
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined
    const n = Number(part)
    if (n > 255) return undefined
    value = value * 256 + n
  }
  return value
}

/**
 * Whether a 32-bit IPv4 address lies in a private, loopback, link-local, CGNAT, multicast or reserved range.
 * @example isBlockedIpv4(parseIpv4('169.254.169.254') ?? 0) // true
 */
export function isBlockedIpv4(address: number): boolean {
  return BLOCKED_V4.some(([network, bits]) => {
    const size = 2 ** (32 - bits)
    return address >= network && address < network + size
  })
}

/**
 * The eight 16-bit groups of an IPv6 literal (without brackets, no zone), or `undefined`.
 * @example parseIpv6('::1') // [0, 0, 0, 0, 0, 0, 0, 1]
 */
export function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const parse = (s: string): number[] | undefined => {
    if (s === '') return []
    const groups: number[] = []
    for (const g of s.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined
      groups.push(Number.parseInt(g, 16))
    }
    return groups
  }
  const head = parse(halves[0] ?? '')
  const tail = halves.length === 2 ? parse(halves[1] ?? '') : []
  if (!head || !tail) return undefined
  if (halves.length === 1) return head.length === 8 ? head : undefined
  const missing = 8 - head.length - tail.length
  if (missing < 1) return undefined
  return [...head, ...new Array<number>(missing).fill(0), ...tail]
}

/**
 * Whether an IPv6 address (eight groups) is unspecified, loopback, unique-local, link-local, site-local,
 * multicast, or embeds an IPv4 address that is blocked.
 * @example isBlockedIpv6(parseIpv6('fd00::1') ?? []) // true
 */
export function isBlockedIpv6(groups: readonly number[]): boolean {
  const g = (i: number): number => groups[i] ?? 0
  const v4 = (hi: number, lo: number): boolean => isBlockedIpv4(hi * 0x10000 + lo)
  const zeroPrefix = (n: number): boolean => groups.slice(0, n).every((x) => x === 0)
  if (zeroPrefix(7) && (g(7) === 0 || g(7) === 1)) return true // :: and ::1
  if (zeroPrefix(5) && g(5) === 0xffff) return v4(g(6), g(7)) // ::ffff:a.b.c.d (IPv4-mapped)
  if (zeroPrefix(6)) return v4(g(6), g(7)) // ::a.b.c.d (IPv4-compatible, deprecated)
  if (g(0) === 0x64 && g(1) === 0xff9b && groups.slice(2, 6).every((x) => x === 0)) return v4(g(6), g(7)) // NAT64
  if (g(0) === 0x2002) return v4(g(1), g(2)) // 6to4
  if ((g(0) & 0xfe00) === 0xfc00) return true // fc00::/7 unique local
  if ((g(0) & 0xffc0) === 0xfe80) return true // fe80::/10 link-local
  if ((g(0) & 0xffc0) === 0xfec0) return true // fec0::/10 site-local (deprecated, still routed privately)
  if ((g(0) & 0xff00) === 0xff00) return true // ff00::/8 multicast
  return false
}
