/**
 * One user's page in Admin → Users (`/admin/users/:userId`), where a row of the Users table leads: who they
 * are and how they sign in, their roles with a revoke link each and the grant form, and their account
 * actions — enable or disable, sign out everywhere, reset a local password, delete. Every change to the
 * user lands back here at its notice (`#result`), a refused grant at its error summary (`#form-errors`), a
 * reset password at `#new-user`, shown this once.
 */
import type { FC } from 'hono/jsx'
import type { UserRoles } from '../../domain/roles'
import { userLabel } from '../../domain/user-label'
import { Badge, When } from '../../views/components/badge'
import { DangerLink } from '../../views/components/danger'
import { ErrorSummary } from '../../views/components/error-summary'
import { CsrfField, type FieldErrors } from '../../views/components/form'
import { ResultNotice } from '../../views/components/result-notice'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceRow } from '../spaces/service'
import type { ListedUser } from './store-list'
import { KindBadge } from './view'
import { OneTimePassword, type OneTimePasswordProps } from './view-accounts'
import { GrantPicker, roleInWords } from './view-roles'

/** Props of {@link UserPage}. */
export interface UserPageProps {
  viewer: Viewer
  user: ListedUser
  roles: UserRoles
  /** Every space, for the names of space roles and the grant picker. */
  spaces: SpaceRow[]
  /** The viewer's own page: no Disable and no Delete. */
  own: boolean
  /** The user has a password the dashboard can reset (a local user, password sign-in configured). */
  resettable: boolean
  /** The result of the last change. */
  notice?: { tone: 'ok' | 'bad'; text: string }
  /** A refused grant. */
  grantErrors?: FieldErrors
  /** The password just reset, shown this once. */
  created?: OneTimePasswordProps['created']
}

const GRANT_ID = 'grant-role'

/** Enable (one click: it gives access back, nothing is lost), or the confirmed destructive actions. */
const AccountActions: FC<{ user: ListedUser; label: string; own: boolean; csrf: string; local: boolean }> = (
  p,
) => {
  const base = `/admin/users/${p.user.id}`
  return (
    <p class="actions">
      {p.user.status === 'disabled' ? (
        <form method="post" action={`${base}/status`} class="inline">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="status" value="active" />
          <button type="submit" aria-label={`Enable ${p.label}`}>
            Enable
          </button>
        </form>
      ) : p.own ? null : (
        <DangerLink href={`${base}/disable`} label={`Disable ${p.label}`}>
          Disable…
        </DangerLink>
      )}{' '}
      <DangerLink href={`${base}/sign-out`} label={`Sign out everywhere: ${p.label}`}>
        Sign out everywhere…
      </DangerLink>
      {p.local ? (
        <>
          {' '}
          <DangerLink href={`${base}/reset-password`} label={`Reset password: ${p.label}`}>
            Reset password…
          </DangerLink>
        </>
      ) : null}
      {p.own ? null : (
        <>
          {' '}
          <DangerLink href={`${base}/delete`} label={`Delete user ${p.label}`}>
            Delete user…
          </DangerLink>
        </>
      )}
    </p>
  )
}

const Roles: FC<{ user: ListedUser; label: string; roles: UserRoles; spaceName: Map<string, string> }> = (
  p,
) => {
  const revoke = (fields: Record<string, string>, text: string) => (
    <DangerLink
      href={`/admin/users/${p.user.id}/roles/revoke?${new URLSearchParams(fields)}`}
      label={`Revoke ${text} from ${p.label}`}
    >
      Revoke…
    </DangerLink>
  )
  if (p.roles.global.length === 0 && p.roles.spaces.length === 0) {
    return <p class="empty">No roles: this user can sign in but see nothing.</p>
  }
  return (
    <ul class="roles">
      {p.roles.global.map((r) => (
        <li>
          {roleInWords({ spaceId: null, role: r }, p.spaceName)}{' '}
          {revoke({ scope: 'global', role: r }, `global ${r}`)}
        </li>
      ))}
      {p.roles.spaces.map((r) => (
        <li>
          {roleInWords(r, p.spaceName)}{' '}
          {revoke({ scope: 'space', role: r.role, spaceId: r.spaceId }, `${r.role} role`)}
        </li>
      ))}
    </ul>
  )
}

/**
 * The page.
 * @example c.html(<UserPage viewer={v} user={user} roles={roles} spaces={spaces} own={false} resettable />)
 */
export const UserPage: FC<UserPageProps> = (p) => {
  const { user } = p
  const label = userLabel(user, user.id)
  const spaceName = new Map(p.spaces.map((s) => [s.id, s.name]))
  return (
    <Layout title={`User · ${label}`} viewer={p.viewer}>
      <p>
        <a href="/admin/users">← All users</a>
      </p>
      <h1>
        {label} {user.status === 'disabled' ? <Badge tone="bad">disabled</Badge> : null}
      </h1>
      {p.notice ? <ResultNotice tone={p.notice.tone}>{p.notice.text}</ResultNotice> : null}
      {p.created ? <OneTimePassword created={p.created} /> : null}
      <dl class="facts">
        <dt>Name</dt>
        <dd>{user.name ?? <span class="empty">none given</span>}</dd>
        <dt>Email</dt>
        <dd>
          {user.email ?? <span class="empty">none given</span>}
          {user.email && !user.email_verified ? ' (the IdP did not say it verified this address)' : null}
        </dd>
        <dt>Signs in with</dt>
        <dd>
          <KindBadge kind={user.kind} /> {user.kind === 'idp' ? 'the identity provider' : 'a password'}
        </dd>
        <dt>User id</dt>
        <dd>
          <code>{user.id}</code>
        </dd>
        <dt>Since</dt>
        <dd>
          <When at={user.created_at} />
        </dd>
      </dl>
      <h2>Roles</h2>
      <Roles user={user} label={label} roles={p.roles} spaceName={spaceName} />
      <ErrorSummary errors={p.grantErrors} fieldIds={{ grant: GRANT_ID }} />
      <form method="post" action={`/admin/users/${user.id}/roles`} novalidate>
        <CsrfField token={p.viewer.csrf} />
        <GrantPicker id={GRANT_ID} label="Grant role" spaces={p.spaces} error={p.grantErrors?.grant} />
        <button type="submit">Grant</button>
      </form>
      <h2>Account</h2>
      <AccountActions user={user} label={label} own={p.own} csrf={p.viewer.csrf} local={p.resettable} />
    </Layout>
  )
}
