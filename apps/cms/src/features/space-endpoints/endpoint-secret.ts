/**
 * The secret of a space endpoint (an MCP bearer, a preview probe secret): sealed under
 * `sealContext(purpose, spaceId, id)` so a value copied to another row, space or column does not open;
 * opened only for the one outbound call that needs it, with one failure answer for every such column (a
 * value no configured key opens is `SecretUnavailable`: set it again, never a crash and never the value or
 * the crypto error); and the rule for its fate when the URL changes, since a stored secret never follows
 * its URL to another origin unless the same request sends a new one (nobody can repoint a URL to harvest
 * the secret).
 */
import { type Keyring, openText, seal } from '@alokai/crypto'
import { type SealPurpose, sealContext } from '../../crypto/contexts'
import { SecretUnavailable } from '../../domain/errors'

/** The row a secret belongs to: its context binds the sealed value to these ids. */
export interface SecretOwner {
  purpose: SealPurpose
  spaceId: string
  id: string
}

/** A secret as stored: the sealed text and its last 4 characters for a hint (null where none is kept). */
export interface StoredSecret {
  sealed: string
  last4: string | null
}

/**
 * Seals `secret` to its row, with its last 4 characters for a hint.
 * @example const stored = await sealEndpointSecret(await scope.keyring(), { purpose: 'mcp.bearer', spaceId, id }, secret)
 */
export async function sealEndpointSecret(
  keyring: Keyring,
  owner: SecretOwner,
  secret: string,
): Promise<StoredSecret> {
  return {
    sealed: await seal(keyring, secret, sealContext(owner.purpose, owner.spaceId, owner.id)),
    last4: secret.slice(-4),
  }
}

/**
 * Opens a row's sealed secret for one outbound call; throws `SecretUnavailable` when no configured key
 * opens it (also when it was sealed for another row).
 * @example const bearer = await openEndpointSecret(await scope.keyring(), { purpose: 'mcp.bearer', spaceId, id }, sealed)
 */
export async function openEndpointSecret(
  keyring: Keyring,
  owner: SecretOwner,
  sealed: string,
): Promise<string> {
  try {
    return await openText(keyring, sealed, sealContext(owner.purpose, owner.spaceId, owner.id))
  } catch {
    throw new SecretUnavailable()
  }
}

/** What a change sends for a secret: absent or `''` keeps it, `null` removes it, a string replaces it. */
export type SecretInput = string | null | undefined

/** What to do with the stored secret on a change. */
export type SecretDecision =
  | { kind: 'keep' }
  | { kind: 'replace'; secret: string }
  | { kind: 'remove' }
  /** The origin changed and no new secret came: the stored one is dropped (and the drop audited). */
  | { kind: 'discard' }

/**
 * Decides the fate of a stored secret when an endpoint changes.
 * @example decideSecret({ oldUrl, newUrl, secret: body.secret, hasSecret: endpoint.secret !== null })
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
