/**
 * The Members tab of a space: its members by email with their role, the pending invitations, a form that
 * adds a member by email (an invitation until the account exists), and the confirmation page of a removal.
 * Space roles only: the global admin role is granted on Admin → Users.
 */
import type { FC } from 'hono/jsx'
import { userLabel } from '../../domain/user-label'
import { Badge } from '../../views/components/badge'
import { ColumnHeads } from '../../views/components/column-heads'
import { DangerLink } from '../../views/components/danger'
import { ErrorSummary } from '../../views/components/error-summary'
import { CsrfField, Field, type FieldErrors } from '../../views/components/form'
import { ResultNotice } from '../../views/components/result-notice'
import { SpaceTabs } from '../../views/components/space-tabs'
import { TableScroll } from '../../views/components/table-scroll'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import type { Invitation } from './invitations'
import type { SpaceMember } from './store-roles'

/**
 * How pages name a member: by the one rule (`domain/user-label.ts`).
 * @example <td>{memberLabel(m)}</td>
 */
export function memberLabel(m: SpaceMember): string {
  return userLabel({ id: m.userId, email: m.email, email_verified: m.emailVerified, name: m.name }, m.userId)
}

/** Props of {@link MembersPage}. */
export interface MembersProps {
  viewer: Viewer
  space: { id: string; name: string }
  members: SpaceMember[]
  invitations: Invitation[]
  /** The result of the last change. */
  notice?: string
  /** A refused add, with what was typed. */
  form?: { email: string; role: string; errors: FieldErrors }
}

const base = (spaceId: string) => `/spaces/${spaceId}/members`

/**
 * The page.
 * @example c.html(<MembersPage viewer={v} space={space} members={m} invitations={i} />)
 */
export const MembersPage: FC<MembersProps> = (p) => (
  <Layout title={`Members · ${p.space.name}`} viewer={p.viewer}>
    <SpaceTabs space={p.space} current="members" roles={p.viewer.roles} />
    <h1>Members</h1>
    {p.notice ? <ResultNotice tone="ok">{p.notice}</ResultNotice> : null}
    <TableScroll label="Members">
      <table>
        <caption>Who holds a role in this space</caption>
        <ColumnHeads columns={['Member', 'Role', 'Action']} />
        <tbody>
          {p.members.map((m) => (
            <tr>
              <td>
                {memberLabel(m)} {m.status === 'disabled' ? <Badge tone="bad">disabled</Badge> : null}
              </td>
              <td>{m.role}</td>
              <td>
                <DangerLink
                  href={`${base(p.space.id)}/${m.userId}/remove`}
                  label={`Remove ${memberLabel(m)}`}
                >
                  Remove…
                </DangerLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
    <h2>Invited</h2>
    {p.invitations.length === 0 ? (
      <p class="empty">No pending invitations.</p>
    ) : (
      <ul>
        {p.invitations.map((i) => (
          <li>
            {i.email} — {i.role} (waits for their first sign-in with this verified email)
          </li>
        ))}
      </ul>
    )}
    <section class="card" aria-labelledby="add-member">
      <h2 id="add-member">Add a member</h2>
      <ErrorSummary errors={p.form?.errors} />
      <form method="post" action={base(p.space.id)}>
        <CsrfField token={p.viewer.csrf} />
        <Field
          name="email"
          label="Email"
          type="email"
          value={p.form?.email}
          error={p.form?.errors.email}
          hint="Someone without an account yet is invited: their first sign-in takes the role."
          required
        />
        <div class="field">
          <label for="f-role">Role</label>
          <select id="f-role" name="role">
            <option value="editor" selected={p.form?.role !== 'admin'}>
              editor
            </option>
            <option value="admin" selected={p.form?.role === 'admin'}>
              admin (of this space)
            </option>
          </select>
        </div>
        <button type="submit">Add member</button>
      </form>
    </section>
  </Layout>
)

/**
 * The confirmation of removing a member's role in the space.
 * @example c.html(<RemoveMemberPage viewer={v} space={space} userId={id} label="ada@example.com" role="editor" />)
 */
export const RemoveMemberPage: FC<{
  viewer: Viewer
  space: { id: string; name: string }
  userId: string
  label: string
  role: string
}> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title="Remove member"
    heading={`Remove ${p.label} from ${p.space.name}?`}
    consequence={`${p.label} loses the ${p.role} role in ${p.space.name} on their next request. Their account and their roles elsewhere stay.`}
    action={`${base(p.space.id)}/${p.userId}/remove`}
    confirmLabel="Remove member"
    cancelHref={base(p.space.id)}
    context={<SpaceTabs space={p.space} current="members" roles={p.viewer.roles} />}
  />
)
