/**
 * The OpenAPI generator on small apps: it reads the body schema of `requestBody(schema)`, the policy action
 * of `authorize(action)` and the path parameters from the routes themselves; it refuses to describe a route
 * the texts miss, a text that is no route, or a body declared under a path with no handler; and
 * `readBody` refuses a schema its route did not declare, so the described body is the validated one.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { readBody, requestBody } from '../../src/http/body'
import type { CmsHono } from '../../src/http/hono-types'
import { authorize } from '../../src/http/identify'
import { createOpenApiDocument } from '../../src/http/openapi/document'
import { handleError } from '../../src/http/problem'
import { requestQuery } from '../../src/http/query'

const nameBody = z.strictObject({ name: z.string().min(1) })
type Operation = Record<string, unknown> & { responses: Record<string, unknown> }

function operation(doc: Record<string, unknown>, path: string, method: string): Operation {
  const paths = doc.paths as Record<string, Record<string, Operation>>
  const found = paths[path]?.[method]
  if (!found) throw new Error(`no ${method} ${path}`)
  return found
}

function tokensApp(): Hono<CmsHono> {
  const tokens = new Hono<CmsHono>()
  tokens.post('/:tokenId', requestBody(nameBody))
  tokens.post('/:tokenId', authorize('tokens.create'), (c) => c.json({}))
  const app = new Hono<CmsHono>()
  app.use('/api/*', async (_c, next) => next())
  app.route('/api/spaces/:spaceId/tokens', tokens)
  app.get('/dashboard', (c) => c.html(''))
  return app
}

describe('createOpenApiDocument', () => {
  it('reads the body schema, the policy action and the path parameters from the routes', () => {
    const texts = { 'POST /api/spaces/:spaceId/tokens/:tokenId': { summary: 'Mint' } }
    const op = operation(
      createOpenApiDocument(tokensApp().routes, texts),
      '/api/spaces/{spaceId}/tokens/{tokenId}',
      'post',
    )
    expect(op.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { name: { type: 'string', minLength: 1 } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
    })
    expect((op.parameters as { name: string }[]).map((p) => p.name)).toEqual(['spaceId', 'tokenId'])
    expect(op['x-cms-policy']).toEqual({
      action: 'tokens.create',
      roles: ['space admin', 'global admin'],
      apiTokenScopes: [],
    })
    expect(op.security).toEqual([{ session: [] }, { idpToken: [] }])
    expect(op.tags).toEqual(['API tokens'])
    expect(Object.keys(op.responses)).toEqual(['200', '400', '401', '403', '404', '413', '415', '500'])
  })

  it('lists the query parameters a route declares, with their rules and defaults', () => {
    const app = new Hono<CmsHono>()
    const page = z.strictObject({ limit: z.coerce.number().int().min(1).max(9).default(5), q: z.string() })
    app.get('/api/spaces', requestQuery(page))
    app.get('/api/spaces', authorize('spaces.list'), (c) => c.json({}))
    const op = operation(
      createOpenApiDocument(app.routes, { 'GET /api/spaces': { summary: 'List' } }),
      '/api/spaces',
      'get',
    )
    expect(op.parameters).toEqual([
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 9, default: 5 },
      },
      { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
    ])
  })

  it('leaves out app.use guards and pages', () => {
    const texts = { 'POST /api/spaces/:spaceId/tokens/:tokenId': { summary: 'Mint' } }
    const doc = createOpenApiDocument(tokensApp().routes, texts)
    expect(Object.keys(doc.paths as object)).toEqual(['/api/spaces/{spaceId}/tokens/{tokenId}'])
  })

  it('lets API tokens in where the token scopes grant the action, in their own space', () => {
    const app = new Hono<CmsHono>()
    app.get('/api/spaces/:spaceId/entries', authorize('content.read'), (c) => c.json({}))
    const doc = createOpenApiDocument(app.routes, { 'GET /api/spaces/:spaceId/entries': { summary: 'List' } })
    const op = operation(doc, '/api/spaces/{spaceId}/entries', 'get')
    expect(op.security).toEqual([{ session: [] }, { idpToken: [] }, { apiToken: [] }])
    expect((op['x-cms-policy'] as { apiTokenScopes: string[] }).apiTokenScopes).toEqual([
      'delivery',
      'preview',
      'management',
    ])
  })

  it('refuses a route without a text, a text without a route, and an access beside an authorize', () => {
    const routes = tokensApp().routes
    expect(() => createOpenApiDocument(routes, {})).toThrow(/no text for POST/)
    expect(() =>
      createOpenApiDocument(routes, {
        'POST /api/spaces/:spaceId/tokens/:tokenId': { summary: 'Mint' },
        'GET /api/gone': { summary: 'Gone', access: 'public' },
      }),
    ).toThrow(/describes no route: GET \/api\/gone/)
    expect(() =>
      createOpenApiDocument(routes, {
        'POST /api/spaces/:spaceId/tokens/:tokenId': { summary: 'Mint', access: 'public' },
      }),
    ).toThrow(/needs an access/)
  })

  it('refuses a body declared under a path that has no handler', () => {
    const app = new Hono<CmsHono>()
    app.post('/api/spaces', requestBody(nameBody))
    app.post('/api/spaces/', authorize('spaces.create'), (c) => c.json({}))
    expect(() => createOpenApiDocument(app.routes, {})).toThrow(
      /POST \/api\/spaces has declarations but no handler/,
    )
  })
})

describe('requestBody and readBody', () => {
  const app = new Hono<CmsHono>()
  app.onError(handleError)
  app.post('/declared', requestBody(nameBody))
  app.post('/declared', async (c) => c.json(await readBody(c, nameBody)))
  app.post('/undeclared', async (c) => c.json(await readBody(c, nameBody)))
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('reads the body the route declared, with its validation problems', async () => {
    expect(await (await post('/declared', { name: 'Ada' })).json()).toEqual({ name: 'Ada' })
    const bad = await post('/declared', { name: '' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { code: string }).code).toBe('validation_failed')
  })

  it('answers a generic 500 for a schema the route did not declare, without reading the body', async () => {
    const res = await post('/undeclared', { name: 'Ada' })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal_error',
    })
  })
})
