/**
 * `@alokai/auth-oidc/hono` in Node and inside workerd (the runtime it ships to): a real Hono app, requests
 * through `app.request`, an in-test IdP reached through an injected `fetch`. Every refusal is checked for
 * its status, its RFC 6750 challenge, its problem body, and that nothing echoes the token.
 */
import { type ContextVariableMap, Hono } from 'hono'
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { type OidcAuthEnv, type OidcVariables, oidcAuth } from '../src/hono.ts'
import { createMultiIssuerVerifier, type VerifiedToken } from '../src/index.ts'
import { AUDIENCE, ISSUER, LocalIdp, makeKey } from './local-idp.ts'

const MARKER = 'UniqueMarker0x5eed'
let idp: LocalIdp

function app(options: Partial<Parameters<typeof oidcAuth>[0]> = {}): Hono<{ Variables: OidcVariables }> {
  const hono = new Hono<{ Variables: OidcVariables }>()
  hono.onError(() => new Response('internal', { status: 500 }))
  hono.use('/api/*', oidcAuth({ issuer: ISSUER, audience: AUDIENCE, fetch: idp.fetch, ...options }))
  hono.get('/api/me', (c) => c.json({ sub: c.get('oidc').payload.sub, kid: c.var.oidc.header.kid }))
  return hono
}

async function call(hono: Hono<{ Variables: OidcVariables }>, authorization?: string, path = '/api/me') {
  const headers = authorization === undefined ? undefined : { authorization }
  const res = await hono.request(path, { headers })
  const text = await res.text()
  return { res, text, challenge: res.headers.get('www-authenticate') }
}

/** Neither the body nor any header contains the token or one of its segments. */
function expectNoEcho(res: Response, text: string, token: string): void {
  const everything = `${text}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`
  expect(everything).not.toContain(MARKER)
  for (const part of token.split('.').filter((p) => p.length > 8)) expect(everything).not.toContain(part)
}

beforeAll(async () => {
  idp = new LocalIdp([await makeKey('ES256', 'ec-1')])
})

describe('oidcAuth for Hono', () => {
  it('lets a good token through and puts the verified token on the context', async () => {
    const { res, text } = await call(app(), `Bearer ${await idp.sign()}`)
    expect(res.status).toBe(200)
    expect(JSON.parse(text)).toEqual({ sub: 'user-1', kid: 'ec-1' })
  })

  it('accepts the scheme in any case', async () => {
    expect((await call(app(), `bEaReR ${await idp.sign()}`)).res.status).toBe(200)
  })

  it('answers a missing token (or another scheme, or a query token) 401 with a bare challenge', async () => {
    const token = await idp.sign()
    for (const [authorization, path] of [
      [undefined, '/api/me'],
      ['Basic dXNlcjpwYXNz', '/api/me'],
      [undefined, `/api/me?access_token=${token}`],
    ] as const) {
      const { res, text, challenge } = await call(app({ realm: 'content' }), authorization, path)
      expect(res.status).toBe(401)
      expect(challenge).toBe('Bearer realm="content"')
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(JSON.parse(text)).toMatchObject({ status: 401, title: 'Unauthorized' })
    }
  })

  it('answers a wrong audience or a bad signature 401 invalid_token, echoing nothing', async () => {
    const wrongAudience = await idp.sign({ aud: 'https://other.test', note: MARKER })
    const [h, p] = wrongAudience.split('.')
    const badSignature = `${h}.${p}.${MARKER}${'A'.repeat(70)}`
    for (const token of [wrongAudience, badSignature]) {
      const { res, text, challenge } = await call(app(), `Bearer ${token}`)
      expect(res.status).toBe(401)
      expect(challenge).toBe('Bearer realm="api", error="invalid_token"')
      expect(JSON.parse(text)).toMatchObject({ type: 'about:blank', status: 401 })
      expectNoEcho(res, text, token)
    }
  })

  it('keeps headers earlier middleware set (CORS) on a refusal', async () => {
    const hono = new Hono()
    hono.use(async (c, next) => {
      c.header('access-control-allow-origin', 'https://app.test')
      await next()
    })
    hono.use(oidcAuth({ issuer: ISSUER, audience: AUDIENCE, fetch: idp.fetch }))
    hono.get('/', (c) => c.text('ok'))
    const res = await hono.request('/')
    expect(res.status).toBe(401)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.test')
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('answers a malformed Authorization header 400 invalid_request (RFC 6750 §3.1)', async () => {
    const token = await idp.sign()
    for (const authorization of [
      'Bearer',
      `Bearer  ${token}`,
      `Bearer ${token} ${token}`,
      `Bearer ${MARKER}!`,
    ]) {
      const { res, text, challenge } = await call(app(), authorization)
      expect(res.status, authorization).toBe(400)
      expect(challenge).toBe('Bearer realm="api", error="invalid_request"')
      expectNoEcho(res, text, token)
    }
  })

  it('answers a missing scope 403 insufficient_scope naming the required scopes', async () => {
    const hono = app({ requiredScopes: ['content:read', 'content:write'] })
    const { res, challenge } = await call(hono, `Bearer ${await idp.sign({ scope: 'content:read' })}`)
    expect(res.status).toBe(403)
    expect(challenge).toBe(
      'Bearer realm="api", error="insufficient_scope", scope="content:read content:write"',
    )
    const ok = await call(hono, `Bearer ${await idp.sign({ scp: ['content:write', 'content:read'] })}`)
    expect(ok.res.status).toBe(200)
  })

  it('answers 503 without a challenge when the IdP cannot be reached', async () => {
    const down = new LocalIdp(idp.keys, 'https://down.test')
    down.down = true
    const hono = app({ issuer: down.issuer, fetch: down.fetch })
    const { res, text, challenge } = await call(hono, `Bearer ${await down.sign()}`)
    expect(res.status).toBe(503)
    expect(challenge).toBeNull()
    expect(JSON.parse(text)).toMatchObject({ status: 503 })
  })

  it('takes a verifier instead of options, a multi-issuer one too', async () => {
    const partner = new LocalIdp([await makeKey('RS256', 'p-1')], 'https://partner.test')
    const verifier = createMultiIssuerVerifier([
      { issuer: ISSUER, audience: AUDIENCE, fetch: idp.fetch },
      { issuer: partner.issuer, audience: AUDIENCE, fetch: partner.fetch },
    ])
    const hono = new Hono()
      .use(oidcAuth({ verifier }))
      .get('/', (c) => c.text(String(c.get('oidc').payload.iss)))
    for (const [source, issuer] of [
      [idp, ISSUER],
      [partner, partner.issuer],
    ] as const) {
      const res = await hono.request('/', { headers: { authorization: `Bearer ${await source.sign()}` } })
      expect(await res.text()).toBe(issuer)
    }
  })

  it('builds its options from env per request and still keeps one verifier (one JWKS fetch)', async () => {
    const perEnv = new LocalIdp(idp.keys, 'https://per-env.test')
    type AppEnv = { Bindings: { ISSUER: string }; Variables: OidcVariables }
    const hono = new Hono<AppEnv>()
    hono.use('/api/*', (c, next) =>
      oidcAuth<AppEnv>({ issuer: c.env.ISSUER, audience: AUDIENCE, fetch: perEnv.fetch })(c, next),
    )
    hono.get('/api/me', (c) => c.text(String(c.get('oidc').payload.sub)))
    const token = await perEnv.sign()
    for (let i = 0; i < 3; i++) {
      const res = await hono.request(
        '/api/me',
        { headers: { authorization: `Bearer ${token}` } },
        {
          ISSUER: perEnv.issuer,
        },
      )
      expect(await res.text()).toBe('user-1')
    }
    expect(perEnv.count('/jwks')).toBe(1)
  })

  it('leaves errors that are not token failures to the app’s onError', async () => {
    const verifier = { verify: async (): Promise<never> => Promise.reject(new RangeError('bug')) }
    const hono = new Hono().use(oidcAuth({ verifier }))
    hono.onError((err) => new Response(err.name, { status: 500 }))
    hono.get('/', (c) => c.text('unreachable'))
    const res = await hono.request('/', { headers: { authorization: 'Bearer abc' } })
    expect([res.status, await res.text()]).toEqual([500, 'RangeError'])
  })

  it('refuses a bad realm or scope at construction with a TypeError', () => {
    const base = { issuer: ISSUER, audience: AUDIENCE }
    expect(() => oidcAuth({ ...base, realm: 'a"b' })).toThrow(TypeError)
    expect(() => oidcAuth({ ...base, requiredScopes: ['a b'] })).toThrow(TypeError)
    expect(() => oidcAuth({ verifier: {} as never })).toThrow(TypeError)
  })

  it('types c.get("oidc") as the verified token in an app typed with OidcAuthEnv', () => {
    const hono = new Hono<OidcAuthEnv>()
    hono.use(oidcAuth({ issuer: ISSUER, audience: AUDIENCE }))
    hono.get('/', (c) => {
      expectTypeOf(c.get('oidc')).toEqualTypeOf<VerifiedToken>()
      expectTypeOf(c.var.oidc.payload.sub).toEqualTypeOf<string | undefined>()
      return c.text('')
    })
  })

  it('answers two Authorization headers 400 invalid_request, as the Express adapter does, even when both are valid', async () => {
    const headers = new Headers()
    headers.append('authorization', `Bearer ${await idp.sign()}`)
    headers.append('authorization', `Bearer ${await idp.sign({ sub: 'user-2' })}`)
    const res = await app().request('/api/me', { headers })
    expect(res.status).toBe(400)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_request"')
  })

  it('does not compile c.get("oidc") in an app that never declared the middleware', () => {
    const plain = new Hono()
    plain.get('/', (c) => {
      // @ts-expect-error - without oidcAuth's env the app has no `oidc` variable (no global augmentation)
      const token: unknown = c.get('oidc')
      return c.text(String(token))
    })
    expectTypeOf<keyof ContextVariableMap>().not.toEqualTypeOf<'oidc'>()
  })
})
