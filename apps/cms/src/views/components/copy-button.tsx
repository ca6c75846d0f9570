/**
 * A value to copy and its button. The button is hidden until the script runs (without JavaScript the
 * value is still selectable text).
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
