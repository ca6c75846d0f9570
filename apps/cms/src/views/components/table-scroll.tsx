/**
 * The box every dashboard table sits in: on a narrow screen a wide table (tokens, audit log, key counts)
 * scrolls sideways inside it instead of widening the whole page. The box is a named, focusable region so a
 * keyboard user can scroll it too (axe: `scrollable-region-focusable`).
 */
import type { Child, FC } from 'hono/jsx'

/**
 * Wraps a `<table>`.
 * @example <TableScroll label="API tokens"><table>…</table></TableScroll>
 */
export const TableScroll: FC<{ label: string; children?: Child }> = ({ label, children }) => (
  // Focusable (tabindex 0): a box that scrolls must be scrollable by keyboard too.
  <section class="table-scroll" aria-label={label} tabindex={0}>
    {children}
  </section>
)
