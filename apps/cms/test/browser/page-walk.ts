/**
 * The dashboard walk's means (`dashboard-pages.test.ts` and the `walk-*.ts` modules it calls): open a
 * path, wait for a navigation, and visit a page state — every `<details>` opened, screenshotted at 1280 and
 * 390 px, checked by axe-core at both widths, measured for sideways scrolling at 390 px and searched for
 * destructive controls without the danger styling — keeping what each visit found.
 */
import type { Page } from 'playwright-core'
import type { WranglerDev } from '../node/fixtures/wrangler-dev'
import { NARROW, WIDE } from './both-widths'
import { screenshot } from './chromium'
import { untilLoaded } from './first-space'
import { type AxeViolation, axeViolations, plainDestructive, sidewaysOverflow } from './page-checks'

/** What the walk found on one page state. */
export interface Visit {
  name: string
  overflow: { by: number; culprits: string[] }
  violations: AxeViolation[]
  /** Destructive links and buttons (revoke, delete, reseal, remove) without the danger colour. */
  plainDestructive: string[]
}

/** One walk through the dashboard: its page, its CMS and what its visits found. */
export interface Walk {
  page: Page
  cms: WranglerDev
  visits: Visit[]
  /** Opens a path of the CMS. */
  open(path: string): Promise<void>
  /** Runs an action that navigates, and waits for the new page. */
  go(action: Promise<void>): Promise<void>
  /** Checks the page as it stands at both widths and records it under `name`. */
  visit(name: string): Promise<void>
}

/**
 * A walk on `page` against `cms`.
 * @example const walk = createWalk(page, cms); await walk.open('/login'); await walk.visit('sign-in')
 */
export function createWalk(page: Page, cms: WranglerDev): Walk {
  const visits: Visit[] = []
  return {
    page,
    cms,
    visits,
    open: async (path) => {
      await page.goto(`${cms.base}${path}`)
    },
    go: (action) => untilLoaded(page, action),
    visit: async (name) => {
      await page.evaluate(() => {
        for (const d of Array.from(document.querySelectorAll('details'))) d.open = true
      })
      await screenshot(page, `pages-${name}-1280`)
      const wide = await axeViolations(page)
      const destructive = await plainDestructive(page)
      await page.setViewportSize(NARROW)
      const overflow = await sidewaysOverflow(page)
      // Narrow, the layout is another one (the header wraps, tables scroll in their box): axe checks it too.
      const narrow = (await axeViolations(page)).map((v) => ({ ...v, id: `${v.id} at 390 px` }))
      await screenshot(page, `pages-${name}-390`)
      await page.setViewportSize(WIDE)
      visits.push({ name, overflow, violations: [...wide, ...narrow], plainDestructive: destructive })
    },
  }
}
