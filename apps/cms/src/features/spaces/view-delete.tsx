/**
 * Deleting a space (`/spaces/<id>/delete`, global admins): the one confirmation page every destructive
 * action uses, with the space's name to type back, as `DELETE /api/spaces/:spaceId` asks for it. A wrong
 * name comes back next to the field, the typed text kept (a name is no secret).
 */
import type { FC } from 'hono/jsx'
import { ErrorSummary } from '../../views/components/error-summary'
import { Field, type FieldErrors } from '../../views/components/form'
import { SpaceTabs } from '../../views/components/space-tabs'
import { ConfirmPage } from '../../views/confirm-page'
import type { Viewer } from '../../views/layout'
import type { SpaceRow } from './store'

/** Props of {@link DeleteSpacePage}. */
export interface DeleteSpaceProps {
  viewer: Viewer
  space: SpaceRow
  /** What was typed, after a refused attempt. */
  name?: string | undefined
  errors?: FieldErrors | undefined
}

/**
 * The page.
 * @example c.html(<DeleteSpacePage viewer={viewer} space={space} />)
 */
export const DeleteSpacePage: FC<DeleteSpaceProps> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title={`Delete ${p.space.name}`}
    context={<SpaceTabs space={p.space} current="overview" roles={p.viewer.roles} />}
    heading={`Delete “${p.space.name}”?`}
    consequence={
      <>
        Everything in it goes with it: its entries, its API tokens (every request that uses one fails from the
        moment you confirm), its MCP integrations and preview URLs, and their stored secrets. Its audit
        entries stay. This cannot be undone.
      </>
    }
    action={`/spaces/${p.space.id}/delete`}
    confirmLabel="Delete space"
    cancelHref={`/spaces/${p.space.id}`}
  >
    <ErrorSummary errors={p.errors} />
    <Field
      name="name"
      label={`Type the space’s name, ${p.space.name}, to confirm`}
      value={p.name}
      error={p.errors?.name}
      autocomplete="off"
      required
    />
  </ConfirmPage>
)
