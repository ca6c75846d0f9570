/**
 * A new API token ready to store: a fresh id, the secret (`generateApiToken`), and the secret sealed to
 * `sealContext('api-token', spaceId, id)`. Create and roll both mint through here, so a rolled token is
 * sealed exactly as a created one.
 */
import { seal } from '@alokai/crypto'
import { sealContext } from '../../crypto/contexts'
import type { ApiTokenScope } from '../../domain/api-token-scope'
import { newId } from '../../domain/ids'
import type { Scope } from '../../domain/scope'
import { generateApiToken } from './bearer'
import type { NewApiToken } from './store-write'

/**
 * The row to insert and the token in full (to answer once, never to store).
 * @example const { row, token } = await mintApiToken(scope, { spaceId, name, description: null, scope: 'delivery', createdBy, expiresAt: null })
 */
export async function mintApiToken(
  scope: Scope,
  input: {
    spaceId: string
    name: string
    description: string | null
    scope: ApiTokenScope
    createdBy: string | null
    expiresAt: number | null
  },
): Promise<{ row: NewApiToken; token: string }> {
  const id = newId('tok')
  const { token, digest, last4 } = await generateApiToken(input.scope)
  const sealed = await seal(await scope.keyring(), token, sealContext('api-token', input.spaceId, id))
  return { row: { ...input, id, sealed, digest, last4, now: scope.now() }, token }
}
