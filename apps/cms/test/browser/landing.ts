/**
 * Where a dashboard form's 303 left the reader: which element has focus, in which card, whether it is in
 * the window, and what Chromium hands a screen reader for it. The fragment a redirect carries should move
 * focus to the result it names (`tabindex="-1"`), without JavaScript.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * The focused element's id, the id of the card holding it, and whether it is wholly in the window.
 * @example await expect.poll(() => landing(page)).toEqual({ focused: 'result-mcp_…', card: 'card-mcp_…', inView: true })
 */
export async function landing(
  page: Page,
): Promise<{ focused: string; card: string | undefined; inView: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement
    const box = el?.getBoundingClientRect()
    return {
      focused: el?.id ?? '',
      card: el?.closest('section.card')?.id,
      inView: box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight,
    }
  })
}

/**
 * What a screen reader is given for the focused element: its role and name in Chromium's own
 * accessibility tree (read through the DevTools protocol), not a re-computation by the test.
 * @example expect(await heard(page)).toEqual({ role: 'status', name: 'Search Connected …' })
 */
export async function heard(page: Page): Promise<{ role: string; name: string }> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree')
    // The document's own node counts as focused too: the element is the other one.
    const focused = nodes.filter(
      (n) =>
        n.role?.value !== 'RootWebArea' &&
        n.properties?.some((p) => p.name === 'focused' && p.value.value === true),
    )
    expect(focused).toHaveLength(1)
    return { role: String(focused[0]?.role?.value ?? ''), name: String(focused[0]?.name?.value ?? '') }
  } finally {
    await cdp.detach()
  }
}
