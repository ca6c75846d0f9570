/**
 * The CMS Worker's variables as one definition (`defineEnv` from `@alokai/env`): `src/config/load-config.ts` parses the
 * Worker's env with it, and `pnpm secrets:generate` renders `.dev.vars.example` and the Worker table of
 * `docs/secrets.md` from it (tools/secrets-inventory). Outside `ENVIRONMENT=development` the placeholders in {@link DEV_PLACEHOLDERS} are
 * refused, and a missing `ENVIRONMENT` fails closed: it never falls back to development.
 */
import { defineEnv, type EnvDefinition, type EnvEntry, type ParsedEnv } from '@alokai/env'
import * as z from 'zod'
import { hexKey, hexKeyList, isHttpIssuer, issuerUrl, sessionSecret } from './env-rules'

/**
 * The development placeholders `.dev.vars.example` ships. They are public, so `parseEnv(cmsEnv, env)`
 * refuses them unless `ENVIRONMENT` is `development`; other packages (`@alokai/auth-jwt`) refuse them too.
 *
 * @example
 * ```ts
 * if (secret === DEV_PLACEHOLDERS.AUTH_JWT_SECRET && environment !== 'development') throw new Error('placeholder')
 * ```
 */
export const DEV_PLACEHOLDERS: Readonly<{
  AUTH_JWT_SECRET: string
  OIDC_ISSUER: string
  OIDC_AUDIENCE: string
}> = Object.freeze({
  AUTH_JWT_SECRET: 'dev-only-insecure-session-secret-change-me-0000',
  OIDC_ISSUER: 'http://localhost:9000',
  OIDC_AUDIENCE: 'dev-only-cms-audience',
})

type WhenOidc = { readonly AUTH_PROVIDER: 'oidc' }

/**
 * The entry types of {@link cmsEnv}, written out so the parsed type is part of the public API.
 *
 * @example
 * ```ts
 * const description: string = cmsEnv.entries.TOKEN_ENCRYPTION_KEY.description
 * ```
 */
export type CmsEnvEntries = {
  readonly AUTH_JWT_SECRET: EnvEntry<string>
  readonly AUTH_JWT_SECRET_PREVIOUS: EnvEntry<string | undefined>
  readonly TOKEN_ENCRYPTION_KEY: EnvEntry<string>
  readonly TOKEN_ENCRYPTION_KEY_PREVIOUS: EnvEntry<readonly string[]>
  readonly AUTH_PROVIDER: EnvEntry<'local' | 'oidc'>
  readonly OIDC_ISSUER: EnvEntry<string, WhenOidc>
  readonly OIDC_AUDIENCE: EnvEntry<string, WhenOidc>
  readonly OIDC_CLIENT_ID: EnvEntry<string | undefined>
  readonly OIDC_REQUIRED_SCOPE: EnvEntry<string>
  readonly ENVIRONMENT: EnvEntry<'development' | 'staging' | 'production'>
  readonly AUDIT_RETENTION_DAYS: EnvEntry<number>
}

/**
 * The parsed CMS env: a union on `AUTH_PROVIDER`, where `'oidc'` makes `OIDC_ISSUER` and `OIDC_AUDIENCE`
 * plain strings.
 *
 * @example
 * ```ts
 * function audience(env: CmsVars): string | undefined {
 *   return env.AUTH_PROVIDER === 'oidc' ? env.OIDC_AUDIENCE : undefined
 * }
 * ```
 */
export type CmsVars = ParsedEnv<CmsEnvEntries>

const CMS = 'apps/cms'

/**
 * The CMS definition. Parse it with `parseEnv(cmsEnv, env)`; render its files with
 * `renderDevVarsExample(cmsEnv)` and `renderSecretsTable(cmsEnv)`.
 *
 * @example
 * ```ts
 * import { parseEnv } from '@alokai/env'
 * import { cmsEnv } from './config/env-definition'
 *
 * const env = parseEnv(cmsEnv, workerEnv)
 * const keys = [env.TOKEN_ENCRYPTION_KEY, ...env.TOKEN_ENCRYPTION_KEY_PREVIOUS]
 * ```
 */
export const cmsEnv: EnvDefinition<CmsEnvEntries> = defineEnv<CmsEnvEntries>(
  {
    AUTH_JWT_SECRET: {
      schema: sessionSecret,
      secret: true,
      description:
        "Signs and verifies the CMS's session JWTs (HS256). This CMS's own: never shared with another service.",
      format: 'at least 32 characters',
      usedBy: [CMS, '@alokai/auth-jwt'],
      example: DEV_PLACEHOLDERS.AUTH_JWT_SECRET,
    },
    AUTH_JWT_SECRET_PREVIOUS: {
      schema: sessionSecret.optional(),
      secret: true,
      description: 'The previous session secret, verify-only, kept while AUTH_JWT_SECRET rotates.',
      format: 'at least 32 characters',
      usedBy: [CMS, '@alokai/auth-jwt'],
    },
    TOKEN_ENCRYPTION_KEY: {
      schema: hexKey,
      secret: true,
      description:
        'The primary key-encryption key (KEK): the AES-256-GCM cipher for API tokens, integration secrets (MCP bearers) and preview-URL probe secrets.',
      format: '64 hex characters (32 bytes)',
      usedBy: [CMS, '@alokai/crypto'],
      generate: 'openssl rand -hex 32',
    },
    TOKEN_ENCRYPTION_KEY_PREVIOUS: {
      schema: hexKeyList,
      secret: true,
      description: 'Previous KEKs, open-only, kept while a key rotation runs.',
      format: 'comma-separated list of 64-hex keys',
      usedBy: [CMS, '@alokai/crypto'],
    },
    AUTH_PROVIDER: {
      schema: z.enum(['local', 'oidc']).default('local'),
      description: 'Who signs users in: local accounts in D1, or an OIDC identity provider.',
      format: '`local` or `oidc`',
      usedBy: [CMS],
      example: 'local',
    },
    OIDC_ISSUER: {
      schema: issuerUrl,
      secret: true,
      description:
        "The OIDC issuer URL, used to fetch the discovery document and the JWKS; bearer tokens' `iss` must equal it exactly.",
      format: 'https URL (http only for localhost, 127.0.0.1 or [::1] in development)',
      usedBy: [CMS, '@alokai/auth-oidc'],
      example: DEV_PLACEHOLDERS.OIDC_ISSUER,
      requiredWhen: { AUTH_PROVIDER: 'oidc' },
      check: (issuer, env) =>
        isHttpIssuer(issuer) && env.ENVIRONMENT !== 'development'
          ? 'may use http only when ENVIRONMENT is development'
          : undefined,
    },
    OIDC_AUDIENCE: {
      schema: z.string(),
      secret: true,
      description: 'The expected `aud` claim of incoming bearer tokens.',
      format: 'text',
      usedBy: [CMS, '@alokai/auth-oidc'],
      example: DEV_PLACEHOLDERS.OIDC_AUDIENCE,
      requiredWhen: { AUTH_PROVIDER: 'oidc' },
    },
    OIDC_CLIENT_ID: {
      schema: z.string().optional(),
      description: 'Public client id for dashboard sign-in (authorization code + PKCE); unset disables it.',
      format: 'text',
      usedBy: [CMS],
    },
    OIDC_REQUIRED_SCOPE: {
      // One scope-token (RFC 6749 §3.3): printable ASCII without space, `"` or `\`.
      schema: z
        .string()
        .regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,64}$/)
        .default('cms'),
      description: 'The OAuth scope every IdP bearer token must carry when AUTH_PROVIDER is oidc.',
      format: 'one scope token, e.g. `cms`',
      usedBy: [CMS],
      example: 'cms',
    },
    ENVIRONMENT: {
      schema: z.enum(['development', 'staging', 'production']),
      description:
        'Where this Worker runs. Required, no default: only development accepts the placeholders above.',
      format: '`development`, `staging` or `production`',
      usedBy: [CMS, '@alokai/auth-jwt', '@alokai/auth-oidc'],
      example: 'development',
    },
    AUDIT_RETENTION_DAYS: {
      // At least a year and a day (what compliance regimes ask of an audit trail), at most 100 years.
      schema: z.coerce.number().int().min(366).max(36_500).default(400),
      description:
        'Audit entries older than this many days move from D1 to the R2 archive (binding AUDIT_ARCHIVE), one UTC day at a time, by the scheduled job; exports still include them.',
      format: 'whole days, 366 to 36500',
      usedBy: [CMS],
      example: '400',
    },
  },
  { placeholdersAllowedWhen: { ENVIRONMENT: 'development' } },
)
