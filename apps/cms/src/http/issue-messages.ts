/**
 * Human words for validation problems, in one place: a zod error map used by `readBody`, so neither a
 * dashboard field nor an API answer carries zod's own text ("Too small: expected string to have >=1
 * characters"). A message written on the schema itself (`.min(1, 'Give the integration a name')`) still
 * wins: zod prefers a schema's message over this per-parse map. Nothing the client sent is echoed.
 */
import type * as z from 'zod'

/** How a field is named in "Enter …", by its key; other keys are "a value". */
const FIELD_NOUN: Readonly<Record<string, string>> = {
  name: 'a name',
  url: 'an address',
  email: 'an email address',
  password: 'a password',
  secret: 'the secret',
  scope: 'a scope',
  role: 'a role',
}

function noun(path: readonly PropertyKey[] | undefined): string {
  const key = path?.at(-1)
  return typeof key === 'string' && Object.hasOwn(FIELD_NOUN, key)
    ? (FIELD_NOUN[key] ?? 'a value')
    : 'a value'
}

const chars = (n: number | bigint): string => `${n} character${n === 1 || n === 1n ? '' : 's'}`

/** Issues a union branch reports that only say "not this branch" (e.g. the `''` of "empty keeps it"). */
const WEAK_CODES: ReadonlySet<string> = new Set(['invalid_value', 'invalid_type'])

/**
 * The zod error map of every request body: issue code (and size) to a sentence that says what to fix.
 * @example schema.safeParse(raw, { error: humanIssue })
 */
export const humanIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin !== 'string') return `Use at least ${issue.minimum}`
      return Number(issue.minimum) <= 1 ? `Enter ${noun(issue.path)}` : `Use at least ${chars(issue.minimum)}`
    case 'too_big':
      return issue.origin === 'string'
        ? `Use at most ${chars(issue.maximum)}`
        : `Use at most ${issue.maximum}`
    case 'invalid_type':
      return issue.input === undefined ? `Enter ${noun(issue.path)}` : 'Enter text here'
    case 'invalid_value':
      return 'Choose one of the offered options'
    case 'invalid_format':
      return issue.format === 'email'
        ? 'Enter an email address like name@example.com'
        : 'Check the format of this value'
    case 'unrecognized_keys':
      return 'Unknown field'
    case 'invalid_union': {
      // The branch that says something useful (e.g. the secret's "16-4096 visible ASCII characters"),
      // rather than zod's "Invalid input".
      const useful = issue.errors.flat().find((i) => !WEAK_CODES.has(i.code))
      return useful?.message ?? 'Check this value'
    }
    default:
      return 'Check this value'
  }
}
