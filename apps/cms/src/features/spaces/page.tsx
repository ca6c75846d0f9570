/**
 * `/spaces`: the spaces list and the create-space form, through the same data access and policy as
 * `/api/spaces`. A user without any role gets the page with an explanation instead of a 403. A create
 * answers 303: to the new space's overview with a "Space created" notice, or back to the list with the
 * field errors, each in a single-use flash. A space's own address is its overview (`view-overview.tsx`:
 * what it holds, its tabs by role); `/settings` leads there. A delete is confirmed with the space's name
 * typed back (`view-delete.tsx`), through the same service as `DELETE /api/spaces/:spaceId`, and lands on
 * the list with a "Space deleted" notice.
 */
import type { Context, Hono } from 'hono'
import type { UserCaller } from '../../domain/caller'
import { can } from '../../domain/policy'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { FORM_ERRORS_ID } from '../../views/components/error-summary'
import type { FieldErrors } from '../../views/components/form'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { dashboardGroup, readForm, routeSpace, viewerOf } from '../dashboard/page-kit'
import { deleteSpaceBody, spaceBody } from './api'
import { spaceHoldings } from './holdings'
import { createAuditedSpace, deleteAuditedSpace, listSpaces, renameAuditedSpace } from './service'
import { RenameSpacePage, SpacesPage } from './view'
import { DeleteSpacePage } from './view-delete'
import { SpaceOverviewPage } from './view-overview'

type Extra = { name?: string; errors?: FieldErrors; notice?: string }

async function render(c: Context<CmsHono>, caller: UserCaller): Promise<Response> {
  const form = await takeFlash<Extra>(c, caller)
  const isMember = can(caller.roles, 'spaces.list')
  const spaces = isMember
    ? await listSpaces(c.var.scope, { userId: caller.userId, all: can(caller.roles, 'spaces.create') })
    : []
  return c.html(
    <SpacesPage
      viewer={await viewerOf(c, caller)}
      spaces={spaces}
      isMember={isMember}
      canCreate={can(caller.roles, 'spaces.create')}
      {...form}
    />,
  )
}

/** The spaces pages, mounted at `/spaces`. */
export const spacesPages: Hono<CmsHono> = dashboardGroup()

spacesPages.get('/', async (c) => render(c, await requireCaller(c)))

spacesPages.post('/', authorize('spaces.create'), async (c) => {
  const caller = await requireCaller(c)
  const form = await readForm(c, spaceBody)
  if (!form.ok) return redirectWithFlash<Extra>(c, '/spaces', { errors: form.errors })
  const space = await createAuditedSpace(c.var.scope, caller, form.data.name)
  return redirectWithFlash<Extra>(c, `/spaces/${space.id}`, { notice: `Space created: “${space.name}”.` })
})

spacesPages.get('/:spaceId', authorize('spaces.read'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const { notice } = await takeFlash<Extra>(c, caller)
  const holdings = await spaceHoldings(c.var.scope, caller.roles, space.id)
  return c.html(
    <SpaceOverviewPage
      viewer={await viewerOf(c, caller)}
      space={space}
      holdings={holdings}
      notice={notice}
    />,
  )
})

spacesPages.get('/:spaceId/settings', authorize('spaces.read'), async (c) => {
  const space = await routeSpace(c)
  return c.redirect(`/spaces/${space.id}`, 303)
})

spacesPages.get('/:spaceId/rename', authorize('spaces.rename'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const form = await takeFlash<Extra>(c, caller)
  return c.html(<RenameSpacePage viewer={await viewerOf(c, caller)} space={space} {...form} />)
})

spacesPages.post('/:spaceId/rename', authorize('spaces.rename'), async (c) => {
  const space = await routeSpace(c)
  const form = await readForm(c, spaceBody)
  if (!form.ok) return redirectWithFlash<Extra>(c, `/spaces/${space.id}/rename`, { errors: form.errors })
  const renamed = await renameAuditedSpace(c.var.scope, space.id, form.data.name)
  return redirectWithFlash<Extra>(c, '/spaces', { notice: `Renamed “${space.name}” to “${renamed.name}”.` })
})

spacesPages.get('/:spaceId/delete', authorize('spaces.delete'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const form = await takeFlash<Extra>(c, caller)
  return c.html(<DeleteSpacePage viewer={await viewerOf(c, caller)} space={space} {...form} />)
})

spacesPages.post('/:spaceId/delete', authorize('spaces.delete'), async (c) => {
  const space = await routeSpace(c)
  const back = `/spaces/${space.id}/delete#${FORM_ERRORS_ID}`
  const form = await readForm(c, deleteSpaceBody)
  if (!form.ok) return redirectWithFlash<Extra>(c, back, { errors: form.errors })
  if (!(await deleteAuditedSpace(c.var.scope, space.id, form.data.name))) {
    const errors = { name: 'Type the space’s name exactly, as it is shown above.' }
    return redirectWithFlash<Extra>(c, back, { name: form.data.name, errors })
  }
  return redirectWithFlash<Extra>(c, '/spaces', {
    notice: `Space deleted: “${space.name}” and everything in it.`,
  })
})
