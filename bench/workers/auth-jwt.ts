/**
 * Bench worker for @alokai/auth-jwt inside workerd: `GET /?case=<name>&n=<N>` runs one case N times.
 * Cases (sign and verify of a ~160-byte session payload): raw node:crypto HMAC + base64url (the floor,
 * through nodejs_compat), raw crypto.subtle HMAC, jose with a Uint8Array secret (re-imports the key on
 * every call), jose with a pre-imported CryptoKey, and the package. Keys and tokens are made on the first
 * request: workerd forbids crypto at module scope.
 */
import { jwtVerify, SignJWT } from 'jose'
import { claims, payloadOf, SECRET, sessionIssuer, verifyOptions } from '../src/fixtures/auth-jwt.ts'

type NodeCrypto = typeof import('node:crypto')
type Op = () => unknown

const HEADER = { alg: 'HS256', typ: 'cms-session+jwt', kid: '' }
const encoder = new TextEncoder()

let ready: Promise<Record<string, Op>> | undefined

function b64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

async function setup(): Promise<Record<string, Op>> {
  const node = (
    globalThis as unknown as { process: { getBuiltinModule(id: string): unknown } }
  ).process.getBuiltinModule('node:crypto') as NodeCrypto
  const sessions = sessionIssuer()
  const token = await sessions.sign(claims)
  const header = JSON.parse(atob(token.split('.')[0]!)) as typeof HEADER
  const secretBytes = encoder.encode(SECRET)
  const key = await crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ])
  const options = verifyOptions
  const [h, p, s] = token.split('.') as [string, string, string]
  const signingInput = `${h}.${p}`
  return {
    'sign node:crypto': () => {
      const input = `${b64url(encoder.encode(JSON.stringify(header)))}.${b64url(encoder.encode(JSON.stringify(payloadOf())))}`
      return `${input}.${node.createHmac('sha256', secretBytes).update(input).digest('base64url')}`
    },
    'sign crypto.subtle': async () => {
      const input = `${b64url(encoder.encode(JSON.stringify(header)))}.${b64url(encoder.encode(JSON.stringify(payloadOf())))}`
      return `${input}.${b64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(input))))}`
    },
    'sign jose Uint8Array': () => new SignJWT(payloadOf()).setProtectedHeader(header).sign(secretBytes),
    'sign jose CryptoKey': () => new SignJWT(payloadOf()).setProtectedHeader(header).sign(key),
    'sign auth-jwt': () => sessions.sign(claims),
    'verify node:crypto': () => {
      const mac = node.createHmac('sha256', secretBytes).update(signingInput).digest()
      if (!node.timingSafeEqual(mac, Buffer.from(s, 'base64url'))) throw new Error('bad mac')
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as { exp: number }
      if (payload.exp <= Date.now() / 1000) throw new Error('expired')
      return payload
    },
    'verify crypto.subtle': async () => {
      const mac = Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
      if (!(await crypto.subtle.verify('HMAC', key, mac, encoder.encode(signingInput))))
        throw new Error('bad mac')
      const payload = JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/'))) as { exp: number }
      if (payload.exp <= Date.now() / 1000) throw new Error('expired')
      return payload
    },
    'verify jose Uint8Array': () => jwtVerify(token, secretBytes, options),
    'verify jose CryptoKey': () => jwtVerify(token, key, options),
    'verify auth-jwt': () => sessions.verify(token),
  }
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
      // Sync cases stay sync: awaiting them would charge the floor a microtask per op.
      if (result instanceof Promise) await result
    }
    return new Response('ok')
  },
}

export default handler
