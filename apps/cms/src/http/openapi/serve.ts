/**
 * `GET /api/openapi.json`: the document of `document.ts`, built on the first request from the app's routes
 * (every route is registered by then) and kept for the app's lifetime, since routes never change after
 * start. Public, like the source it is generated from: it describes routes and roles, never data, and
 * each route enforces its own access; a client needs it before it holds any credential.
 */
import type { Handler } from 'hono'
import type { RouterRoute } from 'hono/types'
import { createOpenApiDocument } from './document'

/**
 * The handler serving the document of `app`.
 * @example app.get('/api/openapi.json', serveOpenApi(app))
 */
export function serveOpenApi(app: { readonly routes: readonly RouterRoute[] }): Handler {
  let json: string | undefined
  return (c) => {
    json ??= JSON.stringify(createOpenApiDocument(app.routes))
    return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8' })
  }
}
