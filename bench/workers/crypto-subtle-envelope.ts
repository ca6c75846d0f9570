/**
 * The bench floor on Web Crypto: the @alokai/crypto v1 envelope written directly on `crypto.subtle`,
 * without the package but with exactly its checks on a sealed value (version, kid, strict base64url,
 * minimum length; `payloadByHand`) and its wiping of the data key. It makes the same Web Crypto calls in
 * the same order as the package, so package ÷ this = wrapper overhead.
 */
const utf8 = new TextEncoder()

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const lookup = new Uint8Array(128)
for (let i = 0; i < 64; i++) lookup[alphabet.charCodeAt(i)] = i

const pairs: string[] = []
for (let i = 0; i < 4096; i++) pairs.push(alphabet[i >> 6]! + alphabet[i & 63]!)

type FromBase64 = (text: string, options: { alphabet: 'base64url' }) => Uint8Array<ArrayBuffer>
type ToBase64 = (this: Uint8Array, options: { alphabet: 'base64url'; omitPadding: true }) => string
// The runtime's native codec where it has one (TC39; workerd does, Node 20 does not), as the package uses.
const nativeFrom = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64
const nativeTo = (Uint8Array.prototype as unknown as { toBase64?: ToBase64 }).toBase64

/** base64url without padding: native, else 12 bits per table lookup (btoa + replace was slower in workerd). */
export function toBase64url(b: Uint8Array): string {
  if (nativeTo !== undefined) return nativeTo.call(b, { alphabet: 'base64url', omitPadding: true })
  let out = ''
  let i = 0
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!
    out += pairs[n >> 12]! + pairs[n & 4095]!
  }
  if (i < b.length) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8)
    out += pairs[n >> 12]!
    if (i + 1 < b.length) out += alphabet[(n >> 6) & 63]!
  }
  return out
}

/** Lenient base64url decoding: no alphabet or canonical-form checks (the package does those). */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let o = 0
  let i = 0
  for (; i + 3 < text.length; i += 4) {
    const n =
      (lookup[text.charCodeAt(i)]! << 18) |
      (lookup[text.charCodeAt(i + 1)]! << 12) |
      (lookup[text.charCodeAt(i + 2)]! << 6) |
      lookup[text.charCodeAt(i + 3)]!
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 255
    out[o++] = n & 255
  }
  if (i + 1 < text.length) {
    const n =
      (lookup[text.charCodeAt(i)]! << 18) |
      (lookup[text.charCodeAt(i + 1)]! << 12) |
      ((i + 2 < text.length ? lookup[text.charCodeAt(i + 2)]! : 0) << 6)
    out[o++] = n >> 16
    if (i + 2 < text.length) out[o] = (n >> 8) & 255
  }
  return out
}

/** Strict base64url, as the package decodes: canonical exactly when the bytes re-encode to the text. */
export function strictFromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  let bytes: Uint8Array<ArrayBuffer>
  if (nativeFrom === undefined) bytes = fromBase64url(text)
  else {
    try {
      bytes = nativeFrom(text, { alphabet: 'base64url' })
    } catch {
      return undefined
    }
  }
  return toBase64url(bytes) === text ? bytes : undefined
}

const kidPattern = /^[A-Za-z0-9_-]{8}$/
// wrap nonce + wrapped DEK + wrap tag + nonce + tag: the payload of an empty plaintext.
const minPayloadBytes = 12 + 32 + 16 + 12 + 16

/**
 * The package's structural checks on a sealed value, by hand: `v1`, a well-formed kid that is the floor's
 * own (the package looks it up in its keyring), strict base64url, the minimum length. Returns the payload.
 */
export function payloadByHand<B extends Uint8Array>(
  sealed: string,
  kid: string,
  decode: (text: string) => B | undefined,
): B {
  const first = sealed.indexOf('.')
  const second = first < 0 ? -1 : sealed.indexOf('.', first + 1)
  if (second < 0 || sealed.slice(0, first) !== 'v1') throw new Error('not a sealed value')
  const valueKid = sealed.slice(first + 1, second)
  if (!kidPattern.test(valueKid) || valueKid !== kid) throw new Error('kid')
  const payload = decode(sealed.slice(second + 1))
  if (payload === undefined || payload.length < minPayloadBytes) throw new Error('payload')
  return payload
}

export interface Envelope {
  seal(plaintext: Uint8Array<ArrayBuffer>, context: Record<string, string>): Promise<string> | string
  open(sealed: string, context: Record<string, string>): Promise<Uint8Array> | Uint8Array
}

/** The data associated data: label, 0x00, then sorted u16be klen | key | u32be vlen | value. */
export function contextAad(context: Record<string, string>): Uint8Array<ArrayBuffer> {
  const entries = Object.keys(context)
    .sort() // ASCII keys in the bench: UTF-16 order equals UTF-8 order
    .map((k) => [utf8.encode(k), utf8.encode(context[k]!)] as const)
  const parts = [utf8.encode('alokai/crypto/v1/data\0')]
  for (const [k, v] of entries) {
    const head = new Uint8Array(2)
    new DataView(head.buffer).setUint16(0, k.length)
    const vHead = new Uint8Array(4)
    new DataView(vHead.buffer).setUint32(0, v.length)
    parts.push(head, k, vHead, v)
  }
  return concat(parts)
}

/** Derives wrapping key and kid from a KEK once, then seals/opens with direct `crypto.subtle` calls. */
export async function createSubtleEnvelope(kek: Uint8Array<ArrayBuffer>): Promise<Envelope> {
  const ikm = await crypto.subtle.importKey('raw', kek, 'HKDF', false, ['deriveKey', 'deriveBits'])
  const params = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(0),
    info: utf8.encode(info),
  })
  const wrapKey = await crypto.subtle.deriveKey(
    params('alokai/crypto/v1/wrap'),
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'unwrapKey'],
  )
  const kid = toBase64url(
    new Uint8Array(await crypto.subtle.deriveBits(params('alokai/crypto/v1/kid'), ikm, 48)),
  )
  const wrapAad = utf8.encode(`v1.${kid}`)
  return {
    async seal(plaintext, context) {
      const random = crypto.getRandomValues(new Uint8Array(56))
      const dek = random.subarray(0, 32)
      const dekKey = await crypto.subtle.importKey('raw', dek, 'AES-GCM', false, ['encrypt'])
      const sealing = Promise.all([
        crypto.subtle.encrypt(
          { name: 'AES-GCM', iv: random.subarray(32, 44), additionalData: wrapAad },
          wrapKey,
          dek,
        ),
        crypto.subtle.encrypt(
          { name: 'AES-GCM', iv: random.subarray(44, 56), additionalData: contextAad(context) },
          dekKey,
          plaintext,
        ),
      ])
      const [wrapped, ciphertext] = await sealing
      dek.fill(0)
      const payload = concat([
        random.subarray(32, 44),
        new Uint8Array(wrapped),
        random.subarray(44, 56),
        new Uint8Array(ciphertext),
      ])
      return `v1.${kid}.${toBase64url(payload)}`
    },
    async open(sealed, context) {
      const payload = payloadByHand(sealed, kid, strictFromBase64url)
      const dekKey = await crypto.subtle.unwrapKey(
        'raw',
        payload.subarray(12, 60),
        wrapKey,
        { name: 'AES-GCM', iv: payload.subarray(0, 12), additionalData: wrapAad },
        'AES-GCM',
        false,
        ['decrypt'],
      )
      const plaintext = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: payload.subarray(60, 72), additionalData: contextAad(context) },
        dekKey,
        payload.subarray(72),
      )
      return new Uint8Array(plaintext)
    },
  }
}
