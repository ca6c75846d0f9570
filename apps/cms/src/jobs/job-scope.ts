/**
 * Builds a service `Scope` without any request, for a job run (a cron trigger today; a queue or a script
 * could use the same): the bindings and the validated config give the database, keyring and outbound
 * policy, the run gives the clock, and every audit entry is attributed to the `system` actor from no
 * address. Services cannot tell this scope from a request's, which is the point.
 */

import { getKeyring } from '../crypto/keyring'
import type { AuditActor } from '../domain/audit'
import type { CmsConfig } from '../domain/config'
import type { Scope } from '../domain/scope'
import { createAuditRecorder } from '../features/audit-log/recorder'
import { outboundPolicy } from '../outbound/policy'

/** The actor of everything a job does: no user, no token, no address. */
const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null }

/**
 * The scope of one job run.
 * @example const scope = createJobScope(env, loaded.config, { now: () => controller.scheduledTime })
 */
export function createJobScope(env: Env, config: CmsConfig, run: { now: () => number }): Scope {
  return {
    db: env.DB,
    config,
    keyring: () => getKeyring(config),
    now: run.now,
    auditArchive: env.AUDIT_ARCHIVE,
    audit: createAuditRecorder({ db: env.DB, now: run.now, clientIp: null, actor: () => SYSTEM_ACTOR }),
    outbound: outboundPolicy(config, {}, env),
    clientIp: null,
    onPasswordDerivation: undefined,
  }
}
