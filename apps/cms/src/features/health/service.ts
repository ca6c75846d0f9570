/**
 * Whether the Worker reaches its database: one trivial D1 read, so a broken binding shows on `/healthz`.
 */
import type { Scope } from '../../domain/scope'
import { pingDatabase } from './store'

/**
 * Resolves once D1 has answered a one-row read (throws when it cannot).
 * @example await checkDatabase(scope)
 */
export async function checkDatabase(scope: Scope): Promise<void> {
  await pingDatabase(scope.db)
}
