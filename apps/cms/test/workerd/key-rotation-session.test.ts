/**
 * Session secret rotation end to end: a session signed under secret A stays valid once B is the secret
 * and A is `AUTH_JWT_SECRET_PREVIOUS`, and stops working (401) once A is dropped. New logins sign with B.
 */
import { describe, expect, it } from 'vitest'
import { client, loggedIn } from './helpers'

const SECRET_A = 'rotation-session-secret-A-kR4mT8wQ2zX6cV1bN'
const SECRET_B = 'rotation-session-secret-B-pL7sD3fG9hJ5kY0uE'

describe('AUTH_JWT_SECRET_PREVIOUS', () => {
  it('keeps sessions signed with the previous secret valid until it is dropped', async () => {
    const a = await loggedIn({}, { env: { AUTH_JWT_SECRET: SECRET_A } })
    expect((await a.fetch('/api/auth/me')).status).toBe(200)

    const rotating = client({ env: { AUTH_JWT_SECRET: SECRET_B, AUTH_JWT_SECRET_PREVIOUS: SECRET_A } })
    for (const [k, v] of a.cookies) rotating.cookies.set(k, v)
    const me = await rotating.fetch('/api/auth/me')
    expect(me.status).toBe(200)
    expect(((await me.json()) as { id: string }).id).toBe(a.user.id)

    const dropped = client({ env: { AUTH_JWT_SECRET: SECRET_B } })
    for (const [k, v] of a.cookies) dropped.cookies.set(k, v)
    expect((await dropped.fetch('/api/auth/me')).status).toBe(401)

    // A session signed under B works with B alone, and was never valid under A alone.
    const b = await loggedIn({}, { env: { AUTH_JWT_SECRET: SECRET_B, AUTH_JWT_SECRET_PREVIOUS: SECRET_A } })
    const onlyB = client({ env: { AUTH_JWT_SECRET: SECRET_B } })
    for (const [k, v] of b.cookies) onlyB.cookies.set(k, v)
    expect((await onlyB.fetch('/api/auth/me')).status).toBe(200)
    const onlyA = client({ env: { AUTH_JWT_SECRET: SECRET_A } })
    for (const [k, v] of b.cookies) onlyA.cookies.set(k, v)
    expect((await onlyA.fetch('/api/auth/me')).status).toBe(401)
  })
})
