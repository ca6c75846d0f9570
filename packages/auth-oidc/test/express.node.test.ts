/**
 * `@alokai/auth-oidc/express` over real HTTP: a plain `node:http` server and an Express app, each on
 * 127.0.0.1 at a port the OS picks, in front of a real OpenID Provider (oidc-provider). Both must behave
 * the same, set `req.auth`, and never echo the token.
 */
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { type AuthMiddleware, oidcAuth } from '../src/express.ts'
import type { VerifiedToken } from '../src/index.ts'
import { ES_AUDIENCE, OidcServer, privateJwk, RS_AUDIENCE } from './oidc-server.ts'

const MARKER = 'UniqueMarker0x5eed'
const idp = new OidcServer()
type Kind = 'node:http' | 'express'
const servers: Partial<Record<Kind, { server: Server; url: string }>> = {}
let good: string
let otherAudience: string

async function listen(server: Server): Promise<{ server: Server; url: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

function plainServer(auth: AuthMiddleware): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    auth(req, res, (error) => {
      if (error !== undefined) {
        res.writeHead(500).end()
        return
      }
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ sub: req.auth?.payload.sub, client: req.auth?.payload.client_id }))
    })
  })
}

function expressServer(auth: AuthMiddleware): Server {
  const app = express()
  app.use('/api', auth)
  app.get('/api/me', (req, res) => {
    res.json({ sub: req.auth?.payload.sub, client: req.auth?.payload.client_id })
  })
  return createServer(app)
}

beforeAll(async () => {
  await idp.start([await privateJwk('RS256', 'rsa-1'), await privateJwk('ES256', 'ec-1')])
  good = await idp.token(RS_AUDIENCE, 'read write')
  otherAudience = await idp.token(ES_AUDIENCE)
  const auth = () => oidcAuth({ issuer: idp.issuer, audience: RS_AUDIENCE, requiredScopes: ['read'] })
  servers['node:http'] = await listen(plainServer(auth()))
  servers.express = await listen(expressServer(auth()))
})
afterAll(async () => {
  for (const { server } of Object.values(servers)) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  await idp.stop()
})

async function get(kind: Kind, authorization?: string) {
  const res = await fetch(`${servers[kind]!.url}/api/me`, {
    headers: authorization === undefined ? {} : { authorization },
  })
  const text = await res.text()
  const everything = `${text}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`
  return { res, text, everything, challenge: res.headers.get('www-authenticate') }
}

describe.each(['node:http', 'express'] as const)('oidcAuth on %s', (kind) => {
  it('lets a real IdP token through and sets req.auth', async () => {
    const { res, text } = await get(kind, `Bearer ${good}`)
    expect(res.status).toBe(200)
    expect(JSON.parse(text)).toEqual({ sub: 'cms-tests', client: 'cms-tests' })
  })

  it('answers a missing token 401 with a Bearer challenge and a problem body', async () => {
    const { res, text, challenge } = await get(kind)
    expect(res.status).toBe(401)
    expect(challenge).toBe('Bearer realm="api"')
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(JSON.parse(text)).toEqual({
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'a bearer token is required',
    })
  })

  it('answers a wrong audience or a tampered token 401 invalid_token, echoing nothing', async () => {
    const [h, p] = good.split('.')
    for (const token of [otherAudience, `${h}.${p}.${MARKER}${'A'.repeat(300)}`]) {
      const { res, everything, challenge } = await get(kind, `Bearer ${token}`)
      expect(res.status).toBe(401)
      expect(challenge).toBe('Bearer realm="api", error="invalid_token"')
      expect(everything).not.toContain(MARKER)
      for (const part of token.split('.')) expect(everything).not.toContain(part)
    }
  })

  it('answers a token without the required scope 403 insufficient_scope', async () => {
    const writeOnly = await idp.token(RS_AUDIENCE, 'write')
    const { res, challenge } = await get(kind, `Bearer ${writeOnly}`)
    expect(res.status).toBe(403)
    expect(challenge).toBe('Bearer realm="api", error="insufficient_scope", scope="read"')
  })

  it('answers two tokens in one header 400 invalid_request', async () => {
    const { res, everything } = await get(kind, `Bearer ${good} ${good}`)
    expect(res.status).toBe(400)
    expect(everything).not.toContain(good.split('.')[2])
  })
})

/** A request with one `Authorization` header line per value (fetch would join them into one line). */
function getWithHeaderLines(kind: Kind, values: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${servers[kind]!.url}/api/me`, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.setHeader('authorization', values)
    req.on('error', reject).end()
  })
}

describe.each(['node:http', 'express'] as const)('two Authorization header lines on %s', (kind) => {
  it('are answered 400 invalid_request, as the Hono adapter answers them, even when both are valid', async () => {
    const { status, body } = await getWithHeaderLines(kind, [`Bearer ${good}`, `Bearer ${otherAudience}`])
    expect(status).toBe(400)
    expect(JSON.parse(body)).toMatchObject({
      status: 400,
      detail: 'the Authorization header is not a single bearer token',
    })
    expect(body).not.toContain(good.split('.')[2])
  })
})

describe('req.auth types', () => {
  it('are merged into Express’s Request and http.IncomingMessage', () => {
    expectTypeOf<express.Request['auth']>().toEqualTypeOf<VerifiedToken | undefined>()
    expectTypeOf<IncomingMessage['auth']>().toEqualTypeOf<VerifiedToken | undefined>()
  })
})
