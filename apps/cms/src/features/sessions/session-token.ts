/**
 * The session token: an @alokai/auth-jwt HS256 token naming the `sid` of a `sessions` row, with the CMS's
 * own issuer, audience and `typ`. The cookie that carries it is the HTTP edge's (`http/session-cookie.ts`).
 */
import { createSessionIssuer, type SessionIssuer } from '@alokai/auth-jwt'
import { DEV_PLACEHOLDERS } from '../../config/env-definition'
import type { CmsConfig } from '../../domain/config'

/** Session lifetime: a working day. */
export const SESSION_TTL_SECONDS: number = 8 * 60 * 60
const ISSUER = 'alokai-cms'
const AUDIENCE = 'alokai-cms-dashboard'
/** The CMS's own token type (RFC 8725 §3.11), so no other HS256 token of the same secret passes as a session. */
const SESSION_TYP = 'cms-session+jwt'

// One issuer per validated config, i.e. per isolate: the HMAC key is imported once, not per request.
const issuers = new WeakMap<CmsConfig, SessionIssuer>()

/**
 * The session issuer for this config (one per isolate: the key is imported once).
 * @example const token = await sessionIssuer(config).sign({ sub: userId, sid })
 */
export function sessionIssuer(config: CmsConfig): SessionIssuer {
  let issuer = issuers.get(config)
  if (!issuer) {
    issuer = createSessionIssuer({
      secret: config.jwtSecret,
      previousSecrets: config.jwtPreviousSecrets,
      issuer: ISSUER,
      audience: AUDIENCE,
      ttlSeconds: SESSION_TTL_SECONDS,
      typ: SESSION_TYP,
      environment: config.environment,
      // The published .dev.vars.example secret: refused outside development.
      devPlaceholderSecret: DEV_PLACEHOLDERS.AUTH_JWT_SECRET,
    })
    issuers.set(config, issuer)
  }
  return issuer
}
