/**
 * `sessionAuth` in a real Hono app, through `app.request`: a good cookie reaches the handler with the
 * verified payload on the context; a missing, tampered or expired one is a 401 problem+json that does not
 * echo the cookie; a misconfigured issuer is the app's 500, not a 401.
 */
import { type ContextVariableMap, Hono } from 'hono'
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { BASE_OPTIONS, TTL } from '../test/fixtures.ts'
import { createSessionIssuer } from './create-session-issuer.ts'
import { KidCollision } from './errors.ts'
import { type SessionAuthEnv, sessionAuth } from './hono.ts'
import { serializeSessionCookie } from './serialize-session-cookie.ts'
import type { SessionIssuer, SessionPayload } from './types.ts'

const sessions = createSessionIssuer(BASE_OPTIONS)

function appWith(issuer: SessionIssuer, cookieName?: string): Hono<SessionAuthEnv> {
  const app = new Hono<SessionAuthEnv>()
  app.use('/api/*', sessionAuth({ issuer, ...(cookieName === undefined ? {} : { cookieName }) }))
  app.get('/api/me', (c) => {
    const session = c.get('session')
    expectTypeOf(session).toEqualTypeOf<SessionPayload>()
    return c.json({ sub: session.sub, sid: session.sid })
  })
  app.get('/public', (c) => c.text('open'))
  return app
}

/** The `Cookie` request header a browser would send back for `setCookie`. */
function cookieFrom(setCookie: string): string {
  return setCookie.slice(0, setCookie.indexOf(';'))
}

async function expectUnauthorized(res: Response, secrets: readonly string[]): Promise<void> {
  expect(res.status).toBe(401)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  expect(res.headers.get('cache-control')).toBe('no-store')
  const text = await res.text()
  expect(JSON.parse(text)).toMatchObject({ title: 'Unauthorized', status: 401 })
  for (const secret of secrets) expect(text).not.toContain(secret)
  for (const [, value] of res.headers) for (const secret of secrets) expect(value).not.toContain(secret)
}

afterEach(() => {
  vi.useRealTimers()
})

describe('sessionAuth', () => {
  it('lets a valid session cookie through and sets c.get("session")', async () => {
    const token = await sessions.sign({ sub: 'user_1', sid: 'sess_1' })
    const cookie = cookieFrom(serializeSessionCookie(token, { maxAge: TTL }))
    const res = await appWith(sessions).request('/api/me', { headers: { cookie: `theme=dark; ${cookie}` } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ sub: 'user_1', sid: 'sess_1' })
  })

  it('answers 401 problem+json without a cookie, and leaves other routes alone', async () => {
    const app = appWith(sessions)
    await expectUnauthorized(await app.request('/api/me'), [])
    await expectUnauthorized(await app.request('/api/me', { headers: { cookie: 'other=1' } }), [])
    expect(await (await app.request('/public')).text()).toBe('open')
  })

  it('answers 401 for a tampered cookie without echoing it', async () => {
    const token = await sessions.sign({ sub: 'user_1', sid: 'sess_1' })
    const [h, p, s] = token.split('.') as [string, string, string]
    const forged = `${h}.${p.slice(0, -4)}AAAA.${s}`
    const res = await appWith(sessions).request('/api/me', {
      headers: { cookie: `__Host-session=${forged}` },
    })
    await expectUnauthorized(res, [forged, p, s])
  })

  it('answers 401 for an expired cookie', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-05-01T12:00:00Z'))
    const token = await sessions.sign({ sub: 'user_1', sid: 'sess_1' })
    vi.setSystemTime(new Date(Date.now() + (TTL + 60) * 1000))
    const res = await appWith(sessions).request('/api/me', { headers: { cookie: `__Host-session=${token}` } })
    await expectUnauthorized(res, [token])
  })

  it('reads the cookie name it is given, and only that one', async () => {
    const token = await sessions.sign({ sub: 'user_1', sid: 'sess_1' })
    const app = appWith(sessions, '__Host-cms_session')
    expect(
      (await app.request('/api/me', { headers: { cookie: `__Host-cms_session=${token}` } })).status,
    ).toBe(200)
    await expectUnauthorized(
      await app.request('/api/me', { headers: { cookie: `__Host-session=${token}` } }),
      [token],
    )
  })

  it('passes an error that is not about the token to the app (500), not a 401', async () => {
    const broken: SessionIssuer = {
      sign: sessions.sign.bind(sessions),
      verify: () => Promise.reject(new KidCollision()),
    }
    const res = await appWith(broken).request('/api/me', { headers: { cookie: '__Host-session=a.b.c' } })
    expect(res.status).toBe(500)
  })

  it('refuses a missing issuer or an empty cookie name with TypeError', () => {
    expect(() => sessionAuth({} as never)).toThrow(TypeError)
    expect(() => sessionAuth({ issuer: sessions, cookieName: '' })).toThrow(TypeError)
  })

  it('does not compile c.get("session") in an app that never declared the middleware', () => {
    const plain = new Hono()
    plain.get('/', (c) => {
      // @ts-expect-error - without sessionAuth's env the app has no `session` variable
      const session: unknown = c.get('session')
      return c.text(String(session))
    })
    expectTypeOf<keyof ContextVariableMap>().not.toEqualTypeOf<'session'>()
  })

  it('fits a wrapper that builds the issuer from c.env per request, typed with the app env', async () => {
    type AppEnv = { Bindings: { SECRET: string } } & SessionAuthEnv
    const app = new Hono<AppEnv>()
    app.use('/api/*', (c, next) =>
      sessionAuth<Record<never, never>, AppEnv>({
        issuer: createSessionIssuer({ ...BASE_OPTIONS, secret: c.env.SECRET }),
      })(c, next),
    )
    app.get('/api/me', (c) => c.text(c.get('session').sub))
    const cookie = cookieFrom(
      serializeSessionCookie(await sessions.sign({ sub: 'user_1', sid: 's' }), { maxAge: TTL }),
    )
    const res = await app.request('/api/me', { headers: { cookie } }, { SECRET: BASE_OPTIONS.secret })
    expect([res.status, await res.text()]).toEqual([200, 'user_1'])
  })
})
