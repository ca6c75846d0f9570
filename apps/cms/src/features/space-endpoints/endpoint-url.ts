/**
 * The URL of a space endpoint as SAVED for later outbound calls: it passes the same policy as the calls
 * themselves (so a bad URL is refused at create/update time, not at first use) and is stored in ONE
 * canonical form, so two spellings of the same address are the same stored string: the WHATWG form (scheme
 * and host in lower case, default port dropped, `https://x` and `https://x/` alike), and for a `base` URL
 * (a preview URL, which paths are appended to: the probe's `/api/cms-probe`, the previews' own paths) also
 * no trailing `/` on its path and no empty `?` or `#`, since `…/de` and `…/de/` lead to the same pages. Also
 * the body fields every endpoint shares (URL and write-only secret), so both features validate them with
 * the same limits and the same wording rules.
 */
import * as z from 'zod'
import type { CmsConfig } from '../../domain/config'
import { Conflict, UrlNotAllowed } from '../../domain/errors'
import { checkOutboundUrl } from '../../outbound/url-policy'

/**
 * How an endpoint's URL is canonicalised: `exact` keeps the path as typed (an MCP server's `/mcp` and
 * `/mcp/` may be different routes); `base` also drops a trailing `/` and an empty query or fragment.
 */
export type UrlForm = 'exact' | 'base'

/**
 * A second endpoint at the same canonical URL in one space.
 * @example throw new DuplicateUrl()
 */
export class DuplicateUrl extends Conflict {
  override readonly name: string = 'DuplicateUrl'
  constructor() {
    super('This space already has one at this URL', 'duplicate_url')
  }
}

function canonical(url: URL, form: UrlForm): string {
  if (form === 'base') {
    url.pathname = url.pathname.replace(/\/+$/, '') || '/'
    // Assigning an empty value removes a lone `?` or `#` from the serialisation.
    if (url.search === '') url.search = ''
    if (url.hash === '') url.hash = ''
  }
  return url.href
}

/**
 * The canonical form of a URL without the policy check (to compare stored rows, which may predate the
 * current canonical form), or `undefined` when it does not parse.
 * @example canonicalEndpointUrl('HTTPS://Shop.example.com/de/', 'base') // 'https://shop.example.com/de'
 */
export function canonicalEndpointUrl(raw: string, form: UrlForm): string | undefined {
  return URL.canParse(raw) ? canonical(new URL(raw), form) : undefined
}

/**
 * The canonical form of a URL to be stored; throws `UrlNotAllowed` with the policy's fixed reason.
 * @example const url = requireAllowedUrl(scope.config, body.url, 'base')
 */
export function requireAllowedUrl(config: CmsConfig, raw: string, form: UrlForm): string {
  const verdict = checkOutboundUrl(raw, { allowPrivate: config.environment === 'development' })
  if (!verdict.ok) throw new UrlNotAllowed(verdict.reason)
  return canonical(verdict.url, form)
}

/**
 * The URL field of a body; `empty` is what an empty field is told.
 * @example const url = endpointUrlField('Enter the server URL')
 */
export function endpointUrlField(empty: string): z.ZodString {
  return z.string().min(1, empty).max(2048, 'At most 2048 characters')
}

/**
 * The secret field of a creation (`''` means none) and of a change (absent or `''` keeps, `null` removes,
 * text replaces), around the feature's own rule for a secret's text.
 * @example const { onCreate, onUpdate } = endpointSecretFields(z.string().min(16))
 */
export function endpointSecretFields(secret: z.ZodString): {
  onCreate: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<''>, z.ZodString]>>
  onUpdate: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<''>, z.ZodString, z.ZodNull]>>
} {
  return {
    onCreate: z.union([z.literal(''), secret]).optional(),
    onUpdate: z.union([z.literal(''), secret, z.null()]).optional(),
  }
}
