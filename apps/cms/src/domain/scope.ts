/**
 * What every service works with, and nothing from HTTP: the database (and the audit archive in R2), the validated config, the keyring,
 * the clock, the audit recorder and the outbound policy (plus the client address for the lockout). The
 * HTTP edge builds one per request (`http/scope.ts`), a cron run builds one per run (`jobs/scheduled.ts`),
 * a test builds one directly — so a service runs the same from a route, a trigger or a unit test.
 */
import type { Keyring } from '@alokai/crypto'
import type { AuditRecorder } from './audit'
import type { CmsConfig } from './config'
import type { OutboundPolicy } from './outbound-policy'

/** The explicit dependencies of a service call. */
export interface Scope {
  readonly db: D1Database
  readonly config: CmsConfig
  /** The envelope keyring (imported once per isolate). */
  keyring(): Promise<Keyring>
  /** The clock, in epoch milliseconds. */
  now(): number
  readonly audit: AuditRecorder
  /** The R2 bucket of archived audit entries (binding `AUDIT_ARCHIVE`). */
  readonly auditArchive: R2Bucket
  readonly outbound: OutboundPolicy
  /** The caller's address (`CF-Connecting-IP`), `null` outside a request. Used by the login lockout. */
  readonly clientIp: string | null
  /** Called on every PBKDF2 derivation (tests count them). */
  readonly onPasswordDerivation: (() => void) | undefined
}
