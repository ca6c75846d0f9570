/**
 * Words for an entry, shared by the generators: when it is required and what its value looks like. They
 * come from the definition alone (descriptions, formats, schema defaults), never from an env.
 */

import { type AnyEnvEntry, type ConditionParts, conditionParts, isPredicate } from '@alokai/env'
import { safeParse } from 'zod/v4/core'

/** How an entry behaves when missing: required, optional, defaulted, or required under a condition. */
export type Presence =
  | { readonly kind: 'always' }
  | { readonly kind: 'optional' }
  | { readonly kind: 'default'; readonly value: string }
  | { readonly kind: 'when'; readonly condition: ConditionParts | undefined }

function isPrintable(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

/** Reads presence from `requiredWhen`, else by parsing `undefined` with the schema. */
export function presenceOf(entry: AnyEnvEntry): Presence {
  const when = entry.requiredWhen
  if (when !== undefined)
    return { kind: 'when', condition: isPredicate(when) ? undefined : conditionParts(when) }
  let result: ReturnType<typeof safeParse>
  try {
    result = safeParse(entry.schema, undefined)
  } catch {
    return { kind: 'always' }
  }
  if (!result.success) return { kind: 'always' }
  const value = result.data
  // A secret's default is still a secret; lists and objects are not worth a docs cell.
  if (value === undefined || entry.secret === true || !isPrintable(value)) return { kind: 'optional' }
  return { kind: 'default', value: String(value) }
}

/**
 * `always`, `optional`, `optional, default local`, `when AUTH_PROVIDER is oidc`, or `conditional` for a
 * predicate; `code` formats names and values (backticks in Markdown).
 */
export function presenceText(presence: Presence, code: (text: string) => string = (text) => text): string {
  switch (presence.kind) {
    case 'always':
      return 'always'
    case 'optional':
      return 'optional'
    case 'default':
      return `optional, default ${code(presence.value)}`
    case 'when': {
      const parts = presence.condition
      if (parts === undefined) return 'conditional'
      return `when ${code(parts.name)} is ${parts.values.map(code).join(' or ')}`
    }
  }
}

/** The allowed values of an enum or literal schema (through optional/default), if it is one. */
function valuesOf(entry: AnyEnvEntry): string[] | undefined {
  const values = (entry.schema._zod as { values?: ReadonlySet<unknown> }).values
  if (values === undefined || values.size === 0) return undefined
  const list = [...values].filter(isPrintable).map(String)
  return list.length === values.size ? list : undefined
}

/** The Format text: the entry's own `format`, else the allowed values of a non-secret enum, else `text`. */
export function formatText(entry: AnyEnvEntry, code: (text: string) => string = (text) => text): string {
  if (entry.format !== undefined) return entry.format
  const values = entry.secret === true ? undefined : valuesOf(entry)
  return values === undefined ? 'text' : `one of ${values.map(code).join(', ')}`
}
