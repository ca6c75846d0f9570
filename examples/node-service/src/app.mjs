/**
 * The service: an Express app with two ways in. IdP access tokens (verified against the issuer's JWKS by
 * `@alokai/auth-oidc/express`) reach `/api/*`; `POST /session` trades one for this service's own session
 * cookie (`@alokai/auth-jwt`), which `/session/*` accepts. Nothing here handles a token by hand: the
 * challenges, status codes and problem bodies come from the packages.
 */
import { createSessionIssuer, readSessionCookie, serializeSessionCookie } from '@alokai/auth-jwt'
import { oidcAuth } from '@alokai/auth-oidc/express'
import express from 'express'

const SESSION_TTL_SECONDS = 3600

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

  /** Accepts this service's session cookie; 401 for a missing, tampered or expired one. */
  async function sessionAuth(req, res, next) {
    const token = readSessionCookie(req.headers.cookie, cookieName)
    try {
      if (token === undefined) throw new Error('no session cookie')
      req.session = await sessions.verify(token)
    } catch {
      res.status(401).type('application/problem+json')
      res.json({
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'a valid session is required',
      })
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
    try {
      const token = await sessions.sign({ sub: String(req.auth.payload.sub), sid: crypto.randomUUID() })
      const cookie = serializeSessionCookie(token, { maxAge: SESSION_TTL_SECONDS, name: cookieName, secure })
      res.setHeader('set-cookie', cookie).status(204).end()
    } catch (error) {
      next(error)
    }
  })
  app.get('/session/me', sessionAuth, (req, res) => {
    res.json({ sub: req.session.sub, via: 'session' })
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
