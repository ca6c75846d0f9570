/**
 * Where keyboard focus is and whether it can be seen: the focused element, and the outline of each control
 * focused by Tab with its WCAG 2 contrast against the background it is drawn on (the parent's: the ring
 * sits outside the control).
 */
import type { Page } from 'playwright-core'

/** The focused control's outline and the background it is drawn on. */
interface FocusRing {
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
async function focusedRing(page: Page): Promise<FocusRing | null> {
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
function parseRgb(css: string): { rgb: [number, number, number]; alpha: number } {
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
function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/**
 * Presses Tab `presses` times and describes every focused control whose ring is missing, thinner than
 * 2 px, translucent or under 3:1 against its background; `checked` counts the controls seen.
 * @example const { checked, weak } = await weakFocusRings(page, 20)
 */
export async function weakFocusRings(
  page: Page,
  presses: number,
): Promise<{ checked: number; weak: string[] }> {
  const weak: string[] = []
  let checked = 0
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab')
    const ring = await focusedRing(page)
    if (!ring) continue
    checked++
    const outline = parseRgb(ring.color)
    const ratio = contrastRatio(outline.rgb, parseRgb(ring.background).rgb)
    if (ring.style === 'none' || ring.width < 2 || outline.alpha < 1 || ratio < 3) {
      weak.push(
        `${ring.name}: ${ring.style} ${ring.width}px ${ring.color} on ${ring.background} = ${ratio.toFixed(2)}:1`,
      )
    }
  }
  return { checked, weak }
}

/** The focused element: its tag, id, text and link target, and whether it is drawn inside the window. */
export interface Focused {
  tag: string | undefined
  id: string | undefined
  text: string | undefined
  href: string | null | undefined
  visible: boolean
}

/**
 * What has keyboard focus now.
 * @example expect(await focusedElement(page)).toMatchObject({ tag: 'main', id: 'main' })
 */
export async function focusedElement(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement
    const box = el?.getBoundingClientRect()
    return {
      tag: el?.tagName.toLowerCase(),
      id: el?.id,
      text: el?.textContent?.trim(),
      href: el?.getAttribute('href'),
      visible: box !== undefined && box.width > 1 && box.height > 1 && box.top >= 0 && box.left >= 0,
    }
  })
}
