/**
 * The service: an Express app with two ways in. IdP access tokens (verified against the issuer's JWKS by
 * `@alokai/auth-oidc/express`) reach `/api/*`; `POST /session` trades one for this service's own session
 * cookie (`@alokai/auth-jwt`), which `/session/*` accepts until the IdP token it came from expires or
 * `POST /session/logout` revokes it (`sessions.mjs`). Nothing here handles a token by hand: the
 * challenges, status codes and problem bodies come from the packages.
 */
import {
  clearSessionCookie,
  createSessionIssuer,
  readSessionCookie,
  serializeSessionCookie,
} from '@alokai/auth-jwt'
import { oidcAuth } from '@alokai/auth-oidc/express'
import express from 'express'
import { createSessionTable } from './sessions.mjs'

// The longest a session can last; it is shorter whenever the IdP token has less time left.
const SESSION_TTL_SECONDS = 3600

const nowSeconds = () => Math.floor(Date.now() / 1000)

/** @param {import('express').Response} res @param {401 | 403} status @param {string} detail */
function problem(res, status, detail) {
  const title = status === 401 ? 'Unauthorized' : 'Forbidden'
  res.status(status).type('application/problem+json').json({ type: 'about:blank', title, status, detail })
}

/**
 * Builds the app from its configuration.
 *
 * @param {{ issuer: string, audience: string, sessionSecret: string, secureCookie?: boolean }} config
 * @returns {import('express').Express}
 * @example
 * const app = createApp({ issuer, audience, sessionSecret: process.env.SESSION_SECRET })
 */
export function createApp(config) {
  const sessions = createSessionIssuer({
    secret: config.sessionSecret,
    issuer: 'alokai-example-node-service',
    audience: 'alokai-example-node-service',
    ttlSeconds: SESSION_TTL_SECONDS,
  })
  // `__Host-` cookies need Secure, which a browser only keeps over https: plain http is for local runs.
  const secure = config.secureCookie ?? true
  const cookieName = secure ? '__Host-session' : 'session'
  const bearer = oidcAuth({ issuer: config.issuer, audience: config.audience, realm: 'node-service' })
  const table = createSessionTable()

  /** Accepts a live session cookie; 401 for a missing, tampered, expired, ended or revoked one. */
  async function sessionAuth(req, res, next) {
    const token = readSessionCookie(req.headers.cookie, cookieName)
    try {
      if (token === undefined) throw new Error('no session cookie')
      const session = await sessions.verify(token)
      if (!table.isLive(session.sid, session.sub, nowSeconds())) throw new Error('session ended')
      req.session = session
    } catch {
      problem(res, 401, 'a valid session is required')
      return
    }
    next()
  }

  const app = express()
  app.disable('x-powered-by')
  app.get('/api/me', bearer, (req, res) => {
    res.json({ sub: req.auth.payload.sub, via: 'bearer' })
  })
  app.post('/session', bearer, async (req, res, next) => {
    // auth-oidc guarantees a string `sub` when there is one, and `exp` on every token it accepts.
    const { sub, exp } = req.auth.payload
    if (sub === undefined) return problem(res, 403, 'the token names no subject')
    try {
      // The session ends with the IdP token: trading a token with 30 s left for a longer session would
      // let a token the IdP has stopped vouching for keep working here.
      const endsAt = Math.min(exp, nowSeconds() + SESSION_TTL_SECONDS)
      const sid = crypto.randomUUID()
      const token = await sessions.sign({ sub, sid })
      table.open(sid, sub, endsAt)
      const maxAge = Math.max(0, endsAt - nowSeconds())
      const cookie = serializeSessionCookie(token, { maxAge, name: cookieName, secure })
      res.setHeader('set-cookie', cookie).status(204).end()
    } catch (error) {
      next(error)
    }
  })
  app.get('/session/me', sessionAuth, (req, res) => {
    res.json({ sub: req.session.sub, via: 'session' })
  })
  // Sign-out revokes the session on the server (a copied cookie stops working too) and clears the cookie.
  app.post('/session/logout', sessionAuth, (req, res) => {
    table.revoke(req.session.sid)
    res
      .setHeader('set-cookie', clearSessionCookie({ name: cookieName, secure }))
      .status(204)
      .end()
  })
  // Unknown errors: logged by class name only (never a message that could carry a token), generic 500.
  app.use((error, _req, res, _next) => {
    console.error(`unhandled ${error?.constructor?.name ?? 'error'}`)
    res
      .status(500)
      .type('application/problem+json')
      .json({ type: 'about:blank', title: 'Internal Server Error', status: 500 })
  })
  return app
}
