/**
 * The spaces list: the spaces the viewer belongs to (all of them for a global admin), each linking to its
 * home (which leads to the first tab the viewer's roles open), and, for those allowed, a form to create a space. A first-time IdP user with no role sees why.
 */
import type { FC } from 'hono/jsx'
import { When } from '../../views/components/badge'
import { CsrfField, Field, type FieldErrors } from '../../views/components/form'
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
}

/**
 * The page.
 * @example c.html(<SpacesPage viewer={viewer} spaces={spaces} isMember canCreate />)
 */
export const SpacesPage: FC<SpacesProps> = (p) => (
  <Layout title="Spaces" viewer={p.viewer}>
    <h1>Spaces</h1>
    {!p.isMember ? (
      <p class="empty">
        You are signed in, but you have no role in any space yet. A global admin can grant you one under
        Users.
      </p>
    ) : p.spaces.length === 0 ? (
      <p class="empty">There are no spaces yet.{p.canCreate ? ' Create the first one below.' : ''}</p>
    ) : (
      <TableScroll label="Spaces">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Id</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {p.spaces.map((s) => (
              <tr>
                <td>
                  <a href={`/spaces/${s.id}`}>{s.name}</a>
                </td>
                <td>
                  <code>{s.id}</code>
                </td>
                <td>
                  <When at={s.created_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
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
