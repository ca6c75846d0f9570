/**
 * `@alokai/auth-oidc/express`: bearer-token authentication as connect-style middleware, for Express and
 * for a plain `node:http` server. It touches only `req.headers`, `res.statusCode`, `res.setHeader` and
 * `res.end`, so Express is not needed (an optional peer); on success it sets `req.auth`.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { VerifiedToken } from './create-oidc-verifier.ts'
import { authenticateBearer, resolveBearerAuth } from './internal/bearer-auth.ts'
import type { OidcAuthOptions } from './oidc-auth-options.ts'

export type { BearerAuthOptions, OidcAuthOptions, TokenVerifier } from './oidc-auth-options.ts'

declare global {
  // Express's own extension point: its `Request` extends the global `Express.Request`.
  namespace Express {
    interface Request {
      /** The verified bearer token, set by `oidcAuth` from `@alokai/auth-oidc/express`. */
      auth?: VerifiedToken
    }
  }
}

declare module 'http' {
  interface IncomingMessage {
    /** The verified bearer token, set by `oidcAuth` from `@alokai/auth-oidc/express`. */
    auth?: VerifiedToken
  }
}

/**
 * The slice of a request the middleware reads and writes (`http.IncomingMessage` and Express's `Request`
 * both fit).
 *
 * @example
 * ```ts
 * const req: AuthRequest = { headers: { authorization: `Bearer ${token}` } }
 * ```
 */
export interface AuthRequest {
  headers: IncomingHttpHeaders
  /** The header lines as received, names and values alternating (`http.IncomingMessage` has them). */
  rawHeaders?: readonly string[]
  auth?: VerifiedToken
}

/**
 * The slice of a response the middleware writes (`http.ServerResponse` and Express's `Response` both fit).
 *
 * @example
 * ```ts
 * const res: AuthResponse = httpResponse
 * ```
 */
export interface AuthResponse {
  statusCode: number
  setHeader(name: string, value: string): unknown
  end(body: string): unknown
}

/**
 * The request's `Authorization` value. Node keeps only the first of repeated `Authorization` lines in
 * `req.headers`; the raw lines show them all, and they are joined as fetch's `Headers` joins them, so two
 * lines are refused as malformed (400), exactly as the Hono adapter refuses them, never half-read.
 */
function authorizationOf(req: AuthRequest): string | undefined {
  const raw = req.rawHeaders
  if (Array.isArray(raw)) {
    const values: string[] = []
    for (let i = 0; i + 1 < raw.length; i += 2) {
      if (raw[i]?.toLowerCase() === 'authorization') values.push(raw[i + 1] ?? '')
    }
    if (values.length > 0) return values.join(', ')
  }
  const header = req.headers.authorization
  // A list (from another server) is never one token either.
  return Array.isArray(header) ? header.join(', ') : header
}

/**
 * A connect-style middleware: Express's `RequestHandler` shape.
 *
 * @example
 * ```ts
 * const middleware: AuthMiddleware = oidcAuth({ issuer, audience })
 * ```
 */
export type AuthMiddleware = (req: AuthRequest, res: AuthResponse, next: (error?: unknown) => void) => void

/**
 * Middleware that calls `next()` only for a valid bearer token (with the required scopes), after setting
 * `req.auth`. A missing token is 401 with `WWW-Authenticate: Bearer realm="…"`, a bad one 401
 * `error="invalid_token"`, a malformed header 400 `invalid_request`, a missing scope 403
 * `insufficient_scope`, an unreachable IdP 503; bodies are `application/problem+json` and never contain
 * the token. Other errors (bugs) go to `next(error)`.
 *
 * @example
 * ```ts
 * import express from 'express'
 * import { oidcAuth } from '@alokai/auth-oidc/express'
 *
 * const app = express()
 * app.use('/api', oidcAuth({ issuer: 'https://login.example.com/', audience: 'https://api.example.com' }))
 * app.get('/api/me', (req, res) => res.json({ sub: req.auth?.payload.sub }))
 * ```
 */
export function oidcAuth(options: OidcAuthOptions): AuthMiddleware {
  const auth = resolveBearerAuth(options)
  return (req, res, next) => {
    authenticateBearer(auth, authorizationOf(req)).then((outcome) => {
      if (outcome.ok) {
        req.auth = outcome.token
        return next()
      }
      const { status, headers, body } = outcome.refusal
      res.statusCode = status
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
      res.end(body)
    }, next)
  }
}
