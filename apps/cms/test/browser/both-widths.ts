/**
 * The two widths every dashboard state is checked at, and the check the suites run on a state as it
 * stands: axe-core finds nothing at either width, nothing scrolls sideways on the phone, and the HTML holds
 * no stored secret (`checkPage`, which also saves a screenshot per width).
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { checkPage, type SecretBook } from './chromium'
import { axeViolations, sidewaysOverflow } from './page-checks'

/** The desktop width the suites work at. */
export const WIDE = { width: 1280, height: 900 }
/** The phone width each state is checked at too. */
export const NARROW = { width: 390, height: 844 }

/**
 * Checks `page` at 1280 and 390 px (screenshots `<name>-1280` and `<name>-390`), then puts its size back.
 * @example await checkAtBothWidths(page, secrets, 'tokens-created', { allow: ['token'] })
 */
export async function checkAtBothWidths(
  page: Page,
  secrets: SecretBook,
  name: string,
  options: { allow?: string[] } = {},
): Promise<void> {
  const size = page.viewportSize() ?? WIDE
  try {
    for (const viewport of [WIDE, NARROW]) {
      await page.setViewportSize(viewport)
      expect(await axeViolations(page), `${name} at ${viewport.width} px`).toEqual([])
      if (viewport === NARROW) expect((await sidewaysOverflow(page)).by, `${name} sideways at 390 px`).toBe(0)
      await checkPage(page, secrets, `${name}-${viewport.width}`, options)
    }
  } finally {
    await page.setViewportSize(size)
  }
}
