/**
 * The audit log's filter as it arrives in a page's query string (`?actor=&action=&outcome=&from=&to=`,
 * plus `before`/`after` for paging): parsed strictly, every field optional, dates as whole UTC days. An
 * actor is given by email (looked up) or by a `usr_…`/`tok_…` id; an email nobody has matches nothing
 * (and only the global log says that nobody has it).
 */
import * as z from 'zod'
import type { Scope } from '../../domain/scope'
import { userIdByEmail } from '../users/service'
import type { AuditFilter } from './store'

const DAY_MS = 24 * 60 * 60 * 1000
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const optional = <T extends z.ZodType>(schema: T) => z.union([z.literal(''), schema]).optional()

const querySchema = z.object({
  actor: optional(z.string().trim().max(254)),
  action: optional(
    z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)*$/)
      .max(64),
  ),
  outcome: optional(z.enum(['success', 'denied', 'failure'])),
  from: optional(day),
  to: optional(day),
  before: optional(z.string().regex(/^[1-9][0-9]{0,15}$/)),
  after: optional(z.string().regex(/^[1-9][0-9]{0,15}$/)),
})

/** The filter's fields as typed, for the form to show them again. */
export interface AuditQuery {
  actor: string
  action: string
  outcome: string
  from: string
  to: string
}

/** A parsed query: the store filter, the page cursor, and the fields as typed. */
export interface ParsedAuditQuery {
  filter: AuditFilter
  page: { before?: number | undefined; after?: number | undefined }
  typed: AuditQuery
  /** A field the filter could not use, by name, with what to fix. */
  problems: Partial<Record<keyof AuditQuery, string>>
}

const PROBLEMS: Readonly<Record<keyof AuditQuery, string>> = {
  actor: 'Enter an email, or a user or token id',
  action: 'Choose an action from the list',
  outcome: 'Choose an outcome from the list',
  from: 'Use a date like 2026-12-31',
  to: 'Use a date like 2026-12-31',
}

function startOfDay(value: string): number | undefined {
  const at = Date.parse(`${value}T00:00:00Z`)
  return Number.isNaN(at) ? undefined : at
}

/**
 * Parses a page's query; a malformed field is dropped from the filter and named in `problems`.
 * @example const { filter, page } = await parseAuditQuery(scope, c.req.query(), spaceId)
 */
export async function parseAuditQuery(
  scope: Scope,
  raw: Record<string, string>,
  spaceId: string | undefined,
): Promise<ParsedAuditQuery> {
  const problems: ParsedAuditQuery['problems'] = {}
  const value = (key: keyof z.infer<typeof querySchema>): string | undefined => {
    const one = querySchema.shape[key].safeParse(raw[key])
    return one.success ? (one.data ?? '') : undefined
  }
  const typed = { actor: '', action: '', outcome: '', from: '', to: '' } satisfies AuditQuery
  for (const key of Object.keys(typed) as (keyof AuditQuery)[]) {
    const parsed = value(key)
    if (parsed === undefined) problems[key] = PROBLEMS[key]
    else typed[key] = parsed
  }
  const filter: AuditFilter = { spaceId }
  if (typed.action) filter.action = typed.action
  if (typed.outcome) filter.outcome = typed.outcome as AuditFilter['outcome']
  if (typed.from) filter.from = startOfDay(typed.from)
  if (typed.to) {
    const to = startOfDay(typed.to)
    // `to` names the last day shown, so the bound is the start of the day after it.
    if (to !== undefined) filter.to = to + DAY_MS
  }
  if (typed.actor) {
    if (/^(usr|tok)_[A-Za-z0-9_-]{22}$/.test(typed.actor)) filter.actorId = typed.actor
    else {
      const userId = await userIdByEmail(scope, typed.actor)
      // Only the global log (global admins list every user anyway) says so: in a space's log it would
      // tell a space admin whether an email has an account anywhere in the CMS.
      if (userId === null && spaceId === undefined) problems.actor = 'Nobody has this email'
      // An unknown actor matches nothing rather than everything.
      filter.actorId = userId ?? 'none'
    }
  }
  // A malformed cursor is a stale link: the first page is the useful answer.
  const before = value('before')
  const after = value('after')
  return {
    filter,
    page: { before: before ? Number(before) : undefined, after: after ? Number(after) : undefined },
    typed,
    problems,
  }
}

/**
 * The query string of the same filter on another page (or for the CSV export), empty fields left out.
 * @example const older = `?${auditQueryString(typed, { before: last.id })}`
 */
export function auditQueryString(typed: AuditQuery, page: { before?: number; after?: number } = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(typed)) if (value) params.set(key, value)
  if (page.before !== undefined) params.set('before', String(page.before))
  if (page.after !== undefined) params.set('after', String(page.after))
  return params.toString()
}
