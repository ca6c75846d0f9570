import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { client } from './helpers'

const SECRET_VALUES = ['short-secret-value-xyz', 'not-hex-key-value-qqq', 'https://leaky-issuer.example']

describe('an invalid env', () => {
  afterEach(() => vi.restoreAllMocks())

  it('answers every request with a generic 500 and logs each problem by name, never a value', async () => {
    const logged: string[] = []
    vi.spyOn(console, 'error').mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
    )
    vi.spyOn(console, 'log').mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
    )
    vi.spyOn(console, 'warn').mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
    )
    const c = client({
      env: {
        AUTH_JWT_SECRET: SECRET_VALUES[0],
        TOKEN_ENCRYPTION_KEY: SECRET_VALUES[1],
        AUTH_PROVIDER: 'oidc',
        OIDC_ISSUER: SECRET_VALUES[2],
        OIDC_AUDIENCE: '',
      },
    })
    for (const path of ['/healthz', '/api/auth/me', '/api/spaces', '/nope']) {
      const res = await c.fetch(path)
      expect(res.status).toBe(500)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const text = await res.text()
      expect(JSON.parse(text)).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        code: 'internal_error',
      })
      for (const v of SECRET_VALUES) expect(text).not.toContain(v)
    }
    // Logged once per env object, with every problem named.
    const envLines = logged.filter((l) => l.includes('invalid_env'))
    expect(envLines).toHaveLength(1)
    for (const name of ['AUTH_JWT_SECRET', 'TOKEN_ENCRYPTION_KEY', 'OIDC_AUDIENCE'])
      expect(envLines[0]).toContain(name)
    for (const line of logged) for (const v of SECRET_VALUES) expect(line).not.toContain(v)
  })

  it('fails closed when ENVIRONMENT is missing (never falls back to development)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const c = client({ env: { ENVIRONMENT: undefined } })
    expect((await c.fetch('/healthz')).status).toBe(500)
  })

  it('refuses the .dev.vars.example placeholder secret outside development', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const placeholder = 'dev-only-insecure-session-secret-change-me-0000'
    expect((await client({ env: { AUTH_JWT_SECRET: placeholder } }).fetch('/healthz')).status).toBe(500)
    const dev = client({ env: { AUTH_JWT_SECRET: placeholder, ENVIRONMENT: 'development' } })
    expect((await dev.fetch('/healthz')).status).toBe(200)
  })

  it('refuses an invalid OIDC_REQUIRED_SCOPE', async () => {
    const logged: string[] = []
    vi.spyOn(console, 'error').mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
    )
    expect((await client({ env: { OIDC_REQUIRED_SCOPE: 'two scopes' } }).fetch('/healthz')).status).toBe(500)
    expect(logged.join()).toContain('OIDC_REQUIRED_SCOPE')
    expect(logged.join()).not.toContain('two scopes')
  })

  it('the configured test env is valid', async () => {
    expect(env.ENVIRONMENT).toBe('production')
    expect((await client().fetch('/healthz')).status).toBe(200)
  })
})

describe('unknown errors', () => {
  afterEach(() => vi.restoreAllMocks())

  it('are logged by class only and answered with a generic 500', async () => {
    const logged: string[] = []
    vi.spyOn(console, 'error').mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
    )
    const broken = {
      prepare() {
        throw new Error('SELECT secret_value FROM nowhere')
      },
    }
    const res = await client({ env: { DB: broken } }).fetch('/healthz')
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({ code: 'internal_error', title: 'Internal Server Error' })
    expect(logged.join()).toContain('unhandled_error')
    expect(logged.join()).not.toContain('secret_value')
  })
})
