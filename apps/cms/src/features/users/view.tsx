/**
 * Admin → Users: every user as one compact table row (email and name, how they sign in and whether they
 * are active, roles), 20 a page, searched by email (`?q=`); each row leads to the user's own page
 * (`view-user.tsx`), where their roles are granted and revoked and their account is managed. First-time
 * IdP users appear here without a role until granted one. A result that leaves no user page to land on
 * (a deletion) shows at `#result`.
 */
import type { FC } from 'hono/jsx'
import type { UserRoles } from '../../domain/roles'
import { userLabel } from '../../domain/user-label'
import { Badge } from '../../views/components/badge'
import { ColumnHeads } from '../../views/components/column-heads'
import { Pager, SearchForm } from '../../views/components/list-controls'
import { ResultNotice } from '../../views/components/result-notice'
import { TableScroll } from '../../views/components/table-scroll'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceRow } from '../spaces/service'
import type { ListedUser } from './store-list'
import { CreateUserCard, type CreateUserProps } from './view-accounts'
import { roleInWords } from './view-roles'

/** Props of {@link AdminUsersPage}. */
export interface AdminUsersProps {
  viewer: Viewer
  users: (ListedUser & { roles: UserRoles })[]
  spaces: SpaceRow[]
  /** The search text and the page (from 1). */
  query: { q: string; page: number }
  /** How many users match the search, and how many pages they fill. */
  total: number
  pages: number
  /** A result with no user page to show it on (a deleted user). */
  notice?: { tone: 'ok' | 'bad'; text: string }
  /** Local users can be created here (password sign-in); IdP users appear on first sign-in. */
  canCreateLocal: boolean
  /** The create card's one-time state: errors and the typed email, or the user just created. */
  create?: Omit<CreateUserProps, 'csrf'>
}

/** A user's roles in words, global first: `global admin`, `editor of Storefront`. */
function roleNames(roles: UserRoles, spaceName: ReadonlyMap<string, string>): string[] {
  return [
    ...roles.global.map((role) => roleInWords({ spaceId: null, role }, spaceName)),
    ...roles.spaces.map((r) => roleInWords(r, spaceName)),
  ]
}

/**
 * How a user signs in, as a badge: a local password, or the identity provider.
 * @example <KindBadge kind={user.kind} />
 */
export const KindBadge: FC<{ kind: ListedUser['kind'] }> = ({ kind }) => (
  <Badge tone="muted">{kind === 'idp' ? 'IdP' : 'local'}</Badge>
)

const UserRow: FC<{ user: ListedUser & { roles: UserRoles }; spaceName: ReadonlyMap<string, string> }> = ({
  user,
  spaceName,
}) => {
  const roles = roleNames(user.roles, spaceName)
  return (
    <tr id={`user-${user.id}`}>
      <td>
        {user.email ?? <code>{user.id}</code>}
        {user.email && !user.email_verified ? (
          <>
            {' '}
            <Badge tone="warn">unverified</Badge>
          </>
        ) : null}
        {user.name ? <span class="hint user-name">{user.name}</span> : null}
      </td>
      <td>
        <KindBadge kind={user.kind} />{' '}
        {user.status === 'disabled' ? <Badge tone="bad">disabled</Badge> : <Badge tone="ok">active</Badge>}
      </td>
      <td>{roles.length === 0 ? <span class="empty">none</span> : roles.join(', ')}</td>
      <td>
        <a href={`/admin/users/${user.id}`} aria-label={`Manage ${userLabel(user, user.id)}`}>
          Manage
        </a>
      </td>
    </tr>
  )
}

/**
 * The page.
 * @example c.html(<AdminUsersPage viewer={viewer} users={users} spaces={spaces} query={{ q: '', page: 1 }} total={1} pages={1} canCreateLocal />)
 */
export const AdminUsersPage: FC<AdminUsersProps> = (p) => {
  const spaceName = new Map(p.spaces.map((s) => [s.id, s.name]))
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
      {p.notice ? <ResultNotice tone={p.notice.tone}>{p.notice.text}</ResultNotice> : null}
      <p>
        <a href="/admin/invitations">Invitations</a>{' '}
        <span class="hint">— roles granted by email, waiting for the address’s first sign-in</span>
      </p>
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
      ) : (
        <TableScroll label="Users">
          <table class="users">
            <ColumnHeads columns={['User', 'Account', 'Roles']} hiddenLast="Actions" />
            <tbody>
              {p.users.map((u) => (
                <UserRow user={u} spaceName={spaceName} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
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
      cancelHref={`/admin/users/${p.userId}`}
    />
  )
}
