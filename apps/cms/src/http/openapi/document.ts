/**
 * The OpenAPI 3.1 document of the CMS API, generated from the app's own routes (`routes.ts`): every method
 * and path, its path parameters, the JSON body its `requestBody(schema)` declares and the query
 * parameters of its `requestQuery(schema)` (zod's own `z.toJSONSchema`, JSON Schema 2020-12, the dialect
 * of OpenAPI 3.1), who may call it (from the policy action its `authorize` carries), and its failures as
 * the one problem type. A small table adds what code cannot say (`operations.ts`); a route missing from
 * it, or a row that is no route, throws here.
 *
 * Why this and not `@hono/zod-openapi`: that library describes a route only when it is rewritten with
 * `createRoute` and `openapi()`, which would change every route of the app to produce a description. Here
 * the routes stay plain Hono; they carry their body schema and policy action as middleware, which the
 * walk reads, and `readBody` refuses a schema the route did not declare, so the document cannot describe
 * a body other than the one validated.
 */

import type { RouterRoute } from 'hono/types'
import * as z from 'zod'
import type { ProblemCode } from '../problem'
import { OPERATIONS, type OperationText, TAGS } from './operations'
import { PROBLEM_STATUS, problemSchema } from './problem-schema'
import { type ApiRoute, apiRoutes } from './routes'
import { type Callers, callersAllowed, callersOf, SECURITY_SCHEMES } from './security'

/** A JSON object of the document. */
type Json = Record<string, unknown>

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const BODY_PROBLEMS: readonly ProblemCode[] = [
  'validation_failed',
  'bad_request',
  'payload_too_large',
  'unsupported_media_type',
]

// Bodies and queries are what a client sends: the input side of transforms and defaults; answers the output.
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io })
  return rest
}

function queryParameters(schema: z.ZodObject): Json[] {
  const object = jsonSchema(schema) as { properties?: Record<string, Json>; required?: string[] }
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: object.required?.includes(name) ?? false,
    schema: property,
  }))
}

function tagOf(path: string): string {
  const words = path.split('/').filter((word) => word !== '' && word !== 'api' && !word.startsWith(':'))
  const [first, second] = words
  const word = (first === 'spaces' || first === 'admin') && second !== undefined ? second : first
  const tag = word === undefined ? undefined : TAGS[word]
  if (!tag) throw new Error(`openapi: no tag for ${path}`)
  return tag.name
}

function operationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((word) => word !== '' && word !== 'api')
    .map((word) => (word.startsWith(':') ? `by-${word.slice(1)}` : word))
  const camel = words.join('-').replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string = '') => next.toUpperCase())
  return method.toLowerCase() + camel.charAt(0).toUpperCase() + camel.slice(1)
}

function problems(route: ApiRoute, text: OperationText, callers: Callers, params: string[]): ProblemCode[] {
  const codes: ProblemCode[] = []
  if (route.body) codes.push(...BODY_PROBLEMS)
  if (route.query) codes.push('bad_request')
  if (callers.security.length > 0) codes.push('unauthenticated')
  if (route.action) codes.push('forbidden')
  if (UNSAFE.has(route.method) && route.path.startsWith('/api/')) codes.push('csrf_failed')
  if (params.length > 0) codes.push('not_found')
  codes.push(...(text.problems ?? []), 'internal_error')
  return [...new Set(codes)]
}

function success(status: number, answer: z.ZodType | undefined): Json {
  if (status === 204) return { description: 'Done; no body.' }
  if (!answer) return { description: 'Success (JSON).' }
  return {
    description: 'Success.',
    content: { 'application/json': { schema: jsonSchema(answer, 'output') } },
  }
}

function responses(status: number, answer: z.ZodType | undefined, codes: ProblemCode[]): Json {
  const out: Json = { [status]: success(status, answer) }
  const byStatus = new Map<number, ProblemCode[]>()
  for (const code of codes)
    byStatus.set(PROBLEM_STATUS[code], [...(byStatus.get(PROBLEM_STATUS[code]) ?? []), code])
  for (const [problemStatus, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[problemStatus] = {
      description: `Problem: ${list.map((code) => `\`${code}\``).join(', ')}.`,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    }
  }
  return out
}

function operation(route: ApiRoute, texts: Readonly<Record<string, OperationText>>): Json {
  const key = `${route.method} ${route.path}`
  const text = texts[key]
  if (!text) throw new Error(`openapi: no text for ${key} in operations.ts`)
  if ((route.action === undefined) === (text.access === undefined)) {
    throw new Error(`openapi: ${key} needs an access in operations.ts exactly when it has no authorize`)
  }
  const params = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string)
  const parameters = [
    ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...(route.query ? queryParameters(route.query) : []),
  ]
  const callers = route.action
    ? callersOf(route.action, params.includes('spaceId'))
    : callersAllowed(text.access ?? 'public')
  const description = [`**Who:** ${callers.who}.`, text.description].filter(Boolean).join('\n\n')
  return {
    operationId: operationId(route.method, route.path),
    tags: [tagOf(route.path)],
    summary: text.summary,
    description,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body) } },
          },
        }
      : {}),
    security: callers.security,
    ...(callers.policy ? { 'x-cms-policy': callers.policy } : {}),
    responses: responses(text.status ?? 200, text.response, problems(route, text, callers, params)),
  }
}

/**
 * The OpenAPI 3.1 document of the app with these routes. Throws when a route and the texts (`operations.ts`)
 * disagree (see the module comment), so a test over the real app keeps both in step.
 * @example const doc = createOpenApiDocument(createApp().routes)
 */
export function createOpenApiDocument(
  routes: readonly RouterRoute[],
  texts: Readonly<Record<string, OperationText>> = OPERATIONS,
): Json {
  const api = apiRoutes(routes)
  const described = new Set(api.map((route) => `${route.method} ${route.path}`))
  const stale = Object.keys(texts).filter((key) => !described.has(key))
  if (stale.length > 0) throw new Error(`openapi: operations.ts describes no route: ${stale.join(', ')}`)
  const paths: Record<string, Json> = {}
  for (const route of api) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route, texts) }
  }
  const used = new Set(api.map((route) => tagOf(route.path)))
  return {
    openapi: '3.1.0',
    info: {
      title: 'Alokai CMS API',
      // The API has no versions yet: paths and problem codes are the contract.
      version: '1',
      description:
        'Generated from the routes the CMS Worker runs. Errors are `application/problem+json` ' +
        '(RFC 9457) with a stable `code`; unsafe requests need the page’s own `Origin` (CSRF); bodies ' +
        'over 16 KiB get 413.',
    },
    tags: Object.values(TAGS).filter((tag) => used.has(tag.name)),
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
      securitySchemes: SECURITY_SCHEMES,
    },
  }
}
