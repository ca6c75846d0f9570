/**
 * Rules for URLs and secrets that are SAVED for later outbound calls: the URL passes the same policy as
 * the calls themselves (so a bad URL is refused at create/update time with a 422, not at first use) and is
 * stored in its canonical WHATWG form; and a stored secret never follows its URL to another origin unless
 * the same request supplies a new one (nobody can repoint a URL to harvest the secret).
 */
import type { CmsConfig } from '../config/load-config'
import { UrlNotAllowed } from '../domain/errors'
import { checkOutboundUrl } from './url-policy'

/**
 * The canonical form of a URL to be stored; throws `UrlNotAllowed` with the policy's fixed reason.
 * @example const url = requireAllowedUrl(scope.config, body.url)
 */
export function requireAllowedUrl(config: CmsConfig, raw: string): string {
  const verdict = checkOutboundUrl(raw, { allowPrivate: config.environment === 'development' })
  if (!verdict.ok) throw new UrlNotAllowed(verdict.reason)
  return verdict.url.href
}

/** What an update sends for a secret: absent or `''` keeps it, `null` removes it, a string replaces it. */
export type SecretInput = string | null | undefined

/** What to do with the stored secret on an update. */
export type SecretDecision =
  | { kind: 'keep' }
  | { kind: 'replace'; secret: string }
  | { kind: 'remove' }
  /** The origin changed and no new secret came: the stored one is dropped (and the drop audited). */
  | { kind: 'discard' }

/**
 * Decides the fate of a stored secret when a URL is updated.
 * @example decideSecret({ oldUrl, newUrl, input: body.secret, hasSecret: row.bearer_sealed !== null })
 */
export function decideSecret(input: {
  oldUrl: string
  newUrl: string
  secret: SecretInput
  hasSecret: boolean
}): SecretDecision {
  if (typeof input.secret === 'string' && input.secret !== '')
    return { kind: 'replace', secret: input.secret }
  if (input.secret === null) return { kind: 'remove' }
  if (input.hasSecret && new URL(input.oldUrl).origin !== new URL(input.newUrl).origin)
    return { kind: 'discard' }
  return { kind: 'keep' }
}
