/**
 * Every state-changing route of the app declares how it is audited, at its `authorize` or with `audited`:
 * the walk over `app.routes` fails for one that does not, so a new or moved route cannot go unaudited. A
 * small app with an undeclared POST (also inside a sub-app with its own error handler) shows the walker
 * reports what it should.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { audited } from '../../src/http/audit-declaration'
import type { CmsHono } from '../../src/http/hono-types'
import { authorize } from '../../src/http/identify'
import { walkRoutes } from './route-walk'

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
