// The ESM consumer: `import` resolves each package's `exports["."].import` (dist/*.js). Run with
// `--import ./runtime-trace.mjs`, which records where each package's `#runtime` import resolved.

import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import * as jwt from '@alokai/auth-jwt'
import * as oidc from '@alokai/auth-oidc'
import * as oidcExpress from '@alokai/auth-oidc/express'
import * as oidcHono from '@alokai/auth-oidc/hono'
import * as crypto from '@alokai/crypto'
import * as env from '@alokai/env'
import * as hono from 'hono'
import * as jose from 'jose'
import * as zod from 'zod'
import smoke from './checks.cjs'

const names = [
  '@alokai/env',
  '@alokai/crypto',
  '@alokai/auth-jwt',
  '@alokai/auth-oidc',
  '@alokai/auth-oidc/hono',
  '@alokai/auth-oidc/express',
]
const loadedFrom = Object.fromEntries(names.map((name) => [name, import.meta.resolve(name)]))
const checks = await smoke.runSmoke({ env, zod, crypto, jwt, oidc, oidcHono, oidcExpress, hono, jose })

// The dual-package hazard: the issuer and the verifier from these ESM imports, the Hono adapters through
// `require` (the CommonJS builds, so other copies of the error classes). A bad credential must stay a 401.
const require = createRequire(import.meta.url)
const secret = randomBytes(32).toString('base64url')
const sessions = jwt.createSessionIssuer({
  secret,
  issuer: 'https://smoke.test',
  audience: 'smoke',
  ttlSeconds: 60,
})
const cookieApp = new hono.Hono()
cookieApp.onError(() => new Response('internal', { status: 500 }))
cookieApp.use('/me', require('@alokai/auth-jwt/hono').sessionAuth({ issuer: sessions }))
cookieApp.get('/me', (c) => c.text('ok'))
const token = await sessions.sign({ sub: 'user-1', sid: 'sid-1' })
const tampered = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`
const cookieStatus = (await cookieApp.request('/me', { headers: { cookie: `__Host-session=${tampered}` } }))
  .status
checks.push([
  'dual package: ESM issuer + CommonJS auth-jwt/hono → a tampered cookie is 401',
  cookieStatus === 401,
])
const verifier = oidc.createOidcVerifier({ issuer: 'https://login.smoke.test/', audience: 'smoke' })
const bearerApp = new hono.Hono()
bearerApp.onError(() => new Response('internal', { status: 500 }))
bearerApp.use('/me', require('@alokai/auth-oidc/hono').oidcAuth({ verifier }))
bearerApp.get('/me', (c) => c.text('ok'))
// Its header is not JSON: refused before any key is fetched.
const bearer = await bearerApp.request('/me', { headers: { authorization: 'Bearer bm90LWpzb24.e30.c2ln' } })
checks.push([
  'dual package: ESM verifier + CommonJS auth-oidc/hono → a malformed token is 401',
  bearer.status === 401,
])
smoke.report('esm', checks, loadedFrom, await globalThis.runtimeFiles())
