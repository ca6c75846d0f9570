/**
 * Every state-changing route of the app declares how it is audited, at its `authorize` or with `audited`:
 * the walk over `app.routes` fails for one that does not, so a new or moved route cannot go unaudited. A
 * small app with an undeclared POST (also inside a sub-app with its own error handler) shows the walker
 * reports what it should. Then the walk sends every such route a request its service completes
 * (`route-requests.ts`), from a client address of its own, and finds the declared action in the audit log:
 * recorded by the service the route calls, since nothing else writes after the fact. The same request from
 * a user without a role finds the refusal `authorize` records. A declared route whose handler records
 * nothing is reported.
 */
import { createExecutionContext, env } from 'cloudflare:test'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { audited } from '../../src/http/audit-declaration'
import type { CmsHono } from '../../src/http/hono-types'
import { authorize } from '../../src/http/identify'
import { loggedIn, makeSpace, ORIGIN } from './helpers'
import { fillPath, makeThings, ROUTE_REQUESTS, senderFor, sendRoute, WALK_DEPS } from './route-requests'
import { walkRoutes } from './route-walk'

/** A client address of one request of this test, so its entries can be told apart in the shared D1. */
function uniqueIp(): string {
  const [a, b] = crypto.getRandomValues(new Uint16Array(2))
  return `2001:db8:a0::${a?.toString(16)}:${b?.toString(16)}`
}

async function recordedFrom(ip: string): Promise<string[]> {
  const rows = await env.DB.prepare('SELECT action, outcome FROM audit_log WHERE client_ip = ?1 ORDER BY id')
    .bind(ip)
    .all<{ action: string; outcome: string }>()
  return rows.results.map((r) => `${r.action}:${r.outcome}`)
}

function split(route: string): [string, string] {
  const [method = '', path = ''] = route.split(' ')
  return [method, path]
}

/**
 * State-changing routes that change nothing worth an audit entry, each with its reason. Empty: every
 * POST/PUT/PATCH/DELETE of the CMS changes data or a session.
 */
const NOT_AUDITED: Readonly<Record<string, string>> = {}

describe('route audit declarations', () => {
  it('every state-changing route of the app declares its audit', () => {
    const walk = walkRoutes(createApp())
    expect(walk.checked.length).toBeGreaterThan(30)
    expect(walk.undeclared.filter((route) => !(route in NOT_AUDITED))).toEqual([])
  })

  it('the allow-list names only routes that exist and declare nothing', () => {
    const walk = walkRoutes(createApp())
    for (const route of Object.keys(NOT_AUDITED)) expect(walk.undeclared, route).toContain(route)
  })

  it('the walker reports an undeclared state-changing route, also in a sub-app with its own error handler', () => {
    const ok = (c: { body(data: null, status: 204): Response }) => c.body(null, 204)
    const sub = new Hono<CmsHono>()
    sub.onError((_err, c) => c.text('sub error', 500))
    sub.put('/:entryId', authorize('content.write', { audit: { action: 'content.update' } }), ok)
    sub.delete('/:entryId', ok)
    const app = new Hono<CmsHono>()
    app.use('/api/*', async (_c, next) => next())
    app.get('/read', ok)
    app.post('/declared', audited({ action: 'demo.declared' }), ok)
    app.post('/undeclared', ok)
    app.route('/sub', sub)
    const walk = walkRoutes(app)
    expect(walk.checked).toEqual([
      'POST /declared',
      'POST /undeclared',
      'PUT /sub/:entryId',
      'DELETE /sub/:entryId',
    ])
    expect(walk.undeclared).toEqual(['POST /undeclared', 'DELETE /sub/:entryId'])
  })
})

describe('who records a route’s audit', () => {
  const walk = walkRoutes(createApp())

  it('has a request for every declared state-changing route, and for nothing else', () => {
    expect(Object.keys(ROUTE_REQUESTS).sort()).toEqual(Object.keys(walk.declared).sort())
  })

  it('the service each route calls records the action the route declares', async () => {
    const admin = await loggedIn({ globalAdmin: true }, { deps: WALK_DEPS })
    const unrecorded: string[] = []
    for (const [route, action] of Object.entries(walk.declared)) {
      const request = ROUTE_REQUESTS[route]
      if (!request) continue
      const [method, path] = split(route)
      const ip = uniqueIp()
      const sender = await senderFor(request, admin)
      const res = await sendRoute(sender, method, fillPath(path, await makeThings(admin)), request, ip)
      const recorded = await recordedFrom(ip)
      if (!recorded.some((entry) => entry.startsWith(`${action}:`) && !entry.endsWith(':denied'))) {
        unrecorded.push(`${route} (${res.status}) declares ${action}, recorded [${recorded.join(', ')}]`)
      }
    }
    expect(unrecorded).toEqual([])
  })

  it('a user without a role is refused by every guarded route, and the refusal is recorded', async () => {
    const admin = await loggedIn({ globalAdmin: true }, { deps: WALK_DEPS })
    const nobody = await loggedIn({}, { deps: WALK_DEPS })
    const things = await makeThings(admin)
    const unrecorded: string[] = []
    for (const route of Object.keys(walk.declared)) {
      const request = ROUTE_REQUESTS[route]
      if (!request || request.open) continue
      const [method, path] = split(route)
      const ip = uniqueIp()
      const res = await sendRoute(nobody, method, fillPath(path, things), request, ip)
      const recorded = await recordedFrom(ip)
      if (res.status !== 403 || !recorded.some((entry) => entry.endsWith(':denied'))) {
        unrecorded.push(`${route} (${res.status}) recorded [${recorded.join(', ')}]`)
      }
    }
    expect(unrecorded).toEqual([])
  })

  it('a declared route whose handler records nothing writes no entry, which the walk would report', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ globalAdmin: true })
    const app = createApp()
    app.post('/api/demo/:spaceId', authorize('content.write'), (c) => c.json({ ok: true }))
    const ip = uniqueIp()
    const headers = {
      cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      origin: ORIGIN,
      'content-type': 'application/json',
      'cf-connecting-ip': ip,
    }
    const res = await app.fetch(
      new Request(`${ORIGIN}/api/demo/${spaceId}`, { method: 'POST', headers, body: '{}' }),
      env,
      createExecutionContext(),
    )
    expect(res.status).toBe(200)
    expect(walkRoutes(app).declared['POST /api/demo/:spaceId']).toBe('content.write')
    expect(await recordedFrom(ip)).toEqual([])
  })
})
