/**
 * The URL of a space endpoint as SAVED for later outbound calls: it passes the same policy as the calls
 * themselves (so a bad URL is refused at create/update time, not at first use) and is stored in its
 * canonical WHATWG form. Also the body fields every endpoint shares (URL and write-only secret), so both
 * features validate them with the same limits and the same wording rules.
 */
import { z } from 'zod'
import type { CmsConfig } from '../../config/load-config'
import { UrlNotAllowed } from '../../domain/errors'
import { checkOutboundUrl } from '../../outbound/url-policy'

/**
 * The canonical form of a URL to be stored; throws `UrlNotAllowed` with the policy's fixed reason.
 * @example const url = requireAllowedUrl(scope.config, body.url)
 */
export function requireAllowedUrl(config: CmsConfig, raw: string): string {
  const verdict = checkOutboundUrl(raw, { allowPrivate: config.environment === 'development' })
  if (!verdict.ok) throw new UrlNotAllowed(verdict.reason)
  return verdict.url.href
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
