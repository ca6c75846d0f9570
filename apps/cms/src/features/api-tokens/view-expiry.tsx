/**
 * The create form's expiry choice: a select of common lifetimes (as GitHub and Vercel offer), each value
 * the ISO 8601 date the token stops on (00:00 UTC), computed when the page is drawn. A select rather than
 * a date input: every choice is one keyboard stop with the page's focus ring (Chromium's date input hides
 * a calendar button whose focus shows no ring on the input), and an admin rarely wants a day nobody else
 * would. The JSON API takes any future instant.
 */
import type { FC } from 'hono/jsx'

const DAY = 24 * 60 * 60 * 1000
const LIFETIMES = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
] as const

/** Props of {@link ExpirySelect}. */
export interface ExpirySelectProps {
  /** The request's time: the choices count from it. */
  now: number
  /** What a failed submission chose (kept selected, even if no longer a listed choice). */
  value?: string | undefined
  error?: string | undefined
}

/**
 * The labelled select, `name="expiresAt"`, id `f-expiresAt`.
 * @example <ExpirySelect now={now} value={form?.expiresAt} error={errors?.expiresAt} />
 */
export const ExpirySelect: FC<ExpirySelectProps> = (p) => {
  const choices = LIFETIMES.map((l) => {
    const date = new Date(p.now + l.days * DAY).toISOString().slice(0, 10)
    return { value: date, label: `${l.label} (until ${date} 00:00 UTC)` }
  })
  const kept = p.value && !choices.some((c) => c.value === p.value) ? p.value : undefined
  const described = ['f-expiresAt-hint', p.error ? 'f-expiresAt-error' : ''].filter(Boolean).join(' ')
  return (
    <div class="field">
      <label for="f-expiresAt">Expires</label>
      <select
        id="f-expiresAt"
        name="expiresAt"
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described}
      >
        <option value="" selected={!p.value}>
          Never
        </option>
        {choices.map((c) => (
          <option value={c.value} selected={p.value === c.value}>
            {c.label}
          </option>
        ))}
        {kept ? (
          <option value={kept} selected>
            {kept}
          </option>
        ) : null}
      </select>
      <p class="hint" id="f-expiresAt-hint">
        The token stops working at the start of that day (UTC). The API takes any future time.
      </p>
      {p.error ? (
        <p class="error" id="f-expiresAt-error">
          {p.error}
        </p>
      ) : null}
    </div>
  )
}
