/**
 * `defineEnv`: declares the variables a service reads, once, so that parsing, `.dev.vars.example` and the
 * secrets table all come from the same source. It checks the definition itself eagerly (a wrong
 * `requiredWhen` is a programming error and should fail at import, not on the first request).
 */
import type { DefineEnvOptions, EnvCondition, EnvDefinition, EnvEntries, EnvEntryFields } from './types.ts'

type LooseEntry = EnvEntryFields & { readonly requiredWhen?: unknown }

function fail(message: string): never {
  throw new TypeError(`defineEnv: ${message}`)
}

function assertCondition(
  entries: Readonly<Record<string, LooseEntry>>,
  owner: string,
  condition: unknown,
): asserts condition is EnvCondition {
  if (condition === null || typeof condition !== 'object') fail(`${owner} must be an object or a function`)
  const keys = Object.keys(condition)
  if (keys.length !== 1) fail(`${owner} must name exactly one variable`)
  const name = keys[0]!
  const target = entries[name]
  if (target === undefined) fail(`${owner} names ${name}, which is not defined`)
  if (target.requiredWhen !== undefined) fail(`${owner} names ${name}, which is itself conditional`)
  if (target.secret === true) fail(`${owner} names ${name}, which is secret`)
  const value: unknown = (condition as Record<string, unknown>)[name]
  const values = typeof value === 'string' ? [value] : value
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) {
    fail(`${owner} must give ${name} a string or a non-empty list of strings`)
  }
}

function assertEntry(entries: Readonly<Record<string, LooseEntry>>, name: string, entry: LooseEntry): void {
  if (entry === null || typeof entry !== 'object') fail(`${name} must be an object`)
  const schema: unknown = entry.schema
  if (schema === null || typeof schema !== 'object' || !('_zod' in schema))
    fail(`${name}.schema must be a zod schema`)
  if (typeof entry.description !== 'string' || entry.description.trim() === '') {
    fail(`${name}.description must be a non-empty string`)
  }
  const when = entry.requiredWhen
  if (when !== undefined && typeof when !== 'function') {
    assertCondition(entries, `${name}.requiredWhen`, when)
    if (Object.keys(when as object)[0] === name) fail(`${name}.requiredWhen names the entry itself`)
  }
  if (entry.check !== undefined && typeof entry.check !== 'function') fail(`${name}.check must be a function`)
}

/**
 * Declares a service's variables. Entries keep their order (it is the order of issues and generated files).
 * Throws `TypeError` for a malformed definition: a `requiredWhen` naming an unknown, conditional or secret
 * variable, or more than one.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { defineEnv, parseEnv } from '@alokai/env'
 *
 * const env = defineEnv({
 *   MODE: { schema: z.enum(['a', 'b']).default('a'), description: 'Which backend to use' },
 *   B_TOKEN: { schema: z.string(), secret: true, description: 'Token for b', requiredWhen: { MODE: 'b' } },
 * })
 * const parsed = parseEnv(env, { MODE: 'b', B_TOKEN: 'xyz' })
 * if (parsed.MODE === 'b') parsed.B_TOKEN // string
 * ```
 */
export function defineEnv<const D extends EnvEntries<D>>(
  entries: D,
  options: DefineEnvOptions<D> = {},
): EnvDefinition<D> {
  if (entries === null || typeof entries !== 'object') fail('entries must be an object')
  const loose = entries as unknown as Readonly<Record<string, LooseEntry>>
  for (const [name, entry] of Object.entries(loose)) assertEntry(loose, name, entry)
  const allowed = options.placeholdersAllowedWhen
  if (allowed !== undefined) assertCondition(loose, 'placeholdersAllowedWhen', allowed)
  return Object.freeze({
    entries: Object.freeze({ ...entries }),
    placeholdersAllowedWhen: allowed === undefined ? undefined : Object.freeze({ ...allowed }),
  })
}
