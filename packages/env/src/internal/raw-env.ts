/**
 * Reading the raw env. An empty string counts as missing: `wrangler secret put` and `.dev.vars` make
 * empty values easily, and an empty secret is never what was meant. Anything not a string (a Workers
 * binding with the same name, say) is passed on for the schema to refuse as "must be a string".
 */
import type { RawEnvView } from '../types.ts'

/** The raw value of one variable; `undefined` when missing or empty. */
export function readRaw(env: object, name: string): unknown {
  const value: unknown = (env as Record<string, unknown>)[name]
  return value === '' || value === null ? undefined : value
}

/** The string variables of the env, empty ones as `undefined`, for `requiredWhen` predicates. */
export function rawView(env: object): RawEnvView {
  const view: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string') view[name] = value === '' ? undefined : value
  }
  return Object.freeze(view)
}
