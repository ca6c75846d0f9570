/**
 * The audit log pages: people and things by name, filters by actor, action, outcome
 * and date, newer/older paging that stays put, a Space column in the global log, and a CSV export that a
 * spreadsheet cannot be tricked into running.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { insertAuditEntry } from '../../src/features/audit-log/store'
import { type Client, loggedIn, makeSpace } from './helpers'

async function html(c: Client, path: string): Promise<string> {
  const res = await c.fetch(path)
  expect(res.status).toBe(200)
  return res.text()
}

/** Rows of the page's table, as text. */
function rows(page: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(page)?.[1] ?? ''
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? '')
}

async function seed(spaceId: string, count: number, at = Date.UTC(2026, 10, 1)): Promise<void> {
  for (let i = 0; i < count; i++) {
    await insertAuditEntry(env.DB, {
      at: at + i * 1000,
      actorType: 'system',
      actorId: null,
      action: i % 2 === 0 ? 'test.even' : 'test.odd',
      outcome: i % 3 === 0 ? 'failure' : 'success',
      spaceId,
      targetType: 'count',
      targetId: `n${i}`,
    })
  }
}

describe('the audit log names people and things', () => {
  it('shows the acting user’s email and the token’s name, with the ids beside them', async () => {
    const spaceId = await makeSpace('Named things')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const created = await admin.fetch(`/api/spaces/${spaceId}/tokens`, {
      json: { name: 'Storefront reader', scope: 'delivery' },
    })
    expect(created.status).toBe(201)
    const page = await html(admin, `/spaces/${spaceId}/audit`)
    const row = rows(page).find((r) => r.includes('tokens.create')) ?? ''
    expect(row).toContain(admin.user.email)
    expect(row).toContain(admin.user.id)
    expect(row).toContain('Storefront reader')
  })

  it('adds a Space column with the space’s name to the global log only', async () => {
    const spaceId = await makeSpace('Column space')
    await seed(spaceId, 1)
    const admin = await loggedIn({ globalAdmin: true })
    const global = await html(admin, `/admin/audit?action=test.even`)
    expect(global).toContain('<th scope="col">Space</th>')
    expect(
      rows(global).some((r) => r.includes(`href="/spaces/${spaceId}"`) && r.includes('Column space')),
    ).toBe(true)
    expect(await html(admin, `/spaces/${spaceId}/audit`)).not.toContain('<th scope="col">Space</th>')
  })
})

describe('the audit table reads at a glance', () => {
  it('names an action in words, with its code kept beside it for support', async () => {
    const spaceId = await makeSpace('Worded')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const created = await admin.fetch(`/api/spaces/${spaceId}/tokens`, {
      json: { name: 'W', scope: 'delivery' },
    })
    expect(created.status).toBe(201)
    const page = await html(admin, `/spaces/${spaceId}/audit?action=tokens.create`)
    const [row] = rows(page)
    expect(row).toContain('API token created')
    expect(row).toContain('<code class="action-code">tokens.create</code>')
    // The filter offers the words too, the code as the value.
    expect(page).toContain('<option value="tokens.create" selected="">API token created</option>')
  })

  it('writes each time on one line in UTC, the full instant in the <time> element', async () => {
    const spaceId = await makeSpace('Timed')
    await seed(spaceId, 1, Date.UTC(2026, 11, 8, 14, 3, 7))
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const [row] = rows(await html(admin, `/spaces/${spaceId}/audit?action=test.even`))
    expect(row).toContain(
      '<td class="when"><time datetime="2026-12-08T14:03:07.000Z">2026-12-08 14:03:07 UTC</time></td>',
    )
  })

  it('says the date filters are UTC days', async () => {
    const spaceId = await makeSpace('Days')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const page = await html(admin, `/spaces/${spaceId}/audit`)
    expect(page).toContain('<label for="audit-from">From (UTC)</label>')
    expect(page).toContain('<label for="audit-to">To (UTC)</label>')
    expect(page).toContain('Whole days in UTC')
  })
})

describe('filters', () => {
  it('narrow by action, outcome and actor email, and an unknown email matches nothing', async () => {
    const spaceId = await makeSpace('Filtered')
    await seed(spaceId, 12)
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const base = `/spaces/${spaceId}/audit`
    expect(rows(await html(admin, `${base}?action=test.even`))).toHaveLength(6)
    // i = 0, 3, 6, 9 fail; of those, 0 and 6 are even.
    expect(rows(await html(admin, `${base}?action=test.even&outcome=failure`))).toHaveLength(2)
    const mine = await html(admin, `${base}?actor=${encodeURIComponent(admin.user.email)}`)
    expect(rows(mine).every((r) => r.includes(admin.user.email))).toBe(true)
    const nobody = await html(admin, `${base}?actor=nobody%40example.com`)
    expect(rows(nobody)).toHaveLength(0)
    // A space admin learns nothing about accounts outside the log: an unknown email and a known one
    // without entries here read the same.
    expect(nobody).not.toContain('Nobody has this email')
    const globalAdmin = await loggedIn({ globalAdmin: true })
    expect(await html(globalAdmin, '/admin/audit?actor=nobody%40example.com')).toContain(
      'Nobody has this email',
    )
  })

  it('narrow by day, inclusive of the last day', async () => {
    const spaceId = await makeSpace('Dated')
    await seed(spaceId, 2, Date.UTC(2026, 9, 30, 23, 59, 58)) // 30 Oct 23:59:58 and 23:59:59
    await seed(spaceId, 2, Date.UTC(2026, 9, 31, 12)) // 31 Oct
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const base = `/spaces/${spaceId}/audit?action=test.even`
    expect(rows(await html(admin, `${base}&from=2026-10-31&to=2026-10-31`))).toHaveLength(1)
    expect(rows(await html(admin, `${base}&to=2026-10-30`))).toHaveLength(1)
    expect(await html(admin, `${base}&from=yesterday`)).toContain('Use a date like 2026-12-31')
  })
})

describe('paging', () => {
  it('goes older and back newer to the same page, keeping the filter', async () => {
    const spaceId = await makeSpace('Paged')
    await seed(spaceId, 130)
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const first = await html(admin, `/spaces/${spaceId}/audit?action=test.even`)
    expect(rows(first)).toHaveLength(50)
    expect(first).not.toContain('Newer entries')
    const older = /href="(\?[^"]*before=\d+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&')
    expect(older).toContain('action=test.even')
    const second = await html(admin, `/spaces/${spaceId}/audit${older}`)
    expect(rows(second)).toHaveLength(15)
    expect(second).not.toContain('Older entries')
    const newer = /href="(\?[^"]*after=\d+)"/.exec(second)?.[1]?.replaceAll('&amp;', '&')
    const back = await html(admin, `/spaces/${spaceId}/audit${newer}`)
    expect(rows(back)).toEqual(rows(first))
  })
})

describe('the CSV export', () => {
  it('downloads what the filter shows, with names, and neutralises formula-like cells', async () => {
    const spaceId = await makeSpace('=HYPERLINK("https://evil.example","x")')
    await seed(spaceId, 3)
    const admin = await loggedIn({ globalAdmin: true })
    const res = await admin.fetch(`/admin/audit/export.csv?action=test.odd`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-log-all-spaces-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const lines = (await res.text()).trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      '"time","actor_type","actor","actor_id","action","outcome","reason","space","space_id","target_type","target","target_id","client_ip"',
    )
    const mine = lines.filter((l) => l.includes(spaceId))
    expect(mine).toHaveLength(1)
    expect(mine[0]).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`)
    expect(lines.slice(1).every((l) => l.includes('"test.odd"'))).toBe(true)
  })

  it('is for those who may read the log', async () => {
    const spaceId = await makeSpace('Private log')
    const editor = await loggedIn({ spaces: [{ spaceId, role: 'editor' }] })
    expect((await editor.fetch(`/spaces/${spaceId}/audit/export.csv`)).status).toBe(403)
    expect((await editor.fetch('/admin/audit/export.csv')).status).toBe(403)
  })
})

describe('the audit log queries', () => {
  it.each([
    ['a space', 'space_id = ?1'],
    ['an actor', 'actor_id = ?1'],
    ['an action', 'action = ?1'],
  ])('read a page narrowed to %s as one index range scan, with no sort', async (_, clause) => {
    const plan = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE ${clause} AND id < ?2 ORDER BY id DESC LIMIT ?3`,
    )
      .bind('x', 1000, 51)
      .all<{ detail: string }>()
    const steps = plan.results.map((r) => r.detail)
    expect(steps.some((s) => /USING (COVERING )?INDEX audit_log_\w+ \(\w+=\? AND rowid<\?\)/.test(s))).toBe(
      true,
    )
    expect(steps.join(' ')).not.toContain('TEMP B-TREE')
  })
})
