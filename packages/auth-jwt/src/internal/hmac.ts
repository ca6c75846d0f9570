/**
 * The one internal interface behind which HS256's HMAC-SHA256 runs: `node:crypto` in Node (`createHmac` +
 * `timingSafeEqual`, synchronous, no thread hop) and Web Crypto everywhere else (workerd, browsers, Deno).
 * The package picks one per runtime through its `#runtime` subpath import (`runtime-web.ts`,
 * `runtime-node.ts`); the tests import both and run every suite against each.
 */

/** One imported secret. Results may be synchronous (node:crypto) or promises (Web Crypto). */
export interface HmacKey {
  /** The base64url HMAC-SHA256 of `data` (its UTF-8 bytes). */
  sign(data: string): string | Promise<string>
  /** Whether `mac` is the HMAC-SHA256 of `data`, compared in constant time; `false` for any other length. */
  verify(data: string, mac: Uint8Array): boolean | Promise<boolean>
}

/** A way to import secrets as {@link HmacKey}s, and the strict base64url decoder that goes with it. */
export interface HmacBackend {
  /** For test names and diagnostics. */
  readonly name: 'node:crypto' | 'web-crypto'
  /**
   * Strict base64url (canonical, unpadded) → bytes, or `undefined`: the same answers as
   * `@alokai/internal`'s decoder (a property test holds them equal), on the runtime's fastest codec.
   */
  decodeBase64url(text: string): Uint8Array | undefined
  /** Imports a secret's bytes once; the key is kept by the issuer for its life. */
  importKey(secret: Uint8Array): Promise<HmacKey>
}

/** HMAC-SHA256 output length: a MAC of any other length is refused before any hashing. */
export const MAC_BYTES = 32
