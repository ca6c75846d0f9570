/**
 * Password hashing for local users: PBKDF2-HMAC-SHA256 through Web Crypto, stored as
 * `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`. 100,000 iterations is the most workerd's
 * `deriveBits` allows (it refuses more), below OWASP's 600,000 for PBKDF2-SHA256; the throttle in
 * `features/sessions/store-login-throttle.ts` is what bounds online guessing. This file runs in the Worker and in Node (the
 * users CLI imports it), so the format has exactly one implementation.
 */
import { constantTimeEqual, encodeBase64url } from '@alokai/internal'
import { base64 } from '../../crypto/encoding'

/** Iterations for new hashes: the workerd maximum. */
export const PBKDF2_ITERATIONS = 100_000
const SALT_BYTES = 16
const HASH_BYTES = 32
const PREFIX = 'pbkdf2-sha256'

/** Observes every PBKDF2 derivation (tests count them to prove unknown users cost the same work). */
export type DerivationObserver = () => void

async function derive(
  password: string,
  salt: Uint8Array,
  iterations: number,
  onDerive?: DerivationObserver,
): Promise<Uint8Array> {
  onDerive?.()
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    key,
    HASH_BYTES * 8,
  )
  return new Uint8Array(bits)
}

function fromB64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
  } catch {
    return undefined
  }
}

/**
 * Hashes a password with a fresh 16-byte salt.
 * @example const stored = await hashPassword('correct horse battery staple')
 */
export async function hashPassword(
  password: string,
  options: { iterations?: number; onDerive?: DerivationObserver } = {},
): Promise<string> {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const hash = await derive(password, salt, iterations, options.onDerive)
  return `${PREFIX}$${iterations}$${base64(salt)}$${base64(hash)}`
}

interface ParsedHash {
  iterations: number
  salt: Uint8Array
  hash: Uint8Array
}

function parseHash(stored: string): ParsedHash | undefined {
  const [prefix, iter, salt, hash, ...rest] = stored.split('$')
  if (prefix !== PREFIX || rest.length > 0 || !iter || !salt || !hash || !/^[1-9][0-9]{0,6}$/.test(iter)) {
    return undefined
  }
  const iterations = Number(iter)
  const saltBytes = fromB64(salt)
  const hashBytes = fromB64(hash)
  // Never derive with more than workerd allows or fewer than we would ever have written.
  if (iterations < 1_000 || iterations > PBKDF2_ITERATIONS || !saltBytes || !hashBytes) return undefined
  return { iterations, salt: saltBytes, hash: hashBytes }
}

let dummy: ParsedHash | undefined

/**
 * Checks a password against a stored hash in constant time. With `stored` undefined (unknown user, no
 * password) it still derives once against a dummy hash and returns false, so the answer takes the same work.
 * @example if (await verifyPassword(input, user?.password_hash)) { ... }
 */
export async function verifyPassword(
  password: string,
  stored: string | null | undefined,
  onDerive?: DerivationObserver,
): Promise<boolean> {
  const parsed = stored ? parseHash(stored) : undefined
  if (!parsed) {
    // Lazily: workerd refuses random values at module scope.
    dummy ??= {
      iterations: PBKDF2_ITERATIONS,
      salt: crypto.getRandomValues(new Uint8Array(SALT_BYTES)),
      hash: new Uint8Array(HASH_BYTES),
    }
    await derive(password, dummy.salt, dummy.iterations, onDerive)
    return false
  }
  const actual = await derive(password, parsed.salt, parsed.iterations, onDerive)
  return constantTimeEqual(actual, parsed.hash)
}

/**
 * A password the CMS makes for someone (a user an admin creates in the dashboard, or with the users CLI):
 * 24 random bytes (192 bits) as base64url, shown once and never stored but as its hash.
 * @example const password = generatePassword()
 */
export function generatePassword(): string {
  return encodeBase64url(crypto.getRandomValues(new Uint8Array(24)))
}
