/**
 * Classifies IP literals as public or not, against the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries (every entry, including the few anycast services marked globally reachable: no MCP server or
 * storefront lives there), multicast, and for IPv6 everything outside global unicast `2000::/3`.
 *
 * Only the WHATWG URL parser's canonical forms reach here: it turns `2130706433`, `0x7f.1`, `0177.0.0.1`,
 * `127.1`, percent-encoded and full-width digits into dotted `127.0.0.1`, refuses zone ids, and writes
 * every IPv6 literal as compressed lower-case hex (`::ffff:7f00:1`), so one parser per family is enough.
 * IPv4-mapped addresses (`::ffff:0:0/96`) are judged by the IPv4 address they embed; the translation and
 * tunnel prefixes (NAT64, 6to4, Teredo) are refused whole, since a literal there names an IPv4 host behind
 * a relay we cannot judge.
 */

/** A range: network address, prefix length, and where it is defined. */
type Range<T> = readonly [network: T, bits: number, source: string]

const v4 = (text: string): number => parseIpv4(text) ?? Number.NaN

// IANA IPv4 Special-Purpose Address Registry, plus multicast.
const BLOCKED_V4: readonly Range<number>[] = [
  [v4('0.0.0.0'), 8, 'RFC 791 "this network"'],
  [v4('10.0.0.0'), 8, 'RFC 1918 private use'],
  [v4('100.64.0.0'), 10, 'RFC 6598 shared address space (CGNAT)'],
  [v4('127.0.0.0'), 8, 'RFC 1122 loopback'],
  [v4('169.254.0.0'), 16, 'RFC 3927 link local (cloud metadata lives here)'],
  [v4('172.16.0.0'), 12, 'RFC 1918 private use'],
  // Covers 192.0.0.0/29 (RFC 7335), .8 (RFC 7600), .9 (RFC 7723), .10 (RFC 8155), .170-.171 (RFC 8880).
  [v4('192.0.0.0'), 24, 'RFC 6890 IETF protocol assignments'],
  [v4('192.0.2.0'), 24, 'RFC 5737 documentation (TEST-NET-1)'],
  [v4('192.31.196.0'), 24, 'RFC 7535 AS112-v4'],
  [v4('192.52.193.0'), 24, 'RFC 7450 AMT'],
  [v4('192.88.99.0'), 24, 'RFC 7526 deprecated 6to4 relay anycast'],
  [v4('192.168.0.0'), 16, 'RFC 1918 private use'],
  [v4('192.175.48.0'), 24, 'RFC 7534 direct delegation AS112 service'],
  [v4('198.18.0.0'), 15, 'RFC 2544 benchmarking'],
  [v4('198.51.100.0'), 24, 'RFC 5737 documentation (TEST-NET-2)'],
  [v4('203.0.113.0'), 24, 'RFC 5737 documentation (TEST-NET-3)'],
  [v4('224.0.0.0'), 4, 'RFC 5771 multicast'],
  // Covers 255.255.255.255/32, limited broadcast (RFC 8190).
  [v4('240.0.0.0'), 4, 'RFC 1112 reserved'],
]

const v6 = (text: string): bigint => {
  const groups = parseIpv6(text)
  if (!groups) throw new TypeError(`bad IPv6 range ${text}`)
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n)
}

// IANA IPv6 Special-Purpose Address Registry, plus multicast and the deprecated site-local and
// IPv4-compatible forms. Entries outside 2000::/3 are refused by that rule anyway; they are listed so the
// table reads like the registry. `::ffff:0:0/96` is not here: it is judged by its embedded IPv4 address.
const BLOCKED_V6: readonly Range<bigint>[] = [
  // Covers :: (unspecified) and ::1 (loopback), RFC 4291.
  [v6('::'), 96, 'RFC 4291 IPv4-compatible (deprecated)'],
  [v6('64:ff9b::'), 96, 'RFC 6052 IPv4/IPv6 translation (NAT64)'],
  [v6('64:ff9b:1::'), 48, 'RFC 8215 local-use IPv4/IPv6 translation'],
  [v6('100::'), 64, 'RFC 6666 discard-only'],
  [v6('100:0:0:1::'), 64, 'RFC 9780 dummy IPv6 prefix'],
  // Covers Teredo 2001::/32 (RFC 4380), the anycast 2001:1::1-3 (RFC 7723, 8155, 9665), benchmarking
  // 2001:2::/48 (RFC 5180), AMT 2001:3::/32 (RFC 7450), AS112-v6 2001:4:112::/48 (RFC 7535), ORCHID
  // 2001:10::/28 (RFC 4843), ORCHIDv2 2001:20::/28 (RFC 7343) and drone DETs 2001:30::/28 (RFC 9374).
  [v6('2001::'), 23, 'RFC 2928 IETF protocol assignments'],
  [v6('2001:db8::'), 32, 'RFC 3849 documentation'],
  [v6('2002::'), 16, 'RFC 3056 6to4'],
  [v6('2620:4f:8000::'), 48, 'RFC 7534 direct delegation AS112 service'],
  [v6('3fff::'), 20, 'RFC 9637 documentation'],
  [v6('5f00::'), 16, 'RFC 9602 segment routing (SRv6) SIDs'],
  [v6('fc00::'), 7, 'RFC 4193 unique local'],
  [v6('fe80::'), 10, 'RFC 4291 link-local unicast'],
  [v6('fec0::'), 10, 'RFC 3879 site-local (deprecated, still routed privately)'],
  [v6('ff00::'), 8, 'RFC 4291 multicast'],
]
const GLOBAL_UNICAST: Range<bigint> = [v6('2000::'), 3, 'RFC 4291 global unicast']
const IPV4_MAPPED: Range<bigint> = [v6('::ffff:0:0'), 96, 'RFC 4291 IPv4-mapped']

function inV4Range(address: number, [network, bits]: Range<number>): boolean {
  return address >= network && address < network + 2 ** (32 - bits)
}

function inV6Range(address: bigint, [network, bits]: Range<bigint>): boolean {
  const shift = BigInt(128 - bits)
  return address >> shift === network >> shift
}

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
 * Whether a 32-bit IPv4 address lies in a special-purpose (private, loopback, link-local, CGNAT,
 * documentation, reserved, …) or multicast range.
 * @example isBlockedIpv4(parseIpv4('169.254.169.254') ?? 0) // true
 */
export function isBlockedIpv4(address: number): boolean {
  return BLOCKED_V4.some((range) => inV4Range(address, range))
}

/**
 * The eight 16-bit groups of an IPv6 literal (without brackets, no zone, hex groups only: the URL parser
 * has already rewritten any dotted tail), or `undefined`.
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
 * Whether an IPv6 address (eight groups) is outside global unicast, in a special-purpose range, or an
 * IPv4-mapped address whose IPv4 address is blocked.
 * @example isBlockedIpv6(parseIpv6('fd00::1') ?? []) // true
 */
export function isBlockedIpv6(groups: readonly number[]): boolean {
  if (groups.length !== 8) return true
  const address = groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n)
  if (inV6Range(address, IPV4_MAPPED)) return isBlockedIpv4(Number(address & 0xffffffffn))
  if (!inV6Range(address, GLOBAL_UNICAST)) return true
  return BLOCKED_V6.some((range) => inV6Range(address, range))
}
