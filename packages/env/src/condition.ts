/**
 * Declarative conditions (`{ AUTH_PROVIDER: 'oidc' }`) at run time: reading one, checking it against
 * parsed values and describing it in words for problems and docs. The same object the type system narrows
 * on is what runs here, so the types and the checks cannot drift apart.
 */
import type { EnvCondition, EnvPredicate, RequiredWhen } from './types.ts'

/** A condition reduced to the one variable it names and the values that satisfy it. */
export interface ConditionParts {
  readonly name: string
  readonly values: readonly string[]
}

/** True when `when` is a predicate over the raw env rather than a declarative condition. */
export function isPredicate(when: RequiredWhen): when is EnvPredicate {
  return typeof when === 'function'
}

/** Splits a declarative condition; `defineEnv` has already checked it has exactly one key. */
export function conditionParts(condition: EnvCondition): ConditionParts {
  const [name, value] = Object.entries(condition)[0]!
  return { name, values: typeof value === 'string' ? [value] : [...(value as readonly string[])] }
}

/** Whether the parsed value of the named variable is one of the allowed values. */
export function conditionHolds(condition: EnvCondition, parsed: ReadonlyMap<string, unknown>): boolean {
  const { name, values } = conditionParts(condition)
  const value = parsed.get(name)
  return typeof value === 'string' && values.includes(value)
}

/** `AUTH_PROVIDER is oidc` or `ENVIRONMENT is staging or production`. */
export function describeCondition(condition: EnvCondition): string {
  const { name, values } = conditionParts(condition)
  return `${name} is ${values.join(' or ')}`
}
