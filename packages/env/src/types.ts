/**
 * The shapes a definition is written in: an entry per variable ({@link EnvEntry}), the conditions that
 * make an entry required ({@link RequiredWhen}) and the definition `defineEnv` returns
 * ({@link EnvDefinition}). The parsed type lives in `parsed-env.ts`.
 */
import type { $ZodType, output } from 'zod/v4/core'

/**
 * The raw env as a `requiredWhen` predicate sees it: string variables only, an empty string as missing.
 *
 * @example
 * ```ts
 * const isOidc = (raw: RawEnvView): boolean => raw.AUTH_PROVIDER === 'oidc'
 * ```
 */
export type RawEnvView = Readonly<Record<string, string | undefined>>

/**
 * A `requiredWhen` predicate over the raw env. It is evaluated at run time only: TypeScript cannot see
 * through a function body, so an entry with a predicate stays `T | undefined` in the parsed type.
 *
 * @example
 * ```ts
 * const requiredWhen: EnvPredicate = (raw) => raw.REGION !== undefined
 * ```
 */
export type EnvPredicate = (raw: RawEnvView) => boolean

/**
 * A declarative condition: exactly one other variable of the definition and the parsed value (or values)
 * it must have. Unlike a predicate it is visible to the type system, so `parseEnv` narrows on it.
 *
 * @example
 * ```ts
 * const whenOidc: EnvCondition<'AUTH_PROVIDER'> = { AUTH_PROVIDER: 'oidc' }
 * ```
 */
export type EnvCondition<Name extends string = string> = { readonly [P in Name]?: string | readonly string[] }

/**
 * When an entry is required: a declarative {@link EnvCondition} (preferred: it narrows the parsed type)
 * or an {@link EnvPredicate} over the raw env. Otherwise the entry is optional and parses to `undefined`
 * when missing.
 *
 * @example
 * ```ts
 * const when: RequiredWhen<'AUTH_PROVIDER'> = { AUTH_PROVIDER: 'oidc' }
 * ```
 */
export type RequiredWhen<Name extends string = string> = EnvCondition<Name> | EnvPredicate

/**
 * What a `check` sees of the other variables: the parsed values of every entry that parsed without a
 * problem (an entry that failed is absent, so a check on `ENVIRONMENT === 'development'` fails closed).
 *
 * @example
 * ```ts
 * const isDevelopment = (env: ParsedValues): boolean => env.ENVIRONMENT === 'development'
 * ```
 */
export type ParsedValues = Readonly<Record<string, unknown>>

/**
 * The fields every entry has, whatever makes it required.
 *
 * @example
 * ```ts
 * const fields: EnvEntryFields<string> = { schema: z.string(), description: 'The public site URL' }
 * ```
 */
export interface EnvEntryFields<Out = unknown> {
  /** A zod schema for the value when present (classic `zod` or `zod/mini`). */
  readonly schema: $ZodType<Out>
  /** The value must never be printed: the docs mark it, and problems never list allowed values. @default false */
  readonly secret?: boolean
  /** One or two sentences for `.dev.vars.example` comments and the docs. */
  readonly description: string
  /** The Format column of the secrets table, e.g. `64 hex characters`. @default derived from the schema */
  readonly format?: string
  /** Who reads the variable, for the Used by column. @default [] */
  readonly usedBy?: readonly string[]
  /**
   * The value `.dev.vars.example` holds. For a `secret` entry it is a development placeholder, refused
   * where the definition's `placeholdersAllowedWhen` does not hold. @default ''
   */
  readonly example?: string
  /**
   * A shell command that makes a fresh value (`openssl rand -hex 32`). `.dev.vars.example` then leaves
   * the value empty and shows the command, so no shared key is ever checked in. @default undefined
   */
  readonly generate?: string
  /**
   * A cross-variable rule run after every schema: returns a fixed problem text, or `undefined` when the
   * value is fine. The text must not contain the value. @default undefined
   */
  check?(value: Out, env: ParsedValues): string | undefined
}

/**
 * One variable of a definition. Without `When` the schema alone decides whether the variable may be
 * missing (`.optional()`, `.default()`); with `When` it is required exactly when the condition holds and
 * `undefined` otherwise.
 *
 * @example
 * ```ts
 * const issuer: EnvEntry<string, { readonly AUTH_PROVIDER: 'oidc' }> = {
 *   schema: z.string(),
 *   description: 'The OIDC issuer URL',
 *   requiredWhen: { AUTH_PROVIDER: 'oidc' },
 * }
 * ```
 */
export type EnvEntry<Out = unknown, When extends RequiredWhen | undefined = undefined> = EnvEntryFields<Out> &
  ([When] extends [undefined] ? { readonly requiredWhen?: undefined } : { readonly requiredWhen: When })

/**
 * The output type of an entry's schema.
 *
 * @example
 * ```ts
 * type Provider = EntryOutput<typeof serviceEnv.entries.AUTH_PROVIDER> // 'local' | 'oidc'
 * ```
 */
export type EntryOutput<E> = E extends { readonly schema: infer S } ? output<S> : unknown

/**
 * Any definition's entry as the runtime reads it, without the definition's own type: validation, the
 * generators and the audits walk `def.entries` through it.
 *
 * @example
 * ```ts
 * const entries = def.entries as Readonly<Record<string, AnyEnvEntry>>
 * ```
 */
export type AnyEnvEntry = EnvEntryFields & { readonly requiredWhen?: RequiredWhen }

/**
 * What `defineEnv` accepts: every entry's `requiredWhen` may only name variables of the same definition,
 * and its `check` sees the entry's own output type.
 *
 * @example
 * ```ts
 * function names<D extends EnvEntries<D>>(entries: D): string[] {
 *   return Object.keys(entries)
 * }
 * ```
 */
export type EnvEntries<D> = {
  readonly [K in keyof D]: EnvEntryFields<EntryOutput<D[K]>> & {
    readonly requiredWhen?: RequiredWhen<keyof D & string>
  }
}

/**
 * Options of `defineEnv`.
 *
 * @example
 * ```ts
 * const options: DefineEnvOptions<{ ENVIRONMENT: unknown }> = {
 *   placeholdersAllowedWhen: { ENVIRONMENT: 'development' },
 * }
 * ```
 */
export interface DefineEnvOptions<D> {
  /**
   * Where the `example` values of `secret` entries (the `.dev.vars.example` placeholders) are accepted.
   * Anywhere else, any secret whose value equals a placeholder is refused. @default placeholders are
   * never refused
   */
  readonly placeholdersAllowedWhen?: EnvCondition<keyof D & string>
}

/**
 * A checked definition, the first argument of `parseEnv` and of the generators.
 *
 * @example
 * ```ts
 * const def: EnvDefinition<typeof entries> = defineEnv(entries)
 * ```
 */
export interface EnvDefinition<D> {
  /** The entries, in the order they were written (the order of issues and generated files). */
  readonly entries: D
  /** Where secret placeholders are accepted; `undefined` when they always are. */
  readonly placeholdersAllowedWhen: EnvCondition | undefined
}
