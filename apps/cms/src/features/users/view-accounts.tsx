/**
 * The account parts of Admin → Users: the create-a-local-user card (the generated password shown once,
 * right after creation, at `#new-user`; a failed create's error summary at `#form-errors`), the one-time
 * password box it shares with a password reset, and the confirmations of disabling, signing out
 * everywhere, resetting the password of, granting global admin to and deleting a user.
 */
import type { FC } from 'hono/jsx'
import { CopyValue } from '../../views/components/copy-button'
import { ErrorSummary } from '../../views/components/error-summary'
import { CsrfField, type FieldErrors } from '../../views/components/form'
import { ConfirmPage } from '../../views/confirm-page'
import type { Viewer } from '../../views/layout'
import { GLOBAL_ADMIN_CHOICE } from './view-roles'

/** Props of {@link OneTimePassword}. */
export interface OneTimePasswordProps {
  /** The user just created (or whose password was reset), with the generated password: shown this once. */
  created: { email: string; password: string; reset?: boolean }
}

/**
 * The generated password of a user just created or reset, with its copy button, at `#new-user`.
 * @example {extra.created ? <OneTimePassword created={extra.created} /> : null}
 */
export const OneTimePassword: FC<OneTimePasswordProps> = ({ created }) => (
  <div role="status" id="new-user" tabindex={-1}>
    {created.reset ? (
      <p>
        New password of <strong>{created.email}</strong> (their sessions have ended):
      </p>
    ) : (
      <p>
        Created <strong>{created.email}</strong>. Their password:
      </p>
    )}
    <CopyValue id="new-password" value={created.password} label="Copy password" />
    <p class="hint">
      Copy it now and give it to them over a channel you trust: it is shown only this once and nobody can read
      it again.{created.reset ? '' : ' They get no role until you grant one on their page.'}
    </p>
  </div>
)

/** What the create card shows: the form, its errors, or the one-time password of the user just created. */
export interface CreateUserProps {
  csrf: string
  /** The typed email after a failed create. */
  email?: string | undefined
  errors?: FieldErrors | undefined
  /** The user just created, with the generated password: shown this once. */
  created?: OneTimePasswordProps['created'] | undefined
}

/**
 * The create-a-local-user card (password sign-in only; IdP users appear on first sign-in).
 * @example <CreateUserCard csrf={viewer.csrf} created={extra.created} />
 */
export const CreateUserCard: FC<CreateUserProps> = (p) => (
  <section class="card" aria-labelledby="create-user">
    <h2 id="create-user">Create a user</h2>
    <ErrorSummary errors={p.errors} fieldIds={{ email: 'new-user-email' }} />
    {p.created ? <OneTimePassword created={p.created} /> : null}
    <form method="post" action="/admin/users" novalidate>
      <CsrfField token={p.csrf} />
      <div class="field">
        <label for="new-user-email">Email</label>
        <input
          id="new-user-email"
          name="email"
          type="email"
          autocomplete="off"
          value={p.email ?? ''}
          aria-describedby={p.errors?.email ? 'new-user-email-error' : undefined}
          aria-invalid={p.errors?.email ? 'true' : undefined}
        />
        {p.errors?.email ? (
          <p class="error" id="new-user-email-error">
            {p.errors.email}
          </p>
        ) : null}
      </div>
      <button type="submit">Create user</button>
    </form>
  </section>
)

/** Props of the account confirmations. */
export interface AccountConfirmProps {
  viewer: Viewer
  userId: string
  /** The user's email, or how the page names an IdP user. */
  userLabel: string
}

/**
 * Confirms disabling a user.
 * @example c.html(<DisableUserPage viewer={v} userId={id} userLabel="ada@example.com" />)
 */
export const DisableUserPage: FC<AccountConfirmProps> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title="Disable user"
    heading={`Disable ${p.userLabel}?`}
    consequence={`${p.userLabel} is signed out everywhere and cannot sign in until an admin enables them, and the management API tokens they created are revoked for good: enabling them again revives no session or token. Their roles stay as they are.`}
    action={`/admin/users/${p.userId}/status`}
    fields={{ status: 'disabled' }}
    confirmLabel="Disable user"
    cancelHref={`/admin/users/${p.userId}`}
  />
)

/**
 * Confirms signing a user out everywhere.
 * @example c.html(<SignOutEverywherePage viewer={v} userId={id} userLabel="ada@example.com" />)
 */
export const SignOutEverywherePage: FC<AccountConfirmProps> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title="Sign out everywhere"
    heading={`Sign ${p.userLabel} out everywhere?`}
    consequence={`Every session of ${p.userLabel}, on every device, ends on its next request. They can sign in again right away; disable the user to keep them out.`}
    action={`/admin/users/${p.userId}/sessions/revoke`}
    confirmLabel="Sign out everywhere"
    cancelHref={`/admin/users/${p.userId}`}
  />
)

/**
 * Confirms resetting a local user's password.
 * @example c.html(<ResetPasswordPage viewer={v} userId={id} userLabel="ada@example.com" />)
 */
export const ResetPasswordPage: FC<AccountConfirmProps> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title="Reset password"
    heading={`Reset the password of ${p.userLabel}?`}
    consequence={`${p.userLabel}'s password is replaced by a generated one, shown to you once, and every session of theirs ends. Give them the new password over a channel you trust.`}
    action={`/admin/users/${p.userId}/reset-password`}
    confirmLabel="Reset password"
    cancelHref={`/admin/users/${p.userId}`}
  />
)

/**
 * Confirms granting the global admin role (every space, every user, the keys).
 * @example c.html(<GrantGlobalAdminPage viewer={v} userId={id} userLabel="ada@example.com" />)
 */
export const GrantGlobalAdminPage: FC<AccountConfirmProps> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title="Grant global admin"
    heading={`Make ${p.userLabel} a global admin?`}
    consequence={`${p.userLabel} can then do everything: every space, every user and role, the encryption keys.`}
    action={`/admin/users/${p.userId}/roles`}
    fields={{ grant: GLOBAL_ADMIN_CHOICE, confirmed: 'yes' }}
    confirmLabel="Grant global admin"
    cancelHref={`/admin/users/${p.userId}`}
  />
)

/**
 * Confirms deleting a user for good.
 * @example c.html(<DeleteUserPage viewer={v} userId={id} userLabel="ada@example.com" />)
 */
export const DeleteUserPage: FC<AccountConfirmProps> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title="Delete user"
    heading={`Delete ${p.userLabel}?`}
    consequence={`${p.userLabel} is deleted for good: signed out everywhere, the management API tokens they created revoked, their roles gone. The audit log keeps naming them as ${p.userLabel}. This cannot be undone; to keep them out for now, disable them instead.`}
    action={`/admin/users/${p.userId}/delete`}
    confirmLabel="Delete user"
    cancelHref={`/admin/users/${p.userId}`}
  />
)
