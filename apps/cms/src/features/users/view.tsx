/**
 * Admin → Users: users with their roles, 20 a page, searched by email (`?q=`); a global admin grants a role
 * (global admin, or admin/editor in a space) and revokes any role. First-time IdP users appear here without
 * a role until granted one. Each user's card is `#card-<id>` and focusable: a change to a user lands there,
 * with its notice inside the card.
 */
import type { FC } from 'hono/jsx'
import type { UserRoles } from '../../domain/roles'
import { userLabel } from '../../domain/user-label'
import { Badge, When } from '../../views/components/badge'
import { DangerLink } from '../../views/components/danger'
import { CsrfField, Notice } from '../../views/components/form'
import { Pager, SearchForm } from '../../views/components/list-controls'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceRow } from '../spaces/service'
import type { UserSummary } from './store'
import { CreateUserCard, type CreateUserProps } from './view-accounts'

/** Props of {@link AdminUsersPage}. */
export interface AdminUsersProps {
  viewer: Viewer
  users: (UserSummary & { roles: UserRoles })[]
  spaces: SpaceRow[]
  /** The search text and the page (from 1). */
  query: { q: string; page: number }
  /** How many users match the search, and how many pages they fill. */
  total: number
  pages: number
  /** A result; shown inside the card of `userId` when it names one. */
  notice?: { tone: 'ok' | 'bad'; text: string; userId?: string }
  /** The viewer's own user id: their own row offers no Disable. */
  ownUserId: string
  /** Local users can be created here (password sign-in); IdP users appear on first sign-in. */
  canCreateLocal: boolean
  /** The create card's one-time state: errors and the typed email, or the user just created. */
  create?: Omit<CreateUserProps, 'csrf'>
  /** Errors of one user's grant form. */
  grantErrors?: { userId: string; errors: Record<string, string | undefined> }
}

/** Enable (one click: it gives access back, nothing is lost), or disable and sign out (confirmed first). */
const AccountActions: FC<{ user: UserSummary; label: string; own: boolean; csrf: string; local: boolean }> = (
  p,
) => (
  <p class="actions">
    {p.user.status === 'disabled' ? (
      <form method="post" action={`/admin/users/${p.user.id}/status`} class="inline">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="status" value="active" />
        <button type="submit" aria-label={`Enable ${p.label}`}>
          Enable
        </button>
      </form>
    ) : p.own ? null : (
      <DangerLink href={`/admin/users/${p.user.id}/disable`} label={`Disable ${p.label}`}>
        Disable…
      </DangerLink>
    )}{' '}
    <DangerLink href={`/admin/users/${p.user.id}/sign-out`} label={`Sign out everywhere: ${p.label}`}>
      Sign out everywhere…
    </DangerLink>
    {p.local ? (
      <>
        {' '}
        <DangerLink href={`/admin/users/${p.user.id}/reset-password`} label={`Reset password: ${p.label}`}>
          Reset password…
        </DangerLink>
      </>
    ) : null}
  </p>
)

/**
 * The page.
 * @example c.html(<AdminUsersPage viewer={viewer} users={users} spaces={spaces} query={{ q: '', page: 1 }} total={1} pages={1} ownUserId={id} canCreateLocal />)
 */
export const AdminUsersPage: FC<AdminUsersProps> = (p) => {
  const spaceName = new Map(p.spaces.map((s) => [s.id, s.name]))
  const cardNotice = p.notice?.userId !== undefined && p.users.some((u) => u.id === p.notice?.userId)
  const q = p.query.q
  const href = (n: number) => {
    const params = new URLSearchParams(q === '' ? {} : { q })
    if (n > 1) params.set('page', String(n))
    const search = params.toString()
    return `/admin/users${search ? `?${search}` : ''}#users`
  }
  return (
    <Layout title="Users" viewer={p.viewer}>
      <h1>Users</h1>
      {p.notice && !cardNotice ? <Notice tone={p.notice.tone}>{p.notice.text}</Notice> : null}
      {p.canCreateLocal ? <CreateUserCard csrf={p.viewer.csrf} {...p.create} /> : null}
      <h2 id="users">All users</h2>
      <SearchForm action="/admin/users" label="Search users" q={q} />
      <p class="hint">
        {p.total === 1 ? '1 user' : `${p.total} users`}
        {q !== '' ? ` matching “${q}”` : ''}
        {p.pages > 1 ? ` · page ${p.query.page} of ${p.pages}` : ''}
      </p>
      {p.users.length === 0 ? (
        <p class="empty">{q !== '' ? 'No user matches this search.' : 'No users here.'}</p>
      ) : null}
      {p.users.map((u) => {
        const errors = p.grantErrors?.userId === u.id ? p.grantErrors.errors : {}
        const label = userLabel(u, u.id)
        const revoke = (fields: Record<string, string>, text: string) => (
          <DangerLink
            href={`/admin/users/${u.id}/roles/revoke?${new URLSearchParams(fields)}`}
            label={`Revoke ${text} from ${label}`}
          >
            Revoke…
          </DangerLink>
        )
        return (
          <section class="card" id={`card-${u.id}`} tabindex={-1} aria-labelledby={`user-${u.id}`}>
            <h3 id={`user-${u.id}`}>
              {label} {u.status === 'disabled' ? <Badge tone="bad">disabled</Badge> : null}
            </h3>
            {cardNotice && p.notice?.userId === u.id ? (
              <Notice tone={p.notice.tone}>{p.notice.text}</Notice>
            ) : null}
            <p class="hint">
              <code>{u.id}</code> · since <When at={u.created_at} />
            </p>
            <AccountActions
              user={u}
              label={label}
              own={u.id === p.ownUserId}
              csrf={p.viewer.csrf}
              local={p.canCreateLocal}
            />
            {u.roles.global.length === 0 && u.roles.spaces.length === 0 ? (
              <p class="empty">No roles: this user can sign in but see nothing.</p>
            ) : (
              <ul>
                {u.roles.global.map((r) => (
                  <li>
                    global {r} {revoke({ scope: 'global', role: r }, `global ${r}`)}
                  </li>
                ))}
                {u.roles.spaces.map((r) => (
                  <li>
                    {r.role} of {spaceName.get(r.spaceId) ?? r.spaceId}{' '}
                    {revoke({ scope: 'space', role: r.role, spaceId: r.spaceId }, `${r.role} role`)}
                  </li>
                ))}
              </ul>
            )}
            <form method="post" action={`/admin/users/${u.id}/roles`} novalidate>
              <CsrfField token={p.viewer.csrf} />
              <div class="field">
                <label for={`role-${u.id}`}>Grant role</label>
                <select id={`role-${u.id}`} name="grant">
                  {p.spaces.flatMap((s) => [
                    <option value={`space:editor:${s.id}`}>editor of {s.name}</option>,
                    <option value={`space:admin:${s.id}`}>admin of {s.name}</option>,
                  ])}
                  <option value="global:admin">global admin (everything, key rotation)</option>
                </select>
                {errors.grant ? <p class="error">{errors.grant}</p> : null}
              </div>
              <button type="submit">Grant</button>
            </form>
          </section>
        )
      })}
      <Pager label="Pages of users" page={p.query.page} pages={p.pages} href={href} />
    </Layout>
  )
}

/** Props of {@link RevokeRolePage}. */
export interface RevokeRolePageProps {
  viewer: Viewer
  /** The user's email, or how the page names an IdP user. */
  userLabel: string
  userId: string
  /** The role as the form sends it. */
  role: { scope: 'global'; role: 'admin' } | { scope: 'space'; role: 'admin' | 'editor'; spaceId: string }
  /** The space's name for a space role. */
  spaceName?: string | undefined
  /** The viewer is revoking their own role. */
  own: boolean
}

/**
 * The role revoke confirmation; revoking your own global admin role gets the strongest warning.
 * @example c.html(<RevokeRolePage viewer={v} userLabel="a@example.com" userId={id} role={role} own={false} />)
 */
export const RevokeRolePage: FC<RevokeRolePageProps> = (p) => {
  const what =
    p.role.scope === 'global' ? 'global admin' : `${p.role.role} of ${p.spaceName ?? p.role.spaceId}`
  const fields: Record<string, string> =
    p.role.scope === 'global'
      ? { scope: 'global', role: 'admin' }
      : { scope: 'space', role: p.role.role, spaceId: p.role.spaceId }
  const consequence =
    p.role.scope === 'global'
      ? `${p.userLabel} loses every global admin right at once: users and roles, encryption keys, the global audit log, and every space they are not a member of.`
      : `${p.userLabel} loses what the ${p.role.role} role gives in ${p.spaceName ?? p.role.spaceId} from their next request.`
  return (
    <ConfirmPage
      viewer={p.viewer}
      title="Revoke role"
      heading={`Revoke ${what} from ${p.userLabel}?`}
      consequence={consequence}
      warning={
        p.own && p.role.scope === 'global'
          ? 'This is your own global admin role. You lose access to this page the moment you confirm, and only another global admin can give it back. If you are the last global admin, nobody can.'
          : p.own
            ? 'This is your own role.'
            : undefined
      }
      action={`/admin/users/${p.userId}/roles/revoke`}
      fields={fields}
      confirmLabel="Revoke role"
      cancelHref="/admin/users"
    />
  )
}
