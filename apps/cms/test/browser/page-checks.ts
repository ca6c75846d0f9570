/**
 * Checks the dashboard suites run on a page as it stands: axe-core with its default rules, the page's
 * sideways overflow, destructive controls without the danger styling, the focused control's ring, and the
 * WCAG contrast ratio of two CSS colours. axe is evaluated through the DevTools
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

/** The focused control's outline and the background it is drawn on. */
export interface FocusRing {
  name: string
  style: string
  width: number
  color: string
  background: string
}

/**
 * The outline of the focused element, or null when nothing is focused.
 * @example const ring = await focusedRing(page)
 */
export async function focusedRing(page: Page): Promise<FocusRing | null> {
  return page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body) return null
    const style = getComputedStyle(el)
    // The ring sits outside the control (outline-offset), so it is seen against the parent's background.
    let background = 'rgb(255, 255, 255)'
    for (let up = el.parentElement; up; up = up.parentElement) {
      const c = getComputedStyle(up).backgroundColor
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
        background = c
        break
      }
    }
    const label = (el.textContent || el.getAttribute('name') || '').trim().slice(0, 30)
    return {
      name: `${el.tagName.toLowerCase()} “${label}”`,
      style: style.outlineStyle,
      width: Number.parseFloat(style.outlineWidth),
      color: style.outlineColor,
      background,
    }
  })
}

/** `rgb(r, g, b)` or `rgba(r, g, b, a)` as computed styles give them, to 0–255 channels and alpha. */
export function parseRgb(css: string): { rgb: [number, number, number]; alpha: number } {
  const parts = /^rgba?\(([^)]+)\)$/
    .exec(css.trim())?.[1]
    ?.split(/[\s,/]+/)
    .filter(Boolean)
  if (!parts || parts.length < 3) throw new TypeError(`not an rgb() colour: ${css}`)
  const [r, g, b] = parts.map(Number) as [number, number, number]
  return { rgb: [r, g, b], alpha: parts[3] === undefined ? 1 : Number(parts[3]) }
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number): number => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/**
 * The WCAG 2 contrast ratio of two opaque colours, from 1 to 21.
 * @example contrastRatio([0, 0, 0], [255, 255, 255]) // 21
 */
export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}
