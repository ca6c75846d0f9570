/**
 * Names for the ids an audit entry holds, so the log reads "ada@example.com revoked “Website”" rather than
 * `usr_…` / `tok_…`: API tokens, spaces and MCP integrations by name, preview URLs by address (users are
 * named by the users feature's one rule, `userLabels`). Read-only lookups over the resources' tables, batched per kind; an id whose row is gone (a
 * deleted integration) simply has no name, and the log shows the id.
 */

/** The id prefixes this module can name, and where the name is. */
const SOURCES = {
  tok: { table: 'api_tokens', column: 'name' },
  spc: { table: 'spaces', column: 'name' },
  mcp: { table: 'mcp_integrations', column: 'name' },
  pvu: { table: 'preview_urls', column: 'url' },
} as const

type Prefix = keyof typeof SOURCES
// D1 binds at most 100 parameters per statement.
const CHUNK = 100

function prefixOf(id: string): Prefix | undefined {
  const prefix = id.slice(0, 3)
  return prefix in SOURCES && id[3] === '_' ? (prefix as Prefix) : undefined
}

/**
 * The names of `ids` (any mix of kinds; unknown kinds and missing rows are left out), by id.
 * @example const names = await namesOf(env.DB, ['usr_…', 'tok_…'])
 */
export async function namesOf(db: D1Database, ids: Iterable<string>): Promise<Map<string, string>> {
  const byPrefix = new Map<Prefix, Set<string>>()
  for (const id of ids) {
    const prefix = prefixOf(id)
    if (!prefix) continue
    const set = byPrefix.get(prefix) ?? new Set<string>()
    set.add(id)
    byPrefix.set(prefix, set)
  }
  const names = new Map<string, string>()
  const queries: Promise<void>[] = []
  for (const [prefix, set] of byPrefix) {
    const { table, column } = SOURCES[prefix]
    const all = [...set]
    for (let i = 0; i < all.length; i += CHUNK) {
      const chunk = all.slice(i, i + CHUNK)
      const marks = chunk.map((_, n) => `?${n + 1}`).join(', ')
      queries.push(
        db
          .prepare(`SELECT id, ${column} AS name FROM ${table} WHERE id IN (${marks})`)
          .bind(...chunk)
          .all<{ id: string; name: string | null }>()
          .then((res) => {
            for (const row of res.results) if (row.name !== null) names.set(row.id, row.name)
          }),
      )
    }
  }
  await Promise.all(queries)
  return names
}
