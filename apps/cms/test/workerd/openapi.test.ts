/**
 * The API describes itself: `GET /api/openapi.json`, through the Worker's own `fetch`, answers the
 * document generated from the app's routes; every `/api` route of `app.routes` is in it with its methods,
 * nothing in it is missing from the app, the committed copy the docs site renders is the one served, and
 * no value in it looks like a secret. The route list here is read from `app.routes` directly, not through
 * the generator's walk, so a walk that drops a route fails.
 */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import committed from '../../../../docs/openapi.json'
import { createApp } from '../../src/app'
import { loggedIn } from './helpers'

async function served(): Promise<Response> {
  return exports.default.fetch(new Request('https://cms.test/api/openapi.json'))
}

function routedApi(): string[] {
  const keys = createApp()
    .routes.filter((r) => !(r.method === 'ALL' && r.path.endsWith('*')))
    .filter((r) => r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`)
  return [...new Set(keys)].sort()
}

function documented(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .filter((key) => key.includes(' /api/'))
    .sort()
}

// What a leaked credential looks like: an API token, a JWT, a long hex key, a PEM block.
const SECRET_LIKE = [/cms_[A-Za-z0-9_-]{16,}/, /eyJ[A-Za-z0-9_-]{8,}\./, /\b[0-9a-f]{32,}\b/i, /-----BEGIN /]

// A long random run (base64, base64url) has digits and both cases; a camelCase operation id has no digit.
function opaque(text: string): boolean {
  return (text.match(/[A-Za-z0-9+/_-]{32,}/g) ?? []).some(
    (run) => /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run),
  )
}

function secretLike(value: unknown, secrets: readonly string[], at = '$'): string[] {
  if (typeof value === 'string') {
    const hit =
      SECRET_LIKE.some((re) => re.test(value)) || opaque(value) || secrets.some((s) => value.includes(s))
    return hit ? [at] : []
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => secretLike(item, secrets, `${at}[${i}]`))
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...secretLike(key, secrets, `${at} key`),
      ...secretLike(item, secrets, `${at}.${key}`),
    ])
  }
  return []
}

describe('GET /api/openapi.json', () => {
  it('answers an OpenAPI 3.1 document to a caller with no credentials', async () => {
    const res = await served()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toContain('/api/spaces/{spaceId}/tokens')
  })

  it('describes every /api route of the app with its methods, and nothing it does not route', async () => {
    const doc = (await (await served()).json()) as { paths: Record<string, Record<string, unknown>> }
    const routes = routedApi()
    expect(routes.length).toBeGreaterThan(35)
    expect(documented(doc)).toEqual(routes)
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/api/bench'))).toEqual([])
  })

  it('is the document committed in docs/openapi.json (pnpm --filter @alokai/cms openapi:write)', async () => {
    expect(await (await served()).json()).toEqual(committed)
  })

  it('names the session cookie the Worker sets at sign-in', async () => {
    const doc = (await (await served()).json()) as {
      components: { securitySchemes: { session: { in: string; name: string } } }
    }
    const c = await loggedIn()
    expect(doc.components.securitySchemes.session.in).toBe('cookie')
    expect([...c.cookies.keys()]).toContain(doc.components.securitySchemes.session.name)
  })

  it('holds no value that looks like a secret, and none of the Worker’s secrets', async () => {
    const secrets = [env.AUTH_JWT_SECRET, env.TOKEN_ENCRYPTION_KEY]
    expect(secretLike(await (await served()).json(), secrets)).toEqual([])
  })

  it('the secret scan finds a token, a JWT, a key and a configured secret wherever they sit', () => {
    const planted = {
      example: `cms_${'a1B2'.repeat(8)}`,
      nested: [{ default: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' }],
      ['0f'.repeat(20)]: 'key',
      mine: 'x-the-configured-secret-x',
      random: 'seed Qm9vdGgxMjM0NTY3ODkwYWJjZGVmZ2hpamtsbW5v',
    }
    expect(secretLike(planted, ['the-configured-secret'])).toEqual([
      '$.example',
      '$.nested[0].default',
      `$ key`,
      '$.mine',
      '$.random',
    ])
  })
})
