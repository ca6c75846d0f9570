/**
 * The CMS → storefront half of the preview-URL probe (docs/design.md): the CMS sends
 * `GET <url>/api/cms-probe` with a timestamp, a nonce and `v1=<hex HMAC-SHA256(secret, "<ts>.<nonce>.<host>")>`;
 * the storefront checks the clock skew and the signature before it answers. `host` is the configured
 * URL's host (lower case, with any non-default port: `new URL(url).host`), never the incoming Host
 * header, so a request replayed to another host fails.
 */
import { encodeHex } from './internal/hex.ts'
import { isProbeNonce, type ProbeSecret, signMessage, verifyMessage } from './internal/probe-mac.ts'

/**
 * The probe's request header names.
 *
 * @example
 * ```ts
 * const nonce = request.headers.get(PROBE_HEADERS.nonce)
 * ```
 */
export const PROBE_HEADERS: {
  readonly timestamp: 'x-cms-probe-timestamp'
  readonly nonce: 'x-cms-probe-nonce'
  readonly signature: 'x-cms-probe-signature'
} = Object.freeze({
  timestamp: 'x-cms-probe-timestamp',
  nonce: 'x-cms-probe-nonce',
  signature: 'x-cms-probe-signature',
} as const)

/**
 * What {@link signProbe} signs.
 *
 * @example
 * ```ts
 * const probe: ProbeRequest = { timestamp: 1760000000, nonce: createProbeNonce(), host: 'shop.example.com' }
 * ```
 */
export interface ProbeRequest {
  /** Unix time in seconds. */
  timestamp: number
  /** 32 lower-case hex characters, fresh per probe ({@link createProbeNonce}). */
  nonce: string
  /** The configured URL's host: `new URL(previewUrl).host`. */
  host: string
}

/**
 * What {@link verifyProbe} checks: header values as received (`null` when a header is missing).
 *
 * @example
 * ```ts
 * const probe: ReceivedProbe = {
 *   timestamp: req.headers.get(PROBE_HEADERS.timestamp),
 *   nonce: req.headers.get(PROBE_HEADERS.nonce),
 *   signature: req.headers.get(PROBE_HEADERS.signature),
 *   host: 'shop.example.com',
 * }
 * ```
 */
export interface ReceivedProbe {
  timestamp: string | number | null | undefined
  nonce: string | null | undefined
  /** This storefront's own configured host (`new URL(publicUrl).host`), never the Host header. */
  host: string
  signature: string | null | undefined
}

/**
 * Options of {@link verifyProbe}.
 *
 * @example
 * ```ts
 * const options: VerifyProbeOptions = { maxSkewSeconds: 60 }
 * ```
 */
export interface VerifyProbeOptions {
  /**
   * The current Unix time in seconds.
   * @default Math.floor(Date.now() / 1000)
   */
  now?: number
  /**
   * The largest accepted |now − timestamp| in seconds.
   * @default 300
   */
  maxSkewSeconds?: number
}

const hostPattern = /^[^\s/?#@\\]+$/

function normaliseHost(host: unknown): string {
  if (typeof host !== 'string' || !hostPattern.test(host)) {
    throw new TypeError('host must be a URL host such as "shop.example.com:8443" (new URL(url).host)')
  }
  return host.toLowerCase()
}

function parseTimestamp(ts: unknown): number | undefined {
  if (typeof ts === 'number') return Number.isSafeInteger(ts) && ts >= 0 ? ts : undefined
  if (typeof ts === 'string' && /^(0|[1-9][0-9]{0,14})$/.test(ts)) return Number(ts)
  return undefined
}

/**
 * Generates a probe nonce: 32 lower-case hex characters from the platform CSPRNG.
 *
 * @example
 * ```ts
 * const nonce = createProbeNonce()
 * ```
 */
export function createProbeNonce(): string {
  return encodeHex(crypto.getRandomValues(new Uint8Array(16)))
}

/**
 * Signs a probe request: `"v1=<hex HMAC-SHA256(secret, "<ts>.<nonce>.<host>")>"`.
 *
 * @example
 * ```ts
 * const url = new URL('/api/cms-probe', previewUrl)
 * const timestamp = Math.floor(Date.now() / 1000)
 * const nonce = createProbeNonce()
 * const signature = await signProbe(secret, { timestamp, nonce, host: url.host })
 * await fetch(url, { headers: { [PROBE_HEADERS.timestamp]: String(timestamp),
 *   [PROBE_HEADERS.nonce]: nonce, [PROBE_HEADERS.signature]: signature } })
 * ```
 */
export async function signProbe(secret: ProbeSecret, request: ProbeRequest): Promise<string> {
  const timestamp = parseTimestamp(request.timestamp)
  if (typeof request.timestamp !== 'number' || timestamp === undefined) {
    throw new TypeError('timestamp must be a non-negative integer of Unix seconds')
  }
  if (!isProbeNonce(request.nonce)) throw new TypeError('nonce must be 32 lower-case hex characters')
  return signMessage(secret, `${timestamp}.${request.nonce}.${normaliseHost(request.host)}`)
}

/**
 * Verifies a probe request on the storefront: the timestamp within `maxSkewSeconds` of `now`, a
 * well-formed nonce, and the signature (compared in constant time). Returns `false` for anything
 * missing, malformed, stale or forged; throws only for a bad secret or host (configuration errors).
 *
 * @example
 * ```ts
 * const ok = await verifyProbe(env.CMS_PROBE_SECRET, {
 *   timestamp: req.headers.get(PROBE_HEADERS.timestamp),
 *   nonce: req.headers.get(PROBE_HEADERS.nonce),
 *   signature: req.headers.get(PROBE_HEADERS.signature),
 *   host: new URL(env.PUBLIC_URL).host,
 * })
 * ```
 */
export async function verifyProbe(
  secret: ProbeSecret,
  probe: ReceivedProbe,
  options: VerifyProbeOptions = {},
): Promise<boolean> {
  const host = normaliseHost(probe.host)
  const now = options.now ?? Math.floor(Date.now() / 1000)
  const maxSkew = options.maxSkewSeconds ?? 300
  const timestamp = parseTimestamp(probe.timestamp)
  if (timestamp === undefined || !isProbeNonce(probe.nonce)) {
    return verifyMessage(secret, '', undefined) // still validates the secret, then fails
  }
  const ok = await verifyMessage(secret, `${timestamp}.${probe.nonce}.${host}`, probe.signature)
  return ok && Math.abs(now - timestamp) <= maxSkew
}
