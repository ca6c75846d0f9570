/**
 * `parseEnv`: validates an env once per env object and definition, then answers from memory. A Worker's
 * `env` keeps its identity for the life of an isolate, so validation (and, when it fails, the error with
 * every problem) happens on the first request only; a WeakMap lets a dropped env be collected.
 */
import { type Outcome, validate } from './internal/validate.ts'
import type { ParsedEnv } from './parsed-env.ts'
import type { EnvDefinition, EnvEntries } from './types.ts'

// Module-scope WeakMaps are fine in workerd: creating one is neither I/O nor randomness.
const memo = new WeakMap<object, WeakMap<EnvDefinition<unknown>, Outcome>>()

/**
 * Parses `env` against `def` and returns the typed, frozen result, or throws {@link EnvValidationError}
 * (`ERR_ENV_INVALID`) listing every problem by name, never a value. Empty strings count as missing and
 * variables the definition does not name are ignored (a Workers env holds bindings too).
 *
 * The result (or the error) is memoised per env object and definition: the same object always yields the
 * same instance. An env whose values change in place (`process.env` in a test) must be passed as a fresh
 * copy (`{ ...process.env }`) to be validated again.
 *
 * @example
 * ```ts
 * import { parseEnv } from '@alokai/env'
 * import { serviceEnv } from './env-definition' // your defineEnv(…)
 *
 * export default {
 *   async fetch(request, env) {
 *     const config = parseEnv(serviceEnv, env) // validated on the first request only
 *     if (config.AUTH_PROVIDER === 'oidc') return verifyWith(config.OIDC_ISSUER, config.OIDC_AUDIENCE)
 *     return new Response('local auth')
 *   },
 * } satisfies ExportedHandler<Env>
 * ```
 */
export function parseEnv<D extends EnvEntries<D>>(def: EnvDefinition<D>, env: object): ParsedEnv<D> {
  if (env === null || (typeof env !== 'object' && typeof env !== 'function')) {
    throw new TypeError('parseEnv: env must be an object')
  }
  if (def === null || typeof def !== 'object' || typeof def.entries !== 'object') {
    throw new TypeError('parseEnv: def must come from defineEnv')
  }
  let perEnv = memo.get(env)
  if (perEnv === undefined) {
    perEnv = new WeakMap()
    memo.set(env, perEnv)
  }
  let outcome = perEnv.get(def)
  if (outcome === undefined) {
    outcome = validate(def, env)
    perEnv.set(def, outcome)
  }
  if (!outcome.ok) throw outcome.error
  return outcome.env as ParsedEnv<D>
}
