/**
 * The spaces list: the spaces the viewer belongs to (all of them for a global admin), each linking to its
 * overview (`view-overview.tsx`) with the viewer's role in it, and, for those allowed, a form to create a
 * space; those who may not are told who creates spaces. A first-time IdP user with no role sees why.
 */
import type { FC } from 'hono/jsx'
import { can } from '../../domain/policy'
import { When } from '../../views/components/badge'
import { ColumnHeads } from '../../views/components/column-heads'
import { CsrfField, Field, type FieldErrors, Notice } from '../../views/components/form'
import { TableScroll } from '../../views/components/table-scroll'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceRow } from './store'

/** Props of {@link SpacesPage}. */
export interface SpacesProps {
  viewer: Viewer
  spaces: SpaceRow[]
  /** False for a user without any role: the list is replaced by an explanation. */
  isMember: boolean
  canCreate: boolean
  name?: string
  errors?: FieldErrors
  /** The result of a rename, shown once. */
  notice?: string
}

// The viewer's role in a space, as the column shows it (a label, not a permission: `can` decides those).
function roleIn(viewer: Viewer, spaceId: string): string {
  if (viewer.roles.global.includes('admin')) return 'global admin'
  return viewer.roles.spaces.find((r) => r.spaceId === spaceId)?.role ?? '—'
}

/**
 * The page.
 * @example c.html(<SpacesPage viewer={viewer} spaces={spaces} isMember canCreate />)
 */
export const SpacesPage: FC<SpacesProps> = (p) => {
  const renamable = p.spaces.some((s) => can(p.viewer.roles, 'spaces.rename', s.id))
  return (
    <Layout title="Spaces" viewer={p.viewer}>
      <h1>Spaces</h1>
      {p.notice ? <Notice tone="ok">{p.notice}</Notice> : null}
      {!p.isMember ? (
        <p class="empty">
          You are signed in, but you have no role in any space yet. A global admin can grant you one under
          Users.
        </p>
      ) : p.spaces.length === 0 ? (
        <p class="empty">There are no spaces yet.{p.canCreate ? ' Create the first one below.' : ''}</p>
      ) : (
        <>
          {p.canCreate ? null : (
            <p class="hint">
              These are the spaces where you have a role. Only a global admin creates spaces: ask one when you
              need a new one.
            </p>
          )}
          <TableScroll label="Spaces">
            <table>
              <ColumnHeads
                columns={['Name', 'Id', 'Your role', 'Created']}
                hiddenLast={renamable && 'Actions'}
              />
              <tbody>
                {p.spaces.map((s) => (
                  <tr>
                    <td>
                      <a href={`/spaces/${s.id}`}>{s.name}</a>
                    </td>
                    <td>
                      <code>{s.id}</code>
                    </td>
                    <td>{roleIn(p.viewer, s.id)}</td>
                    <td>
                      <When at={s.created_at} />
                    </td>
                    {renamable ? (
                      <td>
                        {can(p.viewer.roles, 'spaces.rename', s.id) ? (
                          <a href={`/spaces/${s.id}/rename`} aria-label={`Rename ${s.name}`}>
                            Rename
                          </a>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      {p.canCreate ? (
        <section class="card" aria-labelledby="create-space">
          <h2 id="create-space">Create a space</h2>
          <form method="post" action="/spaces" novalidate>
            <CsrfField token={p.viewer.csrf} />
            <Field name="name" label="Name" value={p.name} error={p.errors?.name} required />
            <button class="primary" type="submit">
              Create space
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  )
}

/** Props of {@link RenameSpacePage}. */
export interface RenameSpaceProps {
  viewer: Viewer
  space: SpaceRow
  /** The typed name after a failed rename. */
  name?: string | undefined
  errors?: FieldErrors | undefined
}

/**
 * Renaming a space (its id, which binds its secrets and tokens, never changes).
 * @example c.html(<RenameSpacePage viewer={viewer} space={space} />)
 */
export const RenameSpacePage: FC<RenameSpaceProps> = (p) => (
  <Layout title={`Rename ${p.space.name}`} viewer={p.viewer}>
    <h1>Rename “{p.space.name}”</h1>
    <p class="hint">
      Only the name changes: the id <code>{p.space.id}</code>, its tokens, integrations and preview URLs stay
      as they are.
    </p>
    <form method="post" action={`/spaces/${p.space.id}/rename`} novalidate>
      <CsrfField token={p.viewer.csrf} />
      <Field name="name" label="New name" value={p.name ?? p.space.name} error={p.errors?.name} required />
      <button class="primary" type="submit">
        Rename space
      </button>{' '}
      <a href="/spaces">Cancel</a>
    </form>
  </Layout>
)
