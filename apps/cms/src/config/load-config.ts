/**
 * The CMS configuration, validated once per isolate. `parseEnv(cmsEnv, env)` (from @alokai/env) checks
 * every secret and var at once and is memoised per env object; this file maps the result to the app's
 * config and logs an invalid env once, by variable NAME and problem only.
 */
import { EnvValidationError, parseEnv } from '@alokai/env'
import type { CmsConfig } from '../domain/config'
import { type CmsVars, cmsEnv } from './env-definition'

/** One env problem, by name: never the value. */
interface EnvProblem {
  name: string
  problem: string
}

/** The result of loading the env: a config, or the list of problems. */
export type LoadedEnv = { ok: true; config: CmsConfig } | { ok: false; problems: EnvProblem[] }

const loaded = new WeakMap<object, LoadedEnv>()

function load(raw: Record<string, unknown>): LoadedEnv {
  let parsed: CmsVars
  try {
    parsed = parseEnv(cmsEnv, raw)
  } catch (err) {
    if (!(err instanceof EnvValidationError)) throw err
    return { ok: false, problems: err.issues.map((i) => ({ name: i.name, problem: i.problem })) }
  }
  const config: CmsConfig = {
    environment: parsed.ENVIRONMENT,
    authProvider: parsed.AUTH_PROVIDER,
    jwtSecret: parsed.AUTH_JWT_SECRET,
    jwtPreviousSecrets: parsed.AUTH_JWT_SECRET_PREVIOUS ? [parsed.AUTH_JWT_SECRET_PREVIOUS] : [],
    encryption: { primary: parsed.TOKEN_ENCRYPTION_KEY, previous: parsed.TOKEN_ENCRYPTION_KEY_PREVIOUS },
    auditRetentionDays: parsed.AUDIT_RETENTION_DAYS,
    oidc:
      parsed.AUTH_PROVIDER === 'oidc'
        ? {
            issuer: parsed.OIDC_ISSUER,
            audience: parsed.OIDC_AUDIENCE,
            requiredScope: parsed.OIDC_REQUIRED_SCOPE,
            clientId: parsed.OIDC_CLIENT_ID || undefined,
          }
        : undefined,
  }
  return { ok: true, config }
}

/**
 * Validates `env` once (per env object, i.e. per isolate) and logs an invalid env once, by name.
 * @example const loaded = loadEnv(env); if (!loaded.ok) return internalError()
 */
export function loadEnv(env: object): LoadedEnv {
  let result = loaded.get(env)
  if (!result) {
    result = load(env as Record<string, unknown>)
    loaded.set(env, result)
    if (!result.ok) {
      console.error(
        JSON.stringify({
          level: 'error',
          event: 'invalid_env',
          problems: result.problems.map((p) => `${p.name}: ${p.problem}`),
        }),
      )
    }
  }
  return result
}
