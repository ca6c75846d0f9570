/**
 * Dashboard forms as a browser sends them: the session's form token fetched the way the pages get it,
 * fields as `application/x-www-form-urlencoded`, and the 303 followed to the page it leads to.
 */
import { expect } from 'vitest'
import type { Client } from './helpers'

/** The caller's current form token (bound to the session, or the pre-login double-submit value). */
export async function formToken(c: Client): Promise<string> {
  return ((await (await c.fetch('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken
}

/** POSTs a form with the caller's form token. */
export async function submitForm(c: Client, path: string, fields: Record<string, string>): Promise<Response> {
  return c.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, csrf_token: await formToken(c) }).toString(),
  })
}

/** Expects a 303 and GETs where it leads (expecting 200); the page's HTML. */
export async function followRedirect(c: Client, res: Response): Promise<string> {
  expect(res.status).toBe(303)
  const page = await c.fetch(res.headers.get('location') ?? '')
  expect(page.status).toBe(200)
  return page.text()
}

/** Submits a form and follows its 303: the HTML of the page it leads to. */
export async function submitAndFollow(
  c: Client,
  path: string,
  fields: Record<string, string>,
): Promise<string> {
  return followRedirect(c, await submitForm(c, path, fields))
}
