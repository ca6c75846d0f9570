/**
 * The page a dashboard form with a stale or missing form token gets: one consistent,
 * true message (nothing was changed; open the page again and resend), never the "your roles do not allow
 * this" text of a real 403, and a link back to the page the form was on when that page is known to be ours
 * (a same-origin `Referer`, path only), else to the spaces list.
 */
import { describe, expect, it } from 'vitest'
import { type Client, loggedIn, makeSpace, ORIGIN } from './helpers'

function stalePost(c: Client, path: string, referer?: string): Promise<Response> {
  return c.fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      ...(referer === undefined ? {} : { referer }),
    },
    body: new URLSearchParams({ name: 'Renamed', csrf_token: 'A'.repeat(43) }).toString(),
  })
}

function backLink(html: string): string | undefined {
  return /<a href="([^"]*)" id="error-next">/.exec(html)?.[1]
}

describe('the expired-form page', () => {
  it('says one true thing, changes nothing, and links back to the page the form was on', async () => {
    const spaceId = await makeSpace('Stale form space')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const res = await stalePost(admin, `/spaces/${spaceId}/rename`, `${ORIGIN}/spaces/${spaceId}/rename?x=1`)
    expect(res.status).toBe(403)
    const html = await res.text()
    expect(html).toContain('Nothing was changed')
    expect(html).not.toContain('Your roles do not allow this')
    expect(html).not.toContain('reload the page')
    expect(backLink(html)).toBe(`/spaces/${spaceId}/rename`)
    const space = await (await admin.fetch(`/api/spaces/${spaceId}`)).json()
    expect(space).toMatchObject({ name: 'Stale form space' })
  })

  it.each([
    ['no Referer', undefined],
    ['another origin', 'https://evil.test/spaces/x'],
    ['a protocol-relative path', `${ORIGIN}//evil.test/x`],
    ['not a URL', 'not a url'],
  ])('links to the spaces list when the Referer is %s', async (_, referer) => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const html = await (await stalePost(admin, `/spaces/${spaceId}/rename`, referer)).text()
    expect(html).toContain('Nothing was changed')
    expect(backLink(html)).toBe('/spaces')
  })
})
