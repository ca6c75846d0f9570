/**
 * A value to copy and its button. The button is rendered `hidden` and `/assets/app.js` shows it when it
 * wires it, so without JavaScript no button that does nothing is shown; the value is selectable text that
 * one click selects whole (`.secret`, `user-select: all`).
 */
import type { FC } from 'hono/jsx'

/**
 * Shows `value` in a monospace box with a copy button.
 * @example <CopyValue id="new-token" value={token} label="Copy token" />
 */
export const CopyValue: FC<{ id: string; value: string; label: string }> = ({ id, value, label }) => (
  <p>
    <code class="secret" id={id}>
      {value}
    </code>{' '}
    <button type="button" data-copy={`#${id}`} hidden>
      {label}
    </button>
  </p>
)
