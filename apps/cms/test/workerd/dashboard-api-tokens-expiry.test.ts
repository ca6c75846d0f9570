/**
 * The tokens page and the token lifecycle: the create form takes a description and an expiry (a select of
 * lifetimes, each the date the token stops on; the test posts any date, as a stale page could), the
 * list shows both and warns about a token that ends within a week, a past date is a field error that keeps
 * what was typed, and a row's Reveal sits behind a disclosure that says what revealing costs.
 */
import { describe, expect, it } from 'vitest'
import { issueToken, member, testClock } from './api-tokens-helpers'
import { followRedirect, submitForm } from './forms'

const DAY = 24 * 60 * 60 * 1000
const dateIn = (now: number, days: number): string => new Date(now + days * DAY).toISOString().slice(0, 10)

function rowOf(html: string, name: string): string {
  const at = html.indexOf(`<td>${name}</td>`)
  expect(at).toBeGreaterThan(-1)
  return html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at))
}

describe('token expiry on the tokens page', () => {
  it('creates a token with a description and an expiry date, and lists both with a warning when it ends soon', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    const soon = dateIn(clock.now(), 3)
    const later = dateIn(clock.now(), 60)
    await submitForm(admin, base, { name: 'Soon', scope: 'delivery', description: 'CI job', expiresAt: soon })
    const res = await submitForm(admin, base, { name: 'Later', scope: 'delivery', expiresAt: later })
    expect(res.headers.get('location')).toBe(`${base}#new-token`)
    const html = await followRedirect(admin, res)
    const soonRow = rowOf(html, 'Soon')
    expect(soonRow).toContain('CI job')
    expect(soonRow).toContain(`${soon} 00:00:00 UTC`)
    expect(soonRow).toContain('Expires soon')
    expect(html).toContain(
      `<option value="${dateIn(clock.now(), 7)}">7 days (until ${dateIn(clock.now(), 7)} 00:00 UTC)`,
    )
    const laterRow = rowOf(html, 'Later')
    expect(laterRow).toContain(`${later} 00:00:00 UTC`)
    expect(laterRow).not.toContain('Expires soon')
  })

  it('refuses a past expiry date with a field error and keeps what was typed', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    const past = dateIn(clock.now(), -1)
    const res = await submitForm(admin, base, {
      name: 'Late',
      scope: 'preview',
      description: 'kept',
      expiresAt: past,
    })
    expect(res.headers.get('location')).toBe(`${base}#form-errors`)
    const html = await followRedirect(admin, res)
    expect(html).toContain('Choose a time in the future')
    expect(html).toContain('value="Late"')
    expect(html).toContain('kept')
    expect(html).toContain(`<option value="${past}" selected="">${past}</option>`)
    expect(html).not.toContain('id="token-value"')
  })

  it('puts each Reveal behind a disclosure that says it needs a fresh sign-in and is audited', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    await issueToken(admin, admin.spaceId, 'delivery', 'Shop')
    const html = await (await admin.fetch(`/spaces/${admin.spaceId}/settings/tokens`)).text()
    const row = rowOf(html, 'Shop')
    const details = row.slice(row.indexOf('<details'), row.indexOf('</details>'))
    expect(details).toContain('<summary')
    expect(details).toMatch(/<button type="submit"[^>]*>Reveal<\/button>/)
    expect(details).toContain('audit log')
    expect(row.replace(details, '')).not.toContain('>Reveal</button>')
  })
})

describe('rolling from the tokens page', () => {
  it('confirms first, then shows the new token once and marks the old one rolled, without Reveal or Roll', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    const old = await issueToken(admin, admin.spaceId, 'delivery', 'Shop')
    const confirm = await admin.fetch(`${base}/${old.id}/roll`)
    expect(confirm.status).toBe(200)
    const page = await confirm.text()
    expect(page).toContain('Roll “Shop”?')
    expect(page).toContain('keeps working for 1 hour')
    const res = await submitForm(admin, `${base}/${old.id}/roll`, {})
    expect(res.headers.get('location')).toBe(`${base}#new-token`)
    const html = await followRedirect(admin, res)
    const shown = /id="token-value">([^<]+)</.exec(html)?.[1] ?? ''
    expect(shown).toMatch(/^cms_delivery_/)
    expect(shown).not.toBe(old.token)
    expect(html).toContain('New token for “Shop”')
    const rows = html.split('<tr id="row-').filter((r) => r.startsWith(old.id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('rolled')
    expect(rows[0]).not.toContain('Reveal')
    expect(rows[0]).not.toContain('/roll')
    const again = await (await admin.fetch(base)).text()
    expect(again).not.toContain(shown)
  })
})
