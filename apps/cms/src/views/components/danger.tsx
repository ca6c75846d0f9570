/**
 * The look of every destructive control (revoking a token or a role, deleting an MCP integration or a
 * preview URL, resealing), in one place: a link that leads to the action's confirmation page, and the
 * button that confirms it. Both carry the `danger` class, so the stylesheet gives them one colour and a
 * test can find any destructive control that was built without them.
 */
import type { Child, FC } from 'hono/jsx'

/**
 * A link styled as a danger button, leading to a confirmation page (never acting itself: it is a GET).
 * @example <DangerLink href={`${base}/${t.id}/revoke`} label={`Revoke token ${t.name}`}>Revoke…</DangerLink>
 */
export const DangerLink: FC<{
  href: string
  /** The accessible name when the visible text alone does not name the thing (`Revoke…`). */
  label?: string
  children?: Child
}> = ({ href, label, children }) => (
  <a class="button danger" href={href} aria-label={label}>
    {children}
  </a>
)

/**
 * A submit button that carries out a destructive action its form POSTs.
 * @example <DangerButton>Revoke token</DangerButton>
 */
export const DangerButton: FC<{ children?: Child }> = ({ children }) => (
  <button class="danger" type="submit">
    {children}
  </button>
)
