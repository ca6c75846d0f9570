/**
 * The local password check behind `POST /api/auth/login` and the dashboard's sign-in form. The guess is
 * throttled by `password-guess.ts` (reserved in D1 before any PBKDF2 work; 429 with `Retry-After` past 5
 * per address or 20 per account from new addresses in 15 minutes), so an attacker can close the account
 * to new addresses for a while but never lock the user out of one they signed in from. Unknown accounts
 * cost the same single derivation as wrong passwords and get the same 401. Every outcome is audited
 * here, so the JSON route and the dashboard's form record sign-ins the same way.
 */

import { InvalidCredentials } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { passwordOwner } from '../users/service'
import { reservePasswordGuess } from './password-guess'

/**
 * Checks the credentials; the user's id on success, `InvalidCredentials` or `LockedOut` otherwise.
 * @example const userId = await checkPassword(scope, email, password)
 */
export async function checkPassword(scope: Scope, email: string, password: string): Promise<string> {
  const account = email.toLowerCase()
  const guess = await reservePasswordGuess(scope, account, { action: 'auth.login' })
  const userId = await passwordOwner(scope, account, password)
  if (userId !== null) {
    await guess.succeeded()
    await scope.audit.record({
      action: 'auth.login',
      outcome: 'success',
      actor: { type: 'user', id: userId },
    })
    return userId
  }
  // The failure was counted when the guess was reserved.
  await scope.audit.record({ action: 'auth.login', outcome: 'failure', reason: 'invalid_credentials' })
  throw new InvalidCredentials()
}
