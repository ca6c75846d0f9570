import { describe, expect, it } from 'vitest'
import { type Client, client, loggedIn, makeSpace } from './helpers'

interface Case {
  label: string
  method: string
  path: string | ((ids: Ids) => string)
  body?: string
  type?: string
  status: number
  code: string
}
interface Ids {
  space: string
  user: string
}

const json = 'application/json'
const big = JSON.stringify({ name: 'x'.repeat(20_000) })

// Each route with malformed JSON, wrong types, missing fields, unknown fields, oversized bodies, unknown
// ids and junk ids. Every answer is a 4xx problem with a code, never a 500.
const CASES: Case[] = [
  {
    label: 'login: malformed JSON',
    method: 'POST',
    path: '/api/auth/login',
    body: '{"email":',
    type: json,
    status: 400,
    code: 'bad_request',
  },
  {
    label: 'login: array body',
    method: 'POST',
    path: '/api/auth/login',
    body: '[]',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'login: wrong types',
    method: 'POST',
    path: '/api/auth/login',
    body: '{"email":1,"password":true}',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'login: not an email',
    method: 'POST',
    path: '/api/auth/login',
    body: '{"email":"nope","password":"x"}',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'login: unknown field',
    method: 'POST',
    path: '/api/auth/login',
    body: '{"email":"a@example.com","password":"x","admin":true}',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'login: text/plain',
    method: 'POST',
    path: '/api/auth/login',
    body: 'hello',
    type: 'text/plain',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    label: 'login: no body',
    method: 'POST',
    path: '/api/auth/login',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    label: 'login: oversized',
    method: 'POST',
    path: '/api/auth/login',
    body: big,
    type: json,
    status: 413,
    code: 'payload_too_large',
  },
  {
    label: 'login: password too long',
    method: 'POST',
    path: '/api/auth/login',
    body: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(2000) }),
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'session: local mode',
    method: 'POST',
    path: '/api/auth/session',
    status: 404,
    code: 'wrong_auth_provider',
  },
  {
    label: 'spaces create: empty name',
    method: 'POST',
    path: '/api/spaces',
    body: '{"name":"  "}',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'spaces create: name too long',
    method: 'POST',
    path: '/api/spaces',
    body: JSON.stringify({ name: 'n'.repeat(101) }),
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'spaces create: null',
    method: 'POST',
    path: '/api/spaces',
    body: 'null',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'spaces create: oversized',
    method: 'POST',
    path: '/api/spaces',
    body: big,
    type: json,
    status: 413,
    code: 'payload_too_large',
  },
  {
    label: 'spaces read: unknown id',
    method: 'GET',
    path: '/api/spaces/spc_ZZZZZZZZZZZZZZZZZZZZZZ',
    status: 404,
    code: 'not_found',
  },
  {
    label: 'spaces read: junk id',
    method: 'GET',
    path: "/api/spaces/'%20OR%201=1--",
    status: 404,
    code: 'not_found',
  },
  {
    label: 'spaces rename: unknown id',
    method: 'PATCH',
    path: '/api/spaces/spc_ZZZZZZZZZZZZZZZZZZZZZZ',
    body: '{"name":"x"}',
    type: json,
    status: 404,
    code: 'not_found',
  },
  {
    label: 'spaces rename: wrong type',
    method: 'PATCH',
    path: (i) => `/api/spaces/${i.space}`,
    body: '{"name":42}',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'roles: unknown user',
    method: 'POST',
    path: '/api/admin/users/usr_ZZZZZZZZZZZZZZZZZZZZZZ/roles',
    body: '{"scope":"global","role":"admin"}',
    type: json,
    status: 404,
    code: 'not_found',
  },
  {
    label: 'roles: junk user id',
    method: 'POST',
    path: '/api/admin/users/..%2F..%2Fetc/roles',
    body: '{"scope":"global","role":"admin"}',
    type: json,
    status: 404,
    code: 'not_found',
  },
  {
    label: 'roles: unknown role',
    method: 'POST',
    path: (i) => `/api/admin/users/${i.user}/roles`,
    body: '{"scope":"global","role":"root"}',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'roles: editor without space',
    method: 'POST',
    path: (i) => `/api/admin/users/${i.user}/roles`,
    body: '{"scope":"global","role":"editor"}',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'roles: junk space id',
    method: 'POST',
    path: (i) => `/api/admin/users/${i.user}/roles`,
    body: '{"scope":"space","spaceId":"abc","role":"editor"}',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'roles: unknown space',
    method: 'POST',
    path: (i) => `/api/admin/users/${i.user}/roles`,
    body: '{"scope":"space","spaceId":"spc_ZZZZZZZZZZZZZZZZZZZZZZ","role":"editor"}',
    type: json,
    status: 404,
    code: 'not_found',
  },
  {
    label: 'users create: short password',
    method: 'POST',
    path: '/api/admin/users',
    body: '{"email":"n@example.com","password":"short"}',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'users status: bad value',
    method: 'POST',
    path: (i) => `/api/admin/users/${i.user}/status`,
    body: '{"status":"root"}',
    type: json,
    status: 400,
    code: 'validation_failed',
  },
  {
    label: 'sessions revoke: unknown user',
    method: 'POST',
    path: '/api/admin/users/usr_ZZZZZZZZZZZZZZZZZZZZZZ/sessions/revoke',
    status: 404,
    code: 'not_found',
  },
  { label: 'unknown route', method: 'GET', path: '/api/nothing-here', status: 404, code: 'not_found' },
  { label: 'unknown method', method: 'DELETE', path: '/api/spaces', status: 404, code: 'not_found' },
]

describe('bad input never causes a 500', () => {
  let admin: Client
  let ids: Ids
  it.each(CASES)('$label → $status $code', async (c) => {
    if (!admin) {
      const a = await loggedIn({ globalAdmin: true })
      admin = a
      ids = { space: await makeSpace(), user: a.user.id }
    }
    const headers: Record<string, string> = c.type ? { 'content-type': c.type } : {}
    const path = typeof c.path === 'function' ? c.path(ids) : c.path
    const res = await admin.fetch(path, {
      method: c.method,
      headers,
      ...(c.body !== undefined ? { body: c.body } : {}),
    })
    expect(res.status).toBe(c.status)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const body = (await res.json()) as { code: string; title: string }
    expect(body.code).toBe(c.code)
    // The problem never echoes what was sent.
    if (c.body && c.body.length > 8) expect(JSON.stringify(body)).not.toContain(c.body)
  })

  it('validation problems list paths and messages but not the values', async () => {
    const res = await client().fetch('/api/auth/login', {
      json: { email: 'secret-looking@@value', password: 'hunter2' },
    })
    const text = await res.text()
    expect(res.status).toBe(400)
    expect(text).toContain('"path":"email"')
    expect(text).not.toContain('secret-looking')
    expect(text).not.toContain('hunter2')
  })
})

describe('security headers', () => {
  it.each([
    ['a success', '/healthz', 200],
    ['a problem', '/api/auth/me', 401],
    ['a missing route', '/missing', 404],
  ])('are set on %s', async (_label, path, status) => {
    const res = await client().fetch(path)
    expect(res.status).toBe(status)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('strict-transport-security')).toContain('max-age=')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})
