/**
 * Where a dashboard POST lands when its answer belongs to the page rather than to one card: a notice that
 * is the `#result` fragment's target and focusable (`tabindex="-1"`), so the browser scrolls to it and
 * moves focus into it without JavaScript, and is itself the live `status` (an `alert` for a failure), so a
 * screen reader says what happened when focus arrives. Cards have their own (`space-endpoints/view-card-result.tsx`).
 */
import type { Child, FC } from 'hono/jsx'

/** The id of a page's result notice: the fragment a POST's redirect names (`…#result`). */
export const RESULT_ID = 'result'

/**
 * A page's one-time result, the landing point of `…#result`.
 * @example <ResultNotice tone="ok">Role granted.</ResultNotice>
 */
export const ResultNotice: FC<{ tone: 'ok' | 'bad' | 'warn' | 'info'; children?: Child }> = (p) => (
  <div id={RESULT_ID} tabindex={-1} class={`notice ${p.tone}`} role={p.tone === 'bad' ? 'alert' : 'status'}>
    {p.children}
  </div>
)
