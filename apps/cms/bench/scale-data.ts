/**
 * The scale bench's data generator: SQL that fills a local D1 (the real migrations applied) with filler
 * spaces, API tokens and audit entries, one bounded batch per statement (a recursive CTE, so a batch of
 * 100,000 rows is one `wrangler d1 execute` and no multi-megabyte SQL file). Pure: every function returns
 * SQL text from numbers it was given, and rows are numbered globally, so growing the database from one
 * size to the next adds rows with the same shape as the ones before.
 */

const DAY_MS = 24 * 60 * 60 * 1000

/** Days the audit entries are spread over, ending just before `now` (inside the 400-day retention). */
export const AUDIT_DAYS: number = 360

/** Audit actions the filler uses, in the proportions of a busy CMS (reveals are 1 in 8). */
export const FILLER_ACTIONS: readonly string[] = [
  'api_token.authenticate',
  'content.update',
  'auth.login',
  'tokens.reveal',
  'content.create',
  'spaces.read',
  'mcp.rpc',
  'tokens.create',
]

function int(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number >= 0`)
  return value
}

/** `n` rows numbered `from`…`from + n - 1` as the CTE `n(i)`. */
function numbers(from: number, n: number): string {
  return `WITH RECURSIVE n(i) AS (SELECT ${int('from', from)} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${int('from', from) + int('count', n)})`
}

/**
 * Filler spaces `spc_<22 digits>` numbered `from`…
 * @example await cms.d1(spacesSql(0, 10_000, Date.now()))
 */
export function spacesSql(from: number, count: number, now: number): string {
  return `INSERT INTO spaces (id, name, created_by, created_at, updated_at)
${numbers(from, count)}
SELECT printf('spc_%022d', i), 'Filler space ' || i, NULL, ${int('now', now)}, ${now} FROM n`
}

/**
 * Filler delivery tokens `tok_<22 digits>` numbered `from`…, spread over spaces `0…spaces - 1` (or all in
 * `spaceId`), each with a unique digest; their sealed value is not a real envelope (the key-status step
 * counts it as malformed, which costs the same read as a real one).
 * @example await cms.d1(tokensSql(0, 100_000, { spaces: 10_000 }, Date.now()))
 */
export function tokensSql(
  from: number,
  count: number,
  owner: { spaces: number } | { spaceId: string },
  now: number,
): string {
  const space =
    'spaceId' in owner
      ? `'${owner.spaceId.replace(/[^A-Za-z0-9_-]/g, '')}'`
      : `printf('spc_%022d', i % ${int('spaces', owner.spaces)})`
  return `INSERT INTO api_tokens (id, space_id, name, scope, token_sealed, token_digest, last4, created_by, created_at)
${numbers(from, count)}
SELECT printf('tok_%022d', i), ${space}, 'filler ' || i, 'delivery', 'v1.filler.' || i,
       printf('%064x', i), 'fill', NULL, ${int('now', now)} - i FROM n`
}

/**
 * Filler audit entries numbered `from`…: entry `i` is on day `i % AUDIT_DAYS` before `now`, in space
 * `i % spaces`, by one of 1,000 users, with an action of {@link FILLER_ACTIONS}.
 * @example await cms.d1(auditSql(0, 100_000, { spaces: 1_000, now: Date.now() }))
 */
export function auditSql(from: number, count: number, shape: { spaces: number; now: number }): string {
  const end = Math.floor(int('now', shape.now) / DAY_MS) * DAY_MS
  const actions = FILLER_ACTIONS.map((a, k) => `WHEN ${k} THEN '${a}'`).join(' ')
  return `INSERT INTO audit_log (at, actor_type, actor_id, action, outcome, reason, space_id, target_type, target_id, client_ip)
${numbers(from, count)}
SELECT ${end} - (1 + i % ${AUDIT_DAYS}) * ${DAY_MS} + (i * 7919) % ${DAY_MS},
       'user', printf('usr_%022d', i % 1000), CASE i % ${FILLER_ACTIONS.length} ${actions} END,
       CASE WHEN i % 17 = 0 THEN 'denied' ELSE 'success' END, CASE WHEN i % 17 = 0 THEN 'forbidden' END,
       printf('spc_%022d', i % ${int('spaces', shape.spaces)}), 'api_token', printf('tok_%022d', i % 100000),
       '198.51.100.' || (i % 250) FROM n`
}

/**
 * The UTC day (`YYYY-MM-DD`) `back` days before `now`'s day: one the filler spread entries over.
 * @example fillerDay(Date.now(), 30) // '2026-11-07'
 */
export function fillerDay(now: number, back: number): string {
  return new Date((Math.floor(now / DAY_MS) - back) * DAY_MS).toISOString().slice(0, 10)
}
