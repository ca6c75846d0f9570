/**
 * The outbound address policy against the IANA special-purpose registries, written out here independently
 * of the code: the first and last address of every range must be refused outside development, public
 * neighbours just outside the ranges must stay allowed, and odd spellings of the same addresses (decimal,
 * octal, hex, short IPv4, percent-encoded, full-width digits, trailing dots, zone ids, brackets) must not
 * slip past. Runs in workerd, so it is workerd's own URL parser that canonicalises the hosts.
 */
import { describe, expect, it } from 'vitest'
import { checkOutboundUrl } from '../../src/outbound/url-policy'

const prod = { allowPrivate: false }

// IANA IPv4 Special-Purpose Address Registry, plus multicast (RFC 5771).
const IPV4_SPECIAL: [string, string][] = [
  ['0.0.0.0/8', 'RFC 791: "this network"'],
  ['10.0.0.0/8', 'RFC 1918: private use'],
  ['100.64.0.0/10', 'RFC 6598: shared address space'],
  ['127.0.0.0/8', 'RFC 1122: loopback'],
  ['169.254.0.0/16', 'RFC 3927: link local'],
  ['172.16.0.0/12', 'RFC 1918: private use'],
  ['192.0.0.0/24', 'RFC 6890: IETF protocol assignments'],
  ['192.0.0.0/29', 'RFC 7335: IPv4 service continuity prefix'],
  ['192.0.0.8/32', 'RFC 7600: IPv4 dummy address'],
  ['192.0.0.9/32', 'RFC 7723: PCP anycast'],
  ['192.0.0.10/32', 'RFC 8155: TURN anycast'],
  ['192.0.0.170/32', 'RFC 8880: NAT64/DNS64 discovery'],
  ['192.0.0.171/32', 'RFC 8880: NAT64/DNS64 discovery'],
  ['192.0.2.0/24', 'RFC 5737: documentation (TEST-NET-1)'],
  ['192.31.196.0/24', 'RFC 7535: AS112-v4'],
  ['192.52.193.0/24', 'RFC 7450: AMT'],
  ['192.88.99.0/24', 'RFC 7526: deprecated 6to4 relay anycast'],
  ['192.168.0.0/16', 'RFC 1918: private use'],
  ['192.175.48.0/24', 'RFC 7534: direct delegation AS112 service'],
  ['198.18.0.0/15', 'RFC 2544: benchmarking'],
  ['198.51.100.0/24', 'RFC 5737: documentation (TEST-NET-2)'],
  ['203.0.113.0/24', 'RFC 5737: documentation (TEST-NET-3)'],
  ['224.0.0.0/4', 'RFC 5771: multicast'],
  ['240.0.0.0/4', 'RFC 1112: reserved'],
  ['255.255.255.255/32', 'RFC 8190: limited broadcast'],
]

// IANA IPv6 Special-Purpose Address Registry, plus multicast, site-local and the deprecated forms.
const IPV6_SPECIAL: [string, string][] = [
  ['::1/128', 'RFC 4291: loopback'],
  ['::/128', 'RFC 4291: unspecified'],
  ['::/96', 'RFC 4291: IPv4-compatible (deprecated)'],
  ['64:ff9b::/96', 'RFC 6052: IPv4/IPv6 translation (NAT64)'],
  ['64:ff9b:1::/48', 'RFC 8215: local-use IPv4/IPv6 translation'],
  ['100::/64', 'RFC 6666: discard-only'],
  ['100:0:0:1::/64', 'RFC 9780: dummy IPv6 prefix'],
  ['2001::/23', 'RFC 2928: IETF protocol assignments'],
  ['2001::/32', 'RFC 4380: Teredo'],
  ['2001:1::1/128', 'RFC 7723: PCP anycast'],
  ['2001:1::2/128', 'RFC 8155: TURN anycast'],
  ['2001:1::3/128', 'RFC 9665: DNS-SD SRP anycast'],
  ['2001:2::/48', 'RFC 5180: benchmarking'],
  ['2001:3::/32', 'RFC 7450: AMT'],
  ['2001:4:112::/48', 'RFC 7535: AS112-v6'],
  ['2001:10::/28', 'RFC 4843: ORCHID (deprecated)'],
  ['2001:20::/28', 'RFC 7343: ORCHIDv2'],
  ['2001:30::/28', 'RFC 9374: drone remote ID (DETs)'],
  ['2001:db8::/32', 'RFC 3849: documentation'],
  ['2002::/16', 'RFC 3056: 6to4'],
  ['2620:4f:8000::/48', 'RFC 7534: direct delegation AS112 service'],
  ['3fff::/20', 'RFC 9637: documentation'],
  ['5f00::/16', 'RFC 9602: SRv6 SIDs'],
  ['fc00::/7', 'RFC 4193: unique local'],
  ['fe80::/10', 'RFC 4291: link-local unicast'],
  ['fec0::/10', 'RFC 3879: site-local (deprecated)'],
  ['ff00::/8', 'RFC 4291: multicast'],
]

function v4Bounds(cidr: string): [string, string] {
  const [net = '', bits = '32'] = cidr.split('/')
  const start = net.split('.').reduce((a, p) => a * 256 + Number(p), 0)
  const end = start + 2 ** (32 - Number(bits)) - 1
  const dotted = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')
  return [dotted(start), dotted(end)]
}

function v6Bounds(cidr: string): [string, string] {
  const [net = '', bits = '128'] = cidr.split('/')
  const [head = '', tail = ''] = net.split('::')
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)))
  const h = groups(head)
  const t = groups(tail)
  const all = net.includes('::') ? [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t] : h
  const start = all.reduce((a, g) => (a << 16n) | BigInt(g), 0n)
  const end = start | ((1n << BigInt(128 - Number(bits))) - 1n)
  const text = (n: bigint) =>
    Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':')
  return [text(start), text(end)]
}

const PUBLIC = [
  '1.1.1.1',
  '8.8.8.8',
  '9.255.255.255',
  '11.0.0.0',
  '100.63.255.255',
  '100.128.0.0',
  '126.255.255.255',
  '128.0.0.0',
  '169.253.255.255',
  '169.255.0.0',
  '172.15.255.255',
  '172.32.0.0',
  '192.0.1.0',
  '192.0.3.0',
  '192.88.98.255',
  '192.167.255.255',
  '192.169.0.0',
  '198.17.255.255',
  '198.20.0.0',
  '223.255.255.255',
  '[2606:4700::1111]',
  '[2001:200::1]',
  '[2001:db7:ffff::1]',
  '[2001:db9::1]',
  '[2003::1]',
  '[2620:4f:8001::1]',
  '[3fff:1000::1]',
  '[::ffff:8.8.8.8]',
  '[::ffff:1.1.1.1]',
]

describe('the IANA special-purpose ranges', () => {
  for (const [cidr, what] of IPV4_SPECIAL) {
    const [first, last] = v4Bounds(cidr)
    it(`refuses ${cidr} (${what}): ${first} and ${last}`, () => {
      for (const host of [first, last]) {
        expect(checkOutboundUrl(`https://${host}/`, prod)).toMatchObject({
          ok: false,
          reason: 'blocked_address',
        })
      }
    })
  }

  for (const [cidr, what] of IPV6_SPECIAL) {
    const [first, last] = v6Bounds(cidr)
    it(`refuses ${cidr} (${what}): ${first} and ${last}`, () => {
      for (const host of [first, last]) {
        expect(checkOutboundUrl(`https://[${host}]/`, prod)).toMatchObject({
          ok: false,
          reason: 'blocked_address',
        })
      }
    })
  }

  it('refuses IPv6 outside global unicast (2000::/3), which IANA has not allocated for it', () => {
    for (const host of ['[4000::1]', '[8000::1]', '[e000::1]', '[1::1]']) {
      expect(checkOutboundUrl(`https://${host}/`, prod)).toMatchObject({
        ok: false,
        reason: 'blocked_address',
      })
    }
  })

  it('judges IPv4-mapped addresses by the IPv4 address they embed', () => {
    for (const [cidr] of IPV4_SPECIAL) {
      const [first, last] = v4Bounds(cidr)
      for (const host of [first, last]) {
        expect(checkOutboundUrl(`https://[::ffff:${host}]/`, prod).ok).toBe(false)
      }
    }
  })

  it.each(PUBLIC)('allows the public neighbour %s', (host) => {
    expect(checkOutboundUrl(`https://${host}/`, prod).ok).toBe(true)
  })
})

// Odd spellings of loopback, private and link-local addresses: each is refused one way or the other.
const ODD_LITERALS = [
  'https://2130706433/',
  'https://0177.0.0.1/',
  'https://017700000001/',
  'https://0x7f.1/',
  'https://0x7F.0x0.0x0.0x1/',
  'https://127.1/',
  'https://127.0.1/',
  'https://0/',
  'https://10.1/',
  'https://127.0.0.1./',
  'https://localhost./',
  'https://LocalHost/',
  'https://api.localhost./',
  'https://%31%32%37.0.0.1/',
  'https://\uff11\uff12\uff17.\uff10.\uff10.\uff11/',
  'https://[0:0:0:0:0:ffff:7f00:1]/',
  'https://[::ffff:127.0.0.1]/',
  'https://[::FFFF:A9FE:A9FE]/',
  'https://[::ffff:0:7f00:1]/',
  'https://[::7f00:1]/',
  'https://[FE80::1]/',
  'https://[fe80::1%eth0]/',
  'https://[fe80::1%25eth0]/',
  'https://[0000:0000:0000:0000:0000:0000:0000:0001]/',
  'https://[64:ff9b::10.0.0.1]/',
  'https://[2002:a9fe:a9fe::]/',
  'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/',
]

describe('odd literal forms', () => {
  it.each(ODD_LITERALS)('refuses %s', (url) => {
    expect(checkOutboundUrl(url, prod).ok).toBe(false)
  })
})
