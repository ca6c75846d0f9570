/**
 * Checks the dashboard suites run on a page as it stands: axe-core with its default rules, the page's
 * sideways overflow, destructive controls without the danger styling (focus rings: `focus-rings.ts`).
 * axe is evaluated through the DevTools
 * protocol rather than as a `<script>` tag, so the page keeps its real CSP (`script-src 'self'`, which
 * refuses inline scripts) while it is checked.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

// Read once per suite: the package's browser build (about 550 kB), resolved from this package's own deps.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** One axe violation, reduced to what a failure message needs. */
export interface AxeViolation {
  id: string
  impact: string | null
  targets: string[]
}

/**
 * Runs axe-core (default rules) over the page and returns its violations, one per rule.
 * @example expect(await axeViolations(page)).toEqual([])
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"')
  if (!loaded) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeApi }).axe
    const results = await axe.run(document)
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }))
  })
}

// The slice of axe's API the check calls (axe-core's own types describe the Node package, not the global).
interface AxeApi {
  run(context: Document): Promise<{
    violations: { id: string; impact?: string | null; nodes: { target: string[] }[] }[]
  }>
}

/**
 * How far the page scrolls sideways: `scrollWidth - innerWidth` in CSS pixels (0 when it does not), and the
 * widest elements that stick out, to name in a failure.
 * @example expect((await sidewaysOverflow(page)).by).toBe(0)
 */
export async function sidewaysOverflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth
    const by = Math.max(0, document.documentElement.scrollWidth - width)
    const culprits: string[] = []
    if (by > 0) {
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const box = el.getBoundingClientRect()
        if (box.right > width + 1 && culprits.length < 5) {
          culprits.push(
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className} → ${box.right}`,
          )
        }
      }
    }
    return { by, culprits }
  })
}

/**
 * The text of every destructive link or button (revoke, delete, reseal, remove) that lacks the shared
 * `danger` class or is not drawn in the stylesheet's danger colour (`--bad`).
 * @example expect(await plainDestructive(page)).toEqual([])
 */
export async function plainDestructive(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const probe = document.createElement('span')
    probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--bad').trim()
    document.body.append(probe)
    const danger = getComputedStyle(probe).color
    probe.remove()
    const plain: string[] = []
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('a, button'))) {
      const text = (el.textContent ?? '').trim()
      if (!/\b(revoke|delete|reseal|remove)\b/i.test(text)) continue
      if (!el.classList.contains('danger') || getComputedStyle(el).color !== danger) plain.push(text)
    }
    return plain
  })
}
