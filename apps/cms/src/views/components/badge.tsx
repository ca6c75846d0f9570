/**
 * Status badges and timestamps.
 */
import type { FC } from 'hono/jsx'

/**
 * A coloured badge with a text label (colour is never the only signal).
 * @example <Badge tone="ok">verified</Badge>
 */
export const Badge: FC<{ tone: 'ok' | 'warn' | 'bad' | 'muted'; children?: string }> = ({
  tone,
  children,
}) => <span class={`badge ${tone}`}>{children}</span>

/**
 * A time as a `<time>` element in UTC, or a dash.
 * @example <When at={row.createdAt} />
 */
export const When: FC<{ at: number | null | undefined }> = ({ at }) =>
  at === null || at === undefined ? (
    <span class="empty">never</span>
  ) : (
    <time datetime={new Date(at).toISOString()}>
      {new Date(at).toISOString().replace('T', ' ').slice(0, 19)} UTC
    </time>
  )
