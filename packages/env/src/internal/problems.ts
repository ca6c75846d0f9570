/**
 * Turns zod issues into problem texts. Zod's own messages are never used: an error map, a refinement or
 * a future zod version may echo the received value, and for a secret that would put it in a log. Each
 * text here is built from the issue's code and from the schema's own parameters (a minimum, the allowed
 * options of a non-secret enum), never from the input.
 */
import type { $ZodIssue } from 'zod/v4/core'

/** What the mapping needs to know about the entry an issue belongs to. */
export interface ProblemContext {
  readonly secret: boolean
  readonly format: string | undefined
}

const formatNames: Readonly<Record<string, string>> = {
  url: 'a URL',
  email: 'an email address',
  uuid: 'a UUID',
  guid: 'a GUID',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  base64: 'base64',
  base64url: 'base64url',
  hex: 'hex',
  datetime: 'an ISO date-time',
  date: 'an ISO date',
  jwt: 'a JWT',
}

function unit(origin: string, n: number | bigint): string {
  if (origin === 'string') return n === 1 ? ' character' : ' characters'
  if (origin === 'array' || origin === 'set') return n === 1 ? ' item' : ' items'
  return ''
}

function describeFormat(context: ProblemContext, fallback: string): string {
  return context.format === undefined ? fallback : `must be ${context.format}`
}

function problemOf(issue: $ZodIssue, context: ProblemContext): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'nonoptional'
        ? 'is required'
        : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`
    case 'too_small': {
      const bound = issue.exact ? 'exactly' : issue.inclusive === false ? 'more than' : 'at least'
      return `must be ${bound} ${issue.minimum}${unit(issue.origin, issue.minimum)}`
    }
    case 'too_big': {
      const bound = issue.exact ? 'exactly' : issue.inclusive === false ? 'less than' : 'at most'
      return `must be ${bound} ${issue.maximum}${unit(issue.origin, issue.maximum)}`
    }
    case 'invalid_format': {
      const name = formatNames[issue.format]
      return describeFormat(context, name === undefined ? 'has the wrong format' : `must be ${name}`)
    }
    case 'invalid_value':
      // The allowed values come from the schema, but listing them for a secret would still describe it.
      return context.secret
        ? 'is not an allowed value'
        : `must be one of: ${issue.values.map(String).join(', ')}`
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`
    case 'custom': {
      const problem: unknown = issue.params?.problem
      return typeof problem === 'string' ? problem : describeFormat(context, 'is not valid')
    }
    case 'invalid_union':
      return describeFormat(context, 'does not match any allowed form')
    default:
      return describeFormat(context, 'is not valid')
  }
}

/** Only list positions are named (`item 2`): a string path segment could be a key taken from the input. */
function prefixOf(path: readonly PropertyKey[]): string {
  const position = path.find((segment): segment is number => typeof segment === 'number')
  return position === undefined ? '' : `item ${position + 1}: `
}

/**
 * The problem texts of a failed parse, deduplicated, in zod's order.
 *
 * @example
 * ```ts
 * problemsOf(result.error.issues, { secret: true, format: undefined }) // ['must be at least 32 characters']
 * ```
 */
export function problemsOf(issues: readonly $ZodIssue[], context: ProblemContext): string[] {
  const problems = issues.map((issue) => prefixOf(issue.path) + problemOf(issue, context))
  return [...new Set(problems)]
}
