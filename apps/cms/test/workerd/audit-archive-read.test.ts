/**
 * Reading across D1 and the R2 archive: the CSV export and the JSON API of a date range that spans both
 * give every matching entry once, newest first, page after page; the filters apply to archived entries as
 * to D1 rows; a space admin never sees another space's archived entries; global admins see all spaces.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { loggedIn, makeSpace } from './helpers'
import { DAY, runCron } from './scheduled-helpers'

const OLD_DAY = Date.UTC(2024, 5, 3)
const RECENT = Date.UTC(2026, 5, 1)

interface Page {
  entries: { id: number; at: number; action: string; spaceId: string | null; actor: { id: string | null } }[]
  next: string | null
}

/** `count` entries at `start`, one second apart, alternating space and action. */
async function seed(start: number, count: number, spaces: [string, string], actor: string): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO audit_log (at, actor_type, actor_id, action, outcome, space_id, target_type, target_id)
     WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
     SELECT ?1 + i * 1000, 'user', ?5, CASE i % 3 WHEN 0 THEN 'tokens.reveal' ELSE 'content.update' END,
            'success', CASE i % 2 WHEN 0 THEN ?3 ELSE ?4 END, 'api_token', 'tok_' || i
     FROM n`,
  )
    .bind(start, count, spaces[0], spaces[1], actor)
    .run()
}

async function setUp() {
  const mine = await makeSpace('Archived mine')
  const theirs = await makeSpace('Archived theirs')
  const admin = await loggedIn({ spaces: [{ spaceId: mine, role: 'admin' }] })
  await seed(OLD_DAY, 40, [mine, theirs], admin.user.id)
  await runCron(OLD_DAY + 401 * DAY + 60_000)
  const left = await env.DB.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE at >= ?1 AND at < ?2')
    .bind(OLD_DAY, OLD_DAY + DAY)
    .first<{ n: number }>()
  expect(left?.n).toBe(0)
  await seed(RECENT, 10, [mine, theirs], admin.user.id)
  return { mine, theirs, admin }
}

async function allPages(
  fetchPage: (path: string) => Promise<Response>,
  first: string,
): Promise<Page['entries']> {
  const entries: Page['entries'] = []
  let path: string | null = first
  while (path !== null) {
    const res = await fetchPage(path)
    expect(res.status).toBe(200)
    const page = (await res.json()) as Page
    entries.push(...page.entries)
    path = page.next === null ? null : first.split('?')[0] + page.next
  }
  return entries
}

describe('a date range across D1 and the archive', () => {
  it('pages through the JSON API once over every entry of the space, newest first, none of another space', async () => {
    const { mine, admin } = await setUp()
    const base = `/api/spaces/${mine}/audit?limit=7&from=2024-06-01&to=2026-06-30`
    const entries = await allPages((p) => admin.fetch(p), base)
    const ids = entries.map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(entries.every((e) => e.spaceId === mine)).toBe(true)
    // 20 of the 40 archived entries and 5 of the 10 in D1 are this space's.
    expect(entries.filter((e) => e.at < RECENT)).toHaveLength(20)
    expect(entries.filter((e) => e.at >= RECENT)).toHaveLength(5)
    // The archived day is reached through every filter, not around it.
    const reveals = await allPages(
      (p) => admin.fetch(p),
      `${base}&action=tokens.reveal&actor=${admin.user.id}`,
    )
    expect(reveals.length).toBeGreaterThan(0)
    expect(reveals.every((e) => e.action === 'tokens.reveal' && e.actor.id === admin.user.id)).toBe(true)
    expect(reveals).toEqual(entries.filter((e) => e.action === 'tokens.reveal'))
  })

  it('exports the CSV of both, scoped to the space for its admin, every space for a global admin', async () => {
    const { mine, theirs, admin } = await setUp()
    const csv = await (
      await admin.fetch(`/spaces/${mine}/audit/export.csv?from=2024-06-03&to=2026-06-01`)
    ).text()
    const lines = csv.trim().split('\r\n').slice(1)
    expect(lines).toHaveLength(25)
    expect(lines.every((l) => l.includes(`"${mine}"`) && !l.includes(theirs))).toBe(true)
    const oldOnly = await (
      await admin.fetch(`/spaces/${mine}/audit/export.csv?from=2024-06-03&to=2024-06-03`)
    ).text()
    expect(oldOnly.trim().split('\r\n').slice(1)).toHaveLength(20)

    const global = await loggedIn({ globalAdmin: true })
    const all = await (await global.fetch('/admin/audit/export.csv?from=2024-06-03&to=2024-06-03')).text()
    const rows = all.trim().split('\r\n').slice(1)
    expect(rows.filter((l) => l.includes(`"${theirs}"`))).toHaveLength(20)
    expect(rows.filter((l) => l.includes(`"${mine}"`))).toHaveLength(20)
  })

  it('reads at most 20 archived objects per page and continues from where they are complete', async () => {
    const spaces = [await makeSpace('Many days'), await makeSpace('Many days, other')] as [string, string]
    const admin = await loggedIn({ spaces: [{ spaceId: spaces[0], role: 'admin' }] })
    const first = Date.UTC(2023, 0, 1)
    // 25 days of 2 entries (one per space): 25 parts, archived over three runs of 10 parts.
    for (let d = 0; d < 25; d++) await seed(first + d * DAY, 2, spaces, admin.user.id)
    for (let run = 0; run < 3; run++) await runCron(first + 425 * DAY + run * 3_600_000)
    const gets: string[] = []
    const entries = await allPages((p) => {
      gets.push(p)
      return admin.fetch(p)
    }, `/api/spaces/${spaces[0]}/audit?limit=200&from=2023-01-01&to=2023-01-25`)
    expect(gets).toHaveLength(2)
    expect(entries).toHaveLength(25)
    expect(new Set(entries.map((e) => e.id)).size).toBe(25)
    expect(entries.every((e) => e.spaceId === spaces[0])).toBe(true)
  })

  it('tells the dashboard page’s reader from which day entries are in the archive, which the CSV includes', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const horizon = () => new Date(Date.now() - 400 * DAY).toISOString().slice(0, 10)
    // Read around the request, so a run across midnight (UTC) still names one of the two days.
    const days = [horizon()]
    const page = await (await admin.fetch('/admin/audit')).text()
    days.push(horizon())
    const named = /Entries from before (\d{4}-\d{2}-\d{2}) move to the archive/.exec(page)?.[1]
    expect(days).toContain(named)
  })

  it('answers 400 naming the field for a malformed filter, and changes nothing', async () => {
    const { mine, admin } = await setUp()
    const res = await admin.fetch(`/api/spaces/${mine}/audit?from=yesterday`)
    expect(res.status).toBe(400)
    const body = (await res.json()) as { issues: { path: string }[] }
    expect(body.issues.map((i) => i.path)).toEqual(['from'])
    expect(JSON.stringify(body)).not.toContain('yesterday')
  })
})
