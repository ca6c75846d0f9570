/**
 * The dashboard side of a space endpoint, shared by the MCP Integrations and Preview URLs pages: a form
 * read with its URL checked by the outbound policy beside the other fields (every field error in one
 * pass), the route's row (a 404 page otherwise), the text fields of a form to show again (never the secret), a save
 * whose URL the policy refuses or another endpoint of the space has (the URL field's error), and a call
 * whose stored secret no configured key
 * opens (the page asks to enter it again). Failures are told apart by class, never by code strings.
 */
import type { Context } from 'hono'
import type * as z from 'zod'
import { SecretUnavailable, UrlNotAllowed } from '../../domain/errors'
import type { CmsHono } from '../../http/hono-types'
import { idParam } from '../../http/params'
import { checkOutboundUrl } from '../../outbound/url-policy'
import { urlFixText } from '../../views/outbound-messages'
import { type FormResult, readForm, routeSpace } from '../dashboard/page-kit'
import { requireEndpoint } from './endpoint'
import type { EndpointKind } from './endpoint-kind'
import { DuplicateUrl } from './endpoint-url'

/**
 * The row named by the route's `param` in the route's space, or a 404 page.
 * @example const row = await loadEndpointRow(c, mcpKind, 'integrationId')
 */
export async function loadEndpointRow<Row>(
  c: Context<CmsHono>,
  kind: EndpointKind<Row>,
  param: string,
): Promise<Row> {
  const space = await routeSpace(c)
  return requireEndpoint(c.var.scope, kind, space.id, idParam(c, param, kind.idPrefix))
}

/**
 * The named text fields of the posted form, to show the form again (`''` for a missing one). Only ever
 * called with non-secret names.
 * @example const shown = await submittedFields(c, ['name', 'url'])
 */
export async function submittedFields<K extends string>(
  c: Context<CmsHono>,
  names: readonly K[],
): Promise<Record<K, string>> {
  const raw = await c.req.parseBody()
  const fields = {} as Record<K, string>
  for (const name of names) {
    const value = raw[name]
    fields[name] = typeof value === 'string' ? value : ''
  }
  return fields
}

/**
 * Whether the posted form carried a secret: a refused form never shows it back, so its field asks for it
 * again (a retry without it would save no secret, or keep the old one, without a word).
 * @example const secretTyped = await typedSecret(c)
 */
export async function typedSecret(c: Context<CmsHono>): Promise<boolean> {
  const value = (await c.req.parseBody()).secret
  return typeof value === 'string' && value !== ''
}

/**
 * Saves a valid form; a URL the outbound policy refuses comes back as the URL field's error (the form was
 * checked with the same policy first, `readUrlForm`, so this is only a safety net), and so does a URL
 * another endpoint of the space has (`duplicate`, for features that refuse twins).
 * @example const saved = await saveEndpointForm(form, (data) => createMcpIntegration(scope, caller, spaceId, data))
 */
export async function saveEndpointForm<T, R>(
  form: FormResult<T>,
  save: (data: T) => Promise<R>,
  duplicate = 'This space already has one at this address',
): Promise<FormResult<R>> {
  if (!form.ok) return form
  try {
    return { ok: true, data: await save(form.data) }
  } catch (err) {
    if (err instanceof DuplicateUrl) return { ok: false, errors: { url: duplicate } }
    if (!(err instanceof UrlNotAllowed)) throw err
    const url = urlFixText(err.reason === 'blocked_address' ? 'private' : 'not_a_url')
    return { ok: false, errors: { url } }
  }
}

/**
 * Runs a call of the endpoint (a test, a probe); `undefined` when its stored secret cannot be opened with
 * the configured keys (the page then asks for it again).
 * @example const result = await unlessSecretUnavailable(() => probePreviewUrl(scope, row))
 */
export async function unlessSecretUnavailable<R>(call: () => Promise<R>): Promise<R | undefined> {
  try {
    return await call()
  } catch (err) {
    if (!(err instanceof SecretUnavailable)) throw err
    return undefined
  }
}

/**
 * What to fix in a submitted outbound URL (MCP server, preview URL), checked with the same policy the
 * service applies on save, or undefined when it passes (or was not sent). Run beside `readForm` so every
 * field error shows in one pass.
 * @example const urlError = submittedUrlError(c, fields.url)
 */
function submittedUrlError(c: Context<CmsHono>, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined
  const verdict = checkOutboundUrl(raw, { allowPrivate: c.var.config.environment === 'development' })
  return verdict.ok ? undefined : urlFixText(verdict.problem)
}

/**
 * A form read plus the outbound check of its `url` field: all field errors at once (the schema's own error
 * for `url`, e.g. "enter the URL", wins over the policy's).
 * @example const form = await readUrlForm(c, createMcpBody)
 */
export async function readUrlForm<S extends z.ZodType>(
  c: Context<CmsHono>,
  schema: S,
): Promise<FormResult<z.output<S>>> {
  const form = await readForm(c, schema)
  const raw = (await c.req.parseBody()).url
  const url = submittedUrlError(c, typeof raw === 'string' ? raw : undefined)
  if (url === undefined) return form
  return { ok: false, errors: { url, ...(form.ok ? {} : form.errors) } }
}
