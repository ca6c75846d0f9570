/**
 * The type `parseEnv` returns. Every entry maps to its schema's output type; an entry with a
 * `requiredWhen` adds `undefined`. A declarative condition (`{ AUTH_PROVIDER: 'oidc' }`) turns the result
 * into a discriminated union on the variable it names, and in the branch where the condition holds the
 * entry is narrowed to a present value. Several discriminants intersect, giving every combination.
 */
import type { EntryOutput, EnvPredicate } from './types.ts'

type WhenOf<E> = 'requiredWhen' extends keyof E ? Exclude<E['requiredWhen' & keyof E], undefined> : never

/** A declarative condition that is certainly present (an optional one could be absent: no narrowing). */
type ConditionOf<E> = E extends { readonly requiredWhen: infer W }
  ? W extends EnvPredicate
    ? never
    : W extends object
      ? W
      : never
  : never

type BaseEnv<D> = {
  readonly [K in keyof D]: [WhenOf<D[K]>] extends [never] ? EntryOutput<D[K]> : EntryOutput<D[K]> | undefined
}

// `keyof never` is every key, hence the guard.
type DiscriminantsOf<D> = {
  [K in keyof D]: [ConditionOf<D[K]>] extends [never] ? never : keyof ConditionOf<D[K]>
}[keyof D] &
  keyof D

type Allowed<V> = V extends readonly (infer X)[] ? X : V

type RequiredIn<D, P extends PropertyKey, L> = {
  readonly [K in keyof D as [ConditionOf<D[K]>] extends [{ readonly [Q in P]: infer V }]
    ? [ConditionOf<D[K]>] extends [never]
      ? never
      : L extends Allowed<V>
        ? K
        : never
    : never]: NonNullable<EntryOutput<D[K]>>
}

type Branch<D, P extends keyof D> =
  EntryOutput<D[P]> extends infer L
    ? L extends unknown
      ? { readonly [Q in P]: L } & RequiredIn<D, P, L>
      : never
    : never

/** Intersects one branch union per discriminant without collapsing each union. */
type Branches<D> = (
  DiscriminantsOf<D> extends infer P
    ? P extends keyof D
      ? (x: Branch<D, P>) => void
      : never
    : never
) extends (x: infer I) => void
  ? I
  : never

type Simplify<T> = T extends unknown ? { readonly [K in keyof T]: T[K] } : never

/**
 * The parsed, frozen env of a definition's entries `D`.
 *
 * @example
 * ```ts
 * type ServiceEnv = ParsedEnv<typeof serviceEnv.entries>
 * function issuerOf(env: ServiceEnv): string | undefined {
 *   return env.AUTH_PROVIDER === 'oidc' ? env.OIDC_ISSUER : undefined // string in that branch
 * }
 * ```
 */
export type ParsedEnv<D> = Simplify<BaseEnv<D> & Branches<D>>
