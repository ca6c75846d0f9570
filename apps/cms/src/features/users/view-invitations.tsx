/**
 * Admin → Invitations (`/admin/invitations`): roles granted by email that wait for the address's first
 * verified sign-in (or, with password sign-in, for the local user to be created), a form that invites an
 * address with a space role or the global admin role, and the confirmations of inviting a global admin and
 * of revoking an invitation. A refused form comes back with what was typed at `#form-errors`, a result at
 * `#result`.
 */
import type { FC } from 'hono/jsx'
import { When } from '../../views/components/badge'
import { ColumnHeads } from '../../views/components/column-heads'
import { DangerLink } from '../../views/components/danger'
import { ErrorSummary } from '../../views/components/error-summary'
import { CsrfField, Field, type FieldErrors } from '../../views/components/form'
import { ResultNotice } from '../../views/components/result-notice'
import { TableScroll } from '../../views/components/table-scroll'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceRow } from '../spaces/service'
import type { Invitation } from './invitations'
import { GLOBAL_ADMIN_CHOICE, GrantPicker, roleInWords } from './view-roles'

const PAGE = '/admin/invitations'

/** Props of {@link InvitationsPage}. */
export interface InvitationsProps {
  viewer: Viewer
  invitations: Invitation[]
  /** Who made each invitation, by user id (`userLabel`); an invitation without one came from the CLI. */
  invitedBy: ReadonlyMap<string, string>
  /** Every space, for the role picker and the names of space roles. */
  spaces: SpaceRow[]
  /** The result of the last change. */
  notice?: { tone: 'ok' | 'bad'; text: string }
  /** A refused invite, with what was typed. */
  form?: { email: string; grant: string; errors: FieldErrors }
}

const InviteForm: FC<{ csrf: string; spaces: SpaceRow[]; form: InvitationsProps['form'] }> = (p) => {
  return (
    <section class="card" aria-labelledby="invite">
      <h2 id="invite">Invite by email</h2>
      <ErrorSummary errors={p.form?.errors} />
      <form method="post" action={PAGE} novalidate>
        <CsrfField token={p.csrf} />
        <Field
          name="email"
          label="Email"
          type="email"
          value={p.form?.email}
          error={p.form?.errors.email}
          autocomplete="off"
          hint="Someone who already has an account gets the role at once; anyone else when they first sign in with this verified email."
        />
        <GrantPicker
          id="f-grant"
          label="Role"
          spaces={p.spaces}
          chosen={p.form?.grant}
          error={p.form?.errors.grant}
        />
        <button type="submit">Invite</button>
      </form>
    </section>
  )
}

/**
 * The page.
 * @example c.html(<InvitationsPage viewer={v} invitations={pending} invitedBy={labels} spaces={spaces} />)
 */
export const InvitationsPage: FC<InvitationsProps> = (p) => {
  const spaceName = new Map(p.spaces.map((s) => [s.id, s.name]))
  return (
    <Layout title="Invitations" viewer={p.viewer}>
      <p>
        <a href="/admin/users">← Users</a>
      </p>
      <h1>Invitations</h1>
      {p.notice ? <ResultNotice tone={p.notice.tone}>{p.notice.text}</ResultNotice> : null}
      <InviteForm csrf={p.viewer.csrf} spaces={p.spaces} form={p.form} />
      <h2 id="pending">Pending</h2>
      {p.invitations.length === 0 ? (
        <p class="empty">No pending invitations.</p>
      ) : (
        <TableScroll label="Pending invitations">
          <table>
            <ColumnHeads columns={['Email', 'Role', 'Invited', 'By']} hiddenLast="Actions" />
            <tbody>
              {p.invitations.map((i) => (
                <tr id={`invitation-${i.id}`}>
                  <td>{i.email}</td>
                  <td>{roleInWords(i, spaceName)}</td>
                  <td class="when">
                    <When at={i.createdAt} />
                  </td>
                  <td>
                    {i.invitedBy === null ? (
                      <span class="empty">the command line</span>
                    ) : (
                      (p.invitedBy.get(i.invitedBy) ?? i.invitedBy)
                    )}
                  </td>
                  <td>
                    <DangerLink href={`${PAGE}/${i.id}/revoke`} label={`Revoke the invitation of ${i.email}`}>
                      Revoke…
                    </DangerLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  )
}

/**
 * Confirms inviting an address as global admin (the typed email travels on in the confirmed form).
 * @example c.html(<InviteGlobalAdminPage viewer={v} email="ada@example.com" />)
 */
export const InviteGlobalAdminPage: FC<{ viewer: Viewer; email: string }> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title="Invite a global admin"
    heading={`Invite ${p.email} as a global admin?`}
    consequence={`Whoever has ${p.email} — the user who has it now, or the first to sign in with it verified — can then do everything: every space, every user and role, the encryption keys.`}
    action={PAGE}
    fields={{ email: p.email, grant: GLOBAL_ADMIN_CHOICE, confirmed: 'yes' }}
    confirmLabel="Invite global admin"
    cancelHref={PAGE}
  />
)

/**
 * Confirms revoking a pending invitation.
 * @example c.html(<RevokeInvitationPage viewer={v} invitation={i} role="editor of Storefront" />)
 */
export const RevokeInvitationPage: FC<{ viewer: Viewer; invitation: Invitation; role: string }> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title="Revoke invitation"
    heading={`Revoke the invitation of ${p.invitation.email}?`}
    consequence={`${p.invitation.email} no longer gets ${p.role} at their first sign-in. Nothing else changes; you can invite them again.`}
    action={`${PAGE}/${p.invitation.id}/revoke`}
    confirmLabel="Revoke invitation"
    cancelHref={PAGE}
  />
)
