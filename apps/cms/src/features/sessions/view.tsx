/**
 * The sign-in page. Local mode: email and password with the error next to the form (one message for a
 * wrong email or password, the lockout message with its wait). Either mode shows a fixed notice the URL
 * names by id (`?notice=signed-out` after a sign-out). OIDC mode: a "Sign in with <issuer host>"
 * button starting the authorization-code + PKCE flow when a dashboard client id is configured; otherwise
 * a page that explains that the API takes IdP bearer tokens and the dashboard has no IdP client.
 */
import type { FC } from 'hono/jsx'
import { CsrfField, Field, type FieldErrors, Notice } from '../../views/components/form'
import { Layout } from '../../views/layout'

/** Props of {@link SignInPage}. */
export type SignInProps =
  | {
      mode: 'local'
      csrf: string
      next: string
      email?: string
      errors?: FieldErrors
      /** A form-level problem (bad credentials, lockout). */
      problem?: string
      /** Why the user is asked to sign in (e.g. to reveal a token). */
      reason?: string
      /** What just happened (signed out), from a fixed list. */
      notice?: string
    }
  | {
      mode: 'oidc'
      issuerHost: string
      next: string
      /** Ask the IdP to authenticate again (before a token reveal). */
      reauth?: boolean
      problem?: string
      reason?: string
      notice?: string
    }
  | { mode: 'oidc-api-only'; issuerHost: string }

/**
 * The page.
 * @example c.html(<SignInPage mode="local" csrf={csrf} next="/spaces" />)
 */
export const SignInPage: FC<SignInProps> = (p) => (
  <Layout title="Sign in">
    <div class="signin">
      <h1>Sign in</h1>
      {'notice' in p && p.notice ? <Notice tone="ok">{p.notice}</Notice> : null}
      {'reason' in p && p.reason ? <Notice tone="warn">{p.reason}</Notice> : null}
      {'problem' in p && p.problem ? <Notice tone="bad">{p.problem}</Notice> : null}
      {p.mode === 'local' ? (
        <form method="post" action={`/login?next=${encodeURIComponent(p.next)}`} novalidate>
          <CsrfField token={p.csrf} />
          <Field
            name="email"
            label="Email"
            type="email"
            value={p.email}
            error={p.errors?.email}
            autocomplete="username"
            required
          />
          <Field
            name="password"
            label="Password"
            type="password"
            error={p.errors?.password}
            autocomplete="current-password"
            required
          />
          <button class="primary" type="submit">
            Sign in
          </button>
        </form>
      ) : p.mode === 'oidc' ? (
        <>
          <p>This CMS uses your organisation's identity provider.</p>
          <p>
            <a
              class="button primary"
              href={`/login/oidc?next=${encodeURIComponent(p.next)}${p.reauth ? '&reauth=1' : ''}`}
            >
              Sign in with {p.issuerHost}
            </a>
          </p>
        </>
      ) : (
        <>
          <p>
            This CMS trusts tokens from <strong>{p.issuerHost}</strong>: call the API with an access token
            from that identity provider in the <code>Authorization: Bearer …</code> header.
          </p>
          <p>
            Dashboard sign-in is not configured. An operator enables it by setting the{' '}
            <code>OIDC_CLIENT_ID</code> var to a public client (authorization code with PKCE) registered at
            the identity provider, with the redirect URI <code>/login/oidc/callback</code> on this host.
          </p>
        </>
      )}
    </div>
  </Layout>
)
