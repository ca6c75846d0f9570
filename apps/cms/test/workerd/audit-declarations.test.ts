/**
 * What the services behind the routes record, entry by entry: content, users and space rename write
 * exactly one entry with the changed thing as target; the IdP session exchange names the signed-in user
 * or the problem's code; one request records one entry, also when the service recorded another action
 * (a role revoke), nothing (a logout without a session), or the answer is a dashboard form sent back
 * (303). The entries service records the same from a job's scope, without any HTTP.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEntry, deleteEntry, publishEntry, updateEntry } from '../../src/features/entries/service'
import { type Client, client, loggedIn, makeSpace, PASSWORD, uniqueEmail } from './helpers'
import { createLocalIdp, type LocalIdp, oidcEnv } from './oidc-idp'
import { serviceScope } from './service-scope'

interface Row {
  action: string
  outcome: string
  reason: string | null
  actor_type: string
  actor_id: string | null
  space_id: string | null
  target_type: string | null
  target_id: string | null
}

/** A client address of this test only, so its entries can be told apart in the shared D1. */
function uniqueIp(): string {
  return `2001:db8::${crypto.getRandomValues(new Uint16Array(1))[0]?.toString(16)}`
}

async function entriesFrom(ip: string): Promise<Row[]> {
  const rows = await env.DB.prepare(
    `SELECT action, outcome, reason, actor_type, actor_id, space_id, target_type, target_id
       FROM audit_log WHERE client_ip = ?1 ORDER BY id`,
  )
    .bind(ip)
    .all<Row>()
  return rows.results
}

/** The client, sending every request from `ip`. */
function from(c: Client, ip: string): Client['fetch'] {
  return (path, init = {}) =>
    c.fetch(path, {
      ...init,
      headers: { ...Object.fromEntries(new Headers(init.headers)), 'cf-connecting-ip': ip },
    })
}

describe('routes whose services audit a change', () => {
  it('write one entry each, with the changed thing as target and its space', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ globalAdmin: true })
    const ip = uniqueIp()
    const call = from(admin, ip)
    const actor = { actor_type: 'user', actor_id: admin.user.id, reason: null, outcome: 'success' }

    const created = await call(`/api/spaces/${spaceId}/entries`, { json: { body: { title: 'A' } } })
    const entryId = ((await created.json()) as { id: string }).id
    const base = `/api/spaces/${spaceId}/entries/${entryId}`
    expect((await call(base, { method: 'PUT', json: { body: { title: 'B' } } })).status).toBe(200)
    expect((await call(`${base}/publish`, { json: {} })).status).toBe(200)
    expect((await call(base, { method: 'DELETE' })).status).toBe(204)
    expect((await call(`/api/spaces/${spaceId}`, { method: 'PATCH', json: { name: 'R' } })).status).toBe(200)
    const user = await call('/api/admin/users', { json: { email: uniqueEmail('decl'), password: PASSWORD } })
    const userId = ((await user.json()) as { id: string }).id
    await call(`/api/admin/users/${userId}/status`, { json: { status: 'disabled' } })
    await call(`/api/admin/users/${userId}/sessions/revoke`, { json: {} })

    const entry = { ...actor, space_id: spaceId, target_type: 'entry', target_id: entryId }
    const ofUser = { ...actor, space_id: null, target_type: 'user', target_id: userId }
    expect(await entriesFrom(ip)).toEqual([
      { action: 'content.create', ...entry },
      { action: 'content.update', ...entry },
      { action: 'content.publish', ...entry },
      { action: 'content.delete', ...entry },
      { action: 'spaces.rename', ...actor, space_id: spaceId, target_type: 'space', target_id: spaceId },
      { action: 'users.create', ...ofUser },
      { action: 'users.status', ...ofUser, reason: 'disabled' },
      { action: 'users.sessions_revoke', ...ofUser },
    ])
  })

  it('write nothing for a failed change', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ globalAdmin: true })
    const ip = uniqueIp()
    const missing = `/api/spaces/${spaceId}/entries/ent_AAAAAAAAAAAAAAAAAAAAAA`
    expect((await from(admin, ip)(missing, { method: 'DELETE' })).status).toBe(404)
    expect(await entriesFrom(ip)).toEqual([])
  })
})

describe('the IdP session exchange', () => {
  let idp: LocalIdp
  beforeAll(async () => {
    idp = await createLocalIdp()
  })

  it('records the signed-in user as actor on success and the problem code on failure', async () => {
    const c = client({ env: oidcEnv, deps: { oidcFetch: (input, init) => idp.fetch(input, init) } })
    const ip = uniqueIp()
    const call = from(c, ip)
    const token = await idp.accessToken({ sub: `decl-${crypto.randomUUID()}` })
    const ok = await call('/api/auth/session', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    const { userId } = (await ok.json()) as { userId: string }
    const bad = await call('/api/auth/session', {
      method: 'POST',
      headers: { authorization: 'Bearer a.b.c' },
    })
    expect(bad.status).toBe(401)
    const none = { reason: null, space_id: null, target_type: null, target_id: null }
    expect(await entriesFrom(ip)).toEqual([
      { action: 'auth.session', outcome: 'success', actor_type: 'user', actor_id: userId, ...none },
      {
        action: 'auth.session',
        outcome: 'failure',
        actor_type: 'anonymous',
        actor_id: null,
        ...none,
        reason: 'unauthenticated',
      },
    ])
  })

  // The same IdP as above: the verifier caches its keys by issuer for the whole file.
  it('records each refusal with the code of its problem: no token, no cms scope, no IdP sign-in here', async () => {
    const deps = { oidcFetch: (input: RequestInfo | URL, init?: RequestInit) => idp.fetch(input, init) }
    const ip = uniqueIp()
    const oidc = from(client({ env: oidcEnv, deps }), ip)
    const local = from(client(), ip)
    const noScope = await idp.accessToken({ sub: `decl-${crypto.randomUUID()}`, scope: 'openid' })
    expect((await oidc('/api/auth/session', { method: 'POST' })).status).toBe(401)
    const headers = { authorization: `Bearer ${noScope}` }
    expect((await oidc('/api/auth/session', { method: 'POST', headers })).status).toBe(403)
    expect((await local('/api/auth/session', { method: 'POST' })).status).toBe(404)
    expect((await entriesFrom(ip)).map((e) => `${e.action}:${e.outcome}:${e.reason}`)).toEqual([
      'auth.session:failure:unauthenticated',
      'auth.session:failure:forbidden',
      'auth.session:failure:wrong_auth_provider',
    ])
  })
})

describe('one request, one entry', () => {
  it('even when the service records another action than the route declares', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ globalAdmin: true })
    const ip = uniqueIp()
    const call = from(admin, ip)
    await call(`/api/spaces/${spaceId}/tokens`, { json: { name: 't', scope: 'delivery' } })
    const grant = { scope: 'space', spaceId, role: 'editor' }
    await call(`/api/admin/users/${admin.user.id}/roles`, { json: grant })
    await call(`/api/admin/users/${admin.user.id}/roles`, { json: { ...grant, revoke: true } })
    expect((await entriesFrom(ip)).map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'tokens.create:success',
      'roles.grant:success',
      'roles.revoke:success',
    ])
  })

  it('a logout without a session changes nothing and writes nothing', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const ip = uniqueIp()
    const call = from(admin, ip)
    expect((await call('/api/auth/logout', { json: {} })).status).toBe(204)
    expect((await call('/api/auth/logout', { json: {} })).status).toBe(204)
    expect((await entriesFrom(ip)).map((e) => `${e.action}:${e.outcome}`)).toEqual(['auth.logout:success'])
  })

  it('a dashboard form sent back with field errors (303) writes nothing', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const ip = uniqueIp()
    const { csrfToken } = (await (await admin.fetch('/api/auth/csrf')).json()) as { csrfToken: string }
    const res = await from(admin, ip)(`/spaces/${spaceId}/settings/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: '', scope: 'delivery', csrf_token: csrfToken }).toString(),
    })
    expect(res.status).toBe(303)
    expect(await entriesFrom(ip)).toEqual([])
  })
})

describe('the entries service without HTTP', () => {
  it('records each change with the job’s actor, as the routes do with theirs', async () => {
    const scope = serviceScope()
    const spaceId = await makeSpace()
    const entry = await createEntry(scope, { spaceId, body: { title: 'From a job' } })
    await updateEntry(scope, { spaceId, id: entry.id, body: { title: 'Changed' } })
    await publishEntry(scope, { spaceId, id: entry.id })
    await deleteEntry(scope, { spaceId, id: entry.id })
    const rows = await env.DB.prepare(
      `SELECT action, outcome, actor_type, actor_id, space_id, target_type, target_id
         FROM audit_log WHERE target_id = ?1 ORDER BY id`,
    )
      .bind(entry.id)
      .all()
    const system = { outcome: 'success', actor_type: 'system', actor_id: null, space_id: spaceId }
    const target = { target_type: 'entry', target_id: entry.id }
    expect(rows.results).toEqual(
      ['content.create', 'content.update', 'content.publish', 'content.delete'].map((action) => ({
        action,
        ...system,
        ...target,
      })),
    )
  })
})
