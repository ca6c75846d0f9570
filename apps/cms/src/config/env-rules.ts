/**
 * The value rules behind `cmsEnv` (env-definition.ts), kept apart from the definition so each reads on its own. Every refusal
 * carries a fixed problem text (`params.problem`): the values are secrets.
 */
import { MIN_SECRET_LENGTH } from '@alokai/auth-jwt'
import { isSecureOrLoopbackUrl } from '@alokai/internal'
import * as z from 'zod'

/** The minimum of a session secret, in Unicode code points: the one `@alokai/auth-jwt` enforces. */
const MIN_SESSION_SECRET_LENGTH: number = MIN_SECRET_LENGTH

const HEX_64 = /^[0-9a-fA-F]{64}$/

function hasCodePoints(text: string, minimum: number): boolean {
  let count = 0
  for (const _ of text) if (++count >= minimum) return true
  return false
}

/** A session secret: at least 32 code points, so an emoji counts once. */
export const sessionSecret: z.ZodString = z
  .string()
  .refine((s) => hasCodePoints(s, MIN_SESSION_SECRET_LENGTH), {
    params: { problem: `must be at least ${MIN_SESSION_SECRET_LENGTH} characters` },
  })

/** A key-encryption key: exactly 64 hex characters (32 bytes), either case, as `@alokai/crypto` reads it. */
export const hexKey: z.ZodString = z.string().refine((s) => HEX_64.test(s), {
  params: { problem: 'must be exactly 64 hex characters (32 bytes)' },
})

const listItem = z
  .string()
  .refine((s) => s !== '', { params: { problem: 'is empty' }, abort: true })
  .refine((s) => HEX_64.test(s), { params: { problem: 'must be exactly 64 hex characters (32 bytes)' } })

/** A comma-separated list of keys, whitespace around each trimmed; missing is the empty list. */
export const hexKeyList: z.ZodType<readonly string[], string | undefined> = z
  .string()
  .optional()
  .transform((s) => (s === undefined ? [] : s.split(',').map((item) => item.trim())))
  .pipe(z.array(listItem))

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/** Whether the issuer is an http URL (allowed on loopback, in development only). */
export function isHttpIssuer(issuer: string): boolean {
  return parseUrl(issuer)?.protocol === 'http:'
}

/**
 * An OIDC issuer identifier: an https URL, or http on localhost, 127.0.0.1 or [::1], with no credentials,
 * query or fragment (OpenID Connect Discovery 1.0, section 2). Whether http is allowed at all depends on
 * ENVIRONMENT and is checked across variables.
 */
export const issuerUrl: z.ZodString = z.string().refine(
  (s) => {
    const url = parseUrl(s)
    if (url === undefined || s.includes('?') || s.includes('#')) return false
    return isSecureOrLoopbackUrl(url)
  },
  {
    params: {
      problem:
        'must be an https URL (http only for localhost, 127.0.0.1 or [::1]) without credentials, query or fragment',
    },
  },
)
