/**
 * The page where a signed-in local user changes their own password (`/account/password`): the current
 * password and a new one. Its inputs never carry a value, so a failed attempt shows only what went wrong,
 * next to the field, and a success a notice that says the other sessions ended.
 */
import type { FC } from 'hono/jsx'
import { ErrorSummary } from '../../views/components/error-summary'
import { CsrfField, Field, type FieldErrors, Notice } from '../../views/components/form'
import { ResultNotice } from '../../views/components/result-notice'
import { Layout, type Viewer } from '../../views/layout'

/** Props of {@link ChangePasswordPage}. */
export interface ChangePasswordProps {
  viewer: Viewer
  /** Field errors of a refused attempt (never the typed passwords). */
  errors?: FieldErrors | undefined
  /** A form-level problem (the throttle's wait). */
  problem?: string | undefined
  /** Set after a change: the notice is shown once. */
  changed?: boolean | undefined
}

/**
 * The page.
 * @example c.html(<ChangePasswordPage viewer={viewer} changed />)
 */
export const ChangePasswordPage: FC<ChangePasswordProps> = (p) => (
  <Layout title="Change your password" viewer={p.viewer}>
    <h1>Change your password</h1>
    {p.changed ? (
      <ResultNotice tone="ok">
        Password changed. Your other sessions were signed out; this one stays signed in.
      </ResultNotice>
    ) : null}
    {p.problem ? <Notice tone="bad">{p.problem}</Notice> : null}
    <ErrorSummary errors={p.errors} />
    <form method="post" action="/account/password" novalidate>
      <CsrfField token={p.viewer.csrf} />
      <Field
        name="currentPassword"
        label="Current password"
        type="password"
        error={p.errors?.currentPassword}
        autocomplete="current-password"
        required
      />
      <Field
        name="newPassword"
        label="New password"
        type="password"
        error={p.errors?.newPassword}
        hint="At least 12 characters. Every other session of yours is signed out when it changes."
        autocomplete="new-password"
        required
      />
      <button class="primary" type="submit">
        Change password
      </button>
    </form>
  </Layout>
)
