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
    const header = req.headers.authorization
    // Node keeps only the first Authorization header; a list (from another server) is never one token.
    const authorization = Array.isArray(header) ? header.join(', ') : header
    authenticateBearer(auth, authorization).then((outcome) => {
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
