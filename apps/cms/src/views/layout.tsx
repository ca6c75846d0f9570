/**
 * The page frame of the dashboard: document head (the Worker's own CSS and copy-button script, nothing
 * inline), a "Skip to content" link as the first thing a keyboard reaches, the top bar with the signed-in
 * user's navigation (only the links their roles open), their account menu (a `<details>`: the label,
 * truncated in the bar, in full inside, with Change password for local users) and a sign-out form, and
 * the main landmark. On a phone the bar is two short rows: brand, account and Sign out, then the
 * navigation as one row that scrolls sideways in place (`APP_CSS`, "frame").
 */
import { raw } from 'hono/html'
import type { Child, FC } from 'hono/jsx'
import { type Action, can } from '../domain/policy'
import type { UserRoles } from '../domain/roles'

/** Who is signed in, as the frame shows it. */
export interface Viewer {
  label: string
  /** What the viewer may open is read from these through the role matrix (`can`), never from a role name. */
  roles: UserRoles
  csrf: string
  /** A local user, who has a password to change here (an IdP user's lives at the IdP). */
  hasPassword: boolean
}

// Each link names the action its page needs: the matrix decides who sees it.
const MAIN_NAV: readonly { href: string; label: string; action: Action }[] = [
  { href: '/admin/users', label: 'Users', action: 'users.list' },
  { href: '/admin/keys', label: 'Encryption keys', action: 'keys.status' },
  { href: '/admin/audit', label: 'Audit log', action: 'audit.read' },
]

/** Props of {@link Layout}. */
export interface LayoutProps {
  title: string
  viewer?: Viewer | undefined
  children?: Child
}

/**
 * Wraps a page.
 * @example c.html(<Layout title="Spaces" viewer={viewer}>…</Layout>)
 */
export const Layout: FC<LayoutProps> = ({ title, viewer, children }) => (
  <>
    {/* A constant, not data: standards mode for every page. */}
    {raw('<!DOCTYPE html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Alokai CMS`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/">
            Alokai CMS
          </a>
          {viewer ? (
            <>
              <nav aria-label="Main">
                <a href="/spaces">Spaces</a>
                {MAIN_NAV.filter((l) => can(viewer.roles, l.action)).map((l) => (
                  <a href={l.href}>{l.label}</a>
                ))}
              </nav>
              <details class="account">
                <summary>
                  <span class="visually-hidden">Account: </span>
                  <span class="who">{viewer.label}</span>
                </summary>
                <div class="account-menu">
                  <p>
                    Signed in as <strong>{viewer.label}</strong>
                  </p>
                  {viewer.hasPassword ? <a href="/account/password">Change password</a> : null}
                </div>
              </details>
              <form method="post" action="/logout">
                <input type="hidden" name="csrf_token" value={viewer.csrf} />
                <button type="submit">Sign out</button>
              </form>
            </>
          ) : null}
        </header>
        {/* tabindex -1: the skip link moves keyboard focus here, not only the scroll position. */}
        <main id="main" tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
  </>
)
