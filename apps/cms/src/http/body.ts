/**
 * Request bodies: a size cap before anything is read, a route-level declaration of the body a JSON
 * route reads (`requestBody(schema)`, which the OpenAPI document describes), and one reader that accepts
 * JSON or an HTML form, validates it with zod, and turns every failure into a 4xx problem (never a 500,
 * never the input echoed).
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type * as z from 'zod'
import { humanIssue } from './issue-messages'
import { HttpProblem, type ProblemIssue } from './problem'

declare module 'hono' {
  interface ContextVariableMap {
    /** The schema the route declared with `requestBody(schema)`: the only one `readBody` validates with. */
    declaredBody: z.ZodType
  }
}

/** The largest body any route accepts: auth and admin payloads are tiny. */
const MAX_BODY_BYTES: number = 16 * 1024

/**
 * Refuses bodies over `maxBytes` with a 413 problem (also when no Content-Length is sent).
 * @example app.use('/api/*', limitBody())
 */
export function limitBody(maxBytes: number = MAX_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HttpProblem(413, 'payload_too_large', 'Request body too large')
    },
  })
}

const bodySchemas = new WeakMap<object, z.ZodType>()

/**
 * Middleware declaring the body a JSON route reads. It reads nothing itself (so the route's own checks keep
 * their order: who may call it first, an unknown id before a bad body); it names the schema for `readBody`,
 * which refuses any other, and for the OpenAPI document (`http/openapi/`), which describes it. A route
 * declares it on a line of its own, before the route's handlers, so the declaration never changes them.
 * @example spacesApi.post('/', requestBody(spaceBody))
 */
export function requestBody(schema: z.ZodType): MiddlewareHandler {
  const declare: MiddlewareHandler = async (c, next) => {
    c.set('declaredBody', schema)
    await next()
  }
  bodySchemas.set(declare, schema)
  return declare
}

/**
 * The schema a handler declares, if it is a `requestBody(schema)` middleware.
 * @example const schema = declaredBodyOf(route.handler)
 */
export function declaredBodyOf(handler: unknown): z.ZodType | undefined {
  return typeof handler === 'function' ? bodySchemas.get(handler) : undefined
}

/** Whether the request carries an HTML form body. */
export function isFormRequest(c: Context): boolean {
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')
}

async function readRaw(c: Context): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  if (type.startsWith('application/json')) {
    try {
      return await c.req.json()
    } catch {
      throw new HttpProblem(400, 'bad_request', 'Malformed JSON body')
    }
  }
  if (isFormRequest(c)) {
    let form: Record<string, unknown>
    try {
      form = await c.req.parseBody()
    } catch {
      throw new HttpProblem(400, 'bad_request', 'Malformed form body')
    }
    const fields: Record<string, string> = {}
    for (const [key, value] of Object.entries(form)) {
      if (typeof value !== 'string') throw new HttpProblem(400, 'bad_request', 'Unexpected file field')
      if (key !== 'csrf_token') fields[key] = value
    }
    return fields
  }
  throw new HttpProblem(415, 'unsupported_media_type', 'Send application/json or a form')
}

/** A body read: the data, or the problems by JSON path (human messages, no values). */
export type BodyResult<T> = { ok: true; data: T } | { ok: false; issues: ProblemIssue[] }

/**
 * Reads and validates the body, answering validation problems as data (a malformed or unsupported body
 * still throws its 400/415 problem): for the dashboard, which shows them as field errors.
 * @example const read = await parseBody(c, schema); if (!read.ok) showErrors(read.issues)
 */
export async function parseBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<BodyResult<z.output<S>>> {
  const raw = await readRaw(c)
  const result = schema.safeParse(raw, { error: humanIssue })
  if (result.success) return { ok: true, data: result.data }
  return {
    ok: false,
    issues: result.error.issues.slice(0, 20).map((i) => ({
      path: i.path.map(String).join('.') || '(body)',
      // zod names unknown keys in its message; keep the answer free of anything the client sent.
      message: i.code === 'unrecognized_keys' ? 'Unknown field' : i.message,
    })),
  }
}

/**
 * Reads and validates the body with the schema the route declared with `requestBody(schema)`; a 400
 * `validation_failed` problem lists paths and human messages (`issue-messages.ts`; no values). A schema
 * the route did not declare is a programming error (a generic 500): the API description stays what runs.
 * @example const { name } = await readBody(c, spaceBody)
 */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  if (c.get('declaredBody') !== schema)
    throw new TypeError('readBody: the route declares no requestBody(schema)')
  const read = await parseBody(c, schema)
  if (!read.ok)
    throw new HttpProblem(400, 'validation_failed', 'Request body is invalid', { issues: read.issues })
  return read.data
}
