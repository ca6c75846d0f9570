import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { describe, expect, it } from 'vitest'
import { leakedIn, randomSecret } from '../test/fixtures.ts'
import {
  CryptoError,
  createProbeNonce,
  PROBE_HEADERS,
  signProbe,
  signProbeResponse,
  verifyProbe,
  verifyProbeResponse,
} from './probe.ts'

const secret = 'probe-secret-that-is-long-enough-0123456789'
const nonce = '0123456789abcdef0123456789abcdef'
const timestamp = 1_760_000_000
const host = 'shop.example.com:8443'
const expectedHex = (message: string): string =>
  Array.from(hmac(sha256, new TextEncoder().encode(secret), new TextEncoder().encode(message)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')

describe('probe request', () => {
  it('signs "<ts>.<nonce>.<host>" as v1=<hex HMAC-SHA256>', async () => {
    const signature = await signProbe(secret, { timestamp, nonce, host })
    expect(signature).toBe(`v1=${expectedHex(`${timestamp}.${nonce}.${host}`)}`)
    expect(await signProbe(secret, { timestamp, nonce, host: 'SHOP.Example.com:8443' })).toBe(signature)
  })

  it('verifies header values as received, within the skew window', async () => {
    const signature = await signProbe(secret, { timestamp, nonce, host })
    const probe = { timestamp: String(timestamp), nonce, host, signature }
    expect(await verifyProbe(secret, probe, { now: timestamp + 300 })).toBe(true)
    expect(await verifyProbe(secret, probe, { now: timestamp - 300 })).toBe(true)
    expect(await verifyProbe(secret, probe, { now: timestamp + 301 })).toBe(false)
    expect(await verifyProbe(secret, probe, { now: timestamp - 301 })).toBe(false)
    expect(await verifyProbe(secret, probe, { now: timestamp + 30, maxSkewSeconds: 10 })).toBe(false)
    expect(
      await verifyProbe(
        secret,
        { ...probe, signature: signature.toUpperCase().replace('V1', 'v1') },
        { now: timestamp },
      ),
    ).toBe(true)
  })

  it('uses the current clock by default', async () => {
    const now = Math.floor(Date.now() / 1000)
    const signature = await signProbe(secret, { timestamp: now, nonce, host })
    expect(await verifyProbe(secret, { timestamp: now, nonce, host, signature })).toBe(true)
  })

  it('refuses forged, replayed-elsewhere, missing and malformed probes', async () => {
    const signature = await signProbe(secret, { timestamp, nonce, host })
    const good = { timestamp: String(timestamp), nonce, host, signature }
    const opts = { now: timestamp }
    const bad = [
      { ...good, host: 'other.example.com' },
      { ...good, host: 'shop.example.com' },
      { ...good, nonce: nonce.replace('0', '1') },
      { ...good, timestamp: String(timestamp + 1) },
      { ...good, timestamp: `0${timestamp}` },
      { ...good, timestamp: null },
      { ...good, nonce: null },
      { ...good, nonce: nonce.toUpperCase() },
      { ...good, signature: null },
      { ...good, signature: signature.slice(3) },
      { ...good, signature: `${signature}00` },
      { ...good, signature: `v2=${signature.slice(3)}` },
      { ...good, signature: signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0') },
    ]
    for (const probe of bad) expect(await verifyProbe(secret, probe, opts), JSON.stringify(probe)).toBe(false)
    expect(await verifyProbe('another-secret', good, opts)).toBe(false)
  })

  it('throws for configuration errors, without echoing the secret', async () => {
    await expect(signProbe('', { timestamp, nonce, host })).rejects.toMatchObject({ code: 'ERR_KEY_FORMAT' })
    await expect(verifyProbe('', { timestamp, nonce, host, signature: 'v1=' }, {})).rejects.toBeInstanceOf(
      CryptoError,
    )
    await expect(signProbe(secret, { timestamp: 1.5, nonce, host })).rejects.toThrow(TypeError)
    await expect(signProbe(secret, { timestamp, nonce: 'short', host })).rejects.toThrow(TypeError)
    const random = randomSecret()
    const err = await signProbe(random, { timestamp, nonce, host: 'https://shop/' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TypeError)
    expect(leakedIn(err, [random])).toEqual([])
  })
})

describe('probe response', () => {
  it('signs "response.<nonce>" and verifies it in constant time', async () => {
    const signature = await signProbeResponse(secret, { nonce })
    expect(signature).toBe(`v1=${expectedHex(`response.${nonce}`)}`)
    expect(await verifyProbeResponse(secret, { nonce, signature })).toBe(true)
    expect(await verifyProbeResponse(secret, { nonce: createProbeNonce(), signature })).toBe(false)
    expect(await verifyProbeResponse('x', { nonce, signature })).toBe(false)
    expect(await verifyProbeResponse(secret, { nonce, signature: undefined })).toBe(false)
    // A request signature is never a valid response signature.
    const request = await signProbe(secret, { timestamp, nonce, host })
    expect(await verifyProbeResponse(secret, { nonce, signature: request })).toBe(false)
  })

  it('works end to end as a storefront handler would', async () => {
    const cmsNonce = createProbeNonce()
    expect(cmsNonce).toMatch(/^[0-9a-f]{32}$/)
    const ts = Math.floor(Date.now() / 1000)
    const headers = new Headers({
      [PROBE_HEADERS.timestamp]: String(ts),
      [PROBE_HEADERS.nonce]: cmsNonce,
      [PROBE_HEADERS.signature]: await signProbe(secret, { timestamp: ts, nonce: cmsNonce, host }),
    })
    const ok = await verifyProbe(secret, {
      timestamp: headers.get(PROBE_HEADERS.timestamp),
      nonce: headers.get(PROBE_HEADERS.nonce),
      signature: headers.get(PROBE_HEADERS.signature),
      host: new URL(`https://${host}/`).host,
    })
    expect(ok).toBe(true)
    const body = { ok: true, signature: await signProbeResponse(secret, { nonce: cmsNonce }) }
    expect(await verifyProbeResponse(secret, { nonce: cmsNonce, signature: body.signature })).toBe(true)
  })
})
