/**
 * The opening every dashboard browser suite shares: sign the development admin in through the form, then
 * create a space through the form, and hand back its id.
 */
import type { Page } from 'playwright-core'
import type { WranglerDev } from '../node/fixtures/wrangler-dev'

/** Runs `action` (a click that submits a form or follows a link) and waits for the next document. */
export async function untilLoaded(page: Page, action: Promise<void>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action])
}

/** Signs the development admin in and creates a space named `spaceName`; returns the space's id. */
export async function signInWithNewSpace(page: Page, cms: WranglerDev, spaceName: string): Promise<string> {
  await page.goto(`${cms.base}/login`)
  await page.getByLabel('Email').fill(cms.admin.email)
  await page.getByLabel('Password').fill(cms.admin.password)
  await untilLoaded(page, page.getByRole('button', { name: 'Sign in' }).click())
  await page.getByLabel('Name').fill(spaceName)
  await untilLoaded(page, page.getByRole('button', { name: 'Create space' }).click())
  // A new space opens on its overview, `/spaces/<id>`.
  const spaceId = /\/spaces\/(spc_[A-Za-z0-9_-]{22})$/.exec(new URL(page.url()).pathname)?.[1]
  if (spaceId === undefined) throw new Error(`no space id in ${new URL(page.url()).pathname}`)
  return spaceId
}
