/**
 * Bench worker for @alokai/auth-jwt inside workerd: `GET /?case=<name>&n=<N>` runs one case N times.
 * Cases (sign and verify of a ~160-byte session payload): the floor, raw `crypto.subtle` HMAC doing exactly
 * the package's checks by hand (size cap, compact shape, the header the issuer wrote, strict base64url, the
 * MAC, fatal UTF-8, one JSON object, the claims; fixtures/auth-jwt.ts); jose with a pre-imported CryptoKey;
 * and the package (bundled with the workerd conditions, so `#runtime` is its Web Crypto file). Keys and tokens are made on the
 * first request: workerd forbids crypto at module scope.
 */
import { jwtVerify, SignJWT } from 'jose'
import {
  checkedHeader,
  claims,
  payloadByHand,
  payloadOf,
  SECRET,
  sessionIssuer,
  splitByHand,
  verifyOptions,
} from '../src/fixtures/auth-jwt.ts'

type Op = () => unknown

const encoder = new TextEncoder()
const decoder = new TextDecoder()

let ready: Promise<Record<string, Op>> | undefined

function b64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

type FromBase64 = (text: string, options: { alphabet: 'base64url' }) => Uint8Array<ArrayBuffer>
type ToBase64 = (this: Uint8Array, options: { alphabet: 'base64url'; omitPadding: true }) => string
// The floor decodes with the runtime's native base64 when it has one (TC39 Uint8Array.fromBase64), so it
// stays the fastest honest way to do the same work.
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64
const nativeToBase64 = (Uint8Array.prototype as unknown as { toBase64?: ToBase64 }).toBase64

function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  if (nativeFromBase64 !== undefined) return nativeFromBase64(text, { alphabet: 'base64url' })
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
}

/** Strict base64url, as the package decodes: canonical exactly when the bytes re-encode to the text. */
function strictB64url(text: string): Uint8Array<ArrayBuffer> {
  const bytes = fromB64url(text)
  const again = nativeToBase64
    ? nativeToBase64.call(bytes, { alphabet: 'base64url', omitPadding: true })
    : b64url(bytes)
  if (again !== text) throw new Error('base64url')
  return bytes
}

async function setup(): Promise<Record<string, Op>> {
  const sessions = sessionIssuer()
  const token = await sessions.sign(claims)
  const [h] = token.split('.') as [string, string, string]
  const header = JSON.parse(decoder.decode(fromB64url(h))) as { alg: string; typ: string; kid: string }
  const checkedH = checkedHeader(token, strictB64url)
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
  const ops: Record<string, Op> = {
    'sign crypto.subtle': async () => {
      const input = `${b64url(encoder.encode(JSON.stringify(header)))}.${b64url(encoder.encode(JSON.stringify(payloadOf())))}`
      return `${input}.${b64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(input))))}`
    },
    'sign jose CryptoKey': () => new SignJWT(payloadOf()).setProtectedHeader(header).sign(key),
    'sign auth-jwt': () => sessions.sign(claims),
    'verify crypto.subtle': async () => {
      const segments = splitByHand(token, checkedH)
      const given = strictB64url(segments.signature)
      if (
        given.length !== 32 ||
        !(await crypto.subtle.verify('HMAC', key, given, encoder.encode(segments.signingInput)))
      ) {
        throw new Error('bad mac')
      }
      return payloadByHand(strictB64url(segments.payload), Math.floor(Date.now() / 1000))
    },
    'verify jose CryptoKey': () => jwtVerify(token, key, verifyOptions),
    'verify auth-jwt': () => sessions.verify(token),
  }
  console.log(
    `bench worker: floor base64 decoder is ${nativeFromBase64 ? 'native Uint8Array.fromBase64' : 'atob'}`,
  )
  // Every verify case must give the right answer once: a fast wrong answer measures nothing.
  for (const [name, op] of Object.entries(ops)) {
    if (!name.startsWith('verify')) continue
    const value = (await op()) as { sub?: unknown; payload?: { sub?: unknown } }
    if ((value.sub ?? value.payload?.sub) !== claims.sub) throw new Error(`${name} did not verify the token`)
  }
  return ops
}

const handler: ExportedHandler = {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    ready ??= setup()
    const op = (await ready)[url.searchParams.get('case') ?? '']
    if (op === undefined) return new Response('unknown case', { status: 404 })
    const n = Number(url.searchParams.get('n') ?? '0')
    for (let i = 0; i < n; i++) {
      const result = op()
      // Sync cases stay sync: awaiting them would charge them a microtask per op.
      if (result instanceof Promise) await result
    }
    return new Response('ok')
  },
}

export default handler
