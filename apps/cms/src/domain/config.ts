/**
 * The CMS configuration as every layer reads it, after validation: which environment, how users sign in,
 * the session and encryption secrets. `config/load-config.ts` builds it from the Worker's env (once per
 * isolate); services receive it in their `Scope`.
 */

/** What the app reads from the environment, after validation. */
export interface CmsConfig {
  environment: 'development' | 'staging' | 'production'
  authProvider: 'local' | 'oidc'
  jwtSecret: string
  jwtPreviousSecrets: string[]
  /** `TOKEN_ENCRYPTION_KEY` (64 hex) and `TOKEN_ENCRYPTION_KEY_PREVIOUS` (open-only, during a rotation). */
  encryption: { primary: string; previous: readonly string[] }
  /** Present when `authProvider` is `oidc`; `clientId` (`OIDC_CLIENT_ID`) enables dashboard sign-in. */
  /** `AUDIT_RETENTION_DAYS`: audit entries older than this (whole UTC days) move to the R2 archive. */
  auditRetentionDays: number
  oidc: { issuer: string; audience: string; requiredScope: string; clientId: string | undefined } | undefined
}
