/**
 * The one set of dashboard routes of a space endpoint feature (`/spaces/:spaceId/settings/mcp`,
 * `…/preview-urls`), built from the feature's service calls and labels. Add, change, delete and the call
 * ("Test connection", "Probe now") run the same service as the feature's `/api` routes behind the same
 * `authorize` actions (delete after a confirmation page); a refused URL (outbound policy) and validation
 * problems show next to their field. Every POST answers 303 to the page, its result carried by a single-use
 * flash (`dashboard/flash.ts`), so a reload repeats nothing, and the redirect's fragment names where the
 * result is shown (`view-card-result.tsx`): the card's result (`#result-<id>`, also for a new card), a
 * refused save's error summary in its card (`#errors-<id>`), a refused add's (`#form-errors`); only a
 * delete, whose card is gone, lands on the page's notice at the top (`#result`). A refused form keeps
 * what was typed, never the secret: it only notes that one was typed, so the field asks for it again.
 */
import type { Context, Hono } from 'hono'
import type * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import { type Action, can } from '../../domain/policy'
import type { Scope } from '../../domain/scope'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { FORM_ERRORS_ID } from '../../views/components/error-summary'
import { RESULT_ID } from '../../views/components/result-notice'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { dashboardGroup, routeSpace, viewerOf } from '../dashboard/page-kit'
import type { EndpointKind } from './endpoint-kind'
import {
  loadEndpointRow,
  readUrlForm,
  saveEndpointForm,
  submittedFields,
  typedSecret,
  unlessSecretUnavailable,
} from './page-endpoint'
import { errorsId, resultId } from './view-card-result'
import {
  EndpointDeleteView,
  type EndpointLabels,
  type EndpointPageState,
  EndpointsListPage,
} from './view-endpoints-page'

/** A feature's service calls, as its dashboard routes use them. */
interface EndpointService<Row, V, R, C, U> {
  list(scope: Scope, spaceId: string): Promise<Row[]>
  view(row: Row): V
  createBody: z.ZodType<C>
  create(scope: Scope, caller: UserCaller, spaceId: string, data: C): Promise<V>
  updateBody: z.ZodType<U>
  update(scope: Scope, row: Row, data: U): Promise<V & { secretDiscarded: boolean }>
  remove(scope: Scope, row: Row): Promise<void>
  /** The call behind the card's button (a connection test, a probe). */
  call(scope: Scope, row: Row): Promise<R>
}

/** What a feature gives {@link createEndpointPages}. */
export interface EndpointPagesSpec<Row, V, R, C, U, K extends string> {
  kind: EndpointKind<Row>
  /** The route parameter naming one endpoint (`integrationId`). */
  param: string
  /** The `authorize` action of each route. */
  actions: Record<'list' | 'create' | 'update' | 'delete' | 'call', Action>
  service: EndpointService<Row, V, R, C, U>
  labels: EndpointLabels<V, R, K>
  /** The URL field's error for an address another endpoint of the space has; the shared one otherwise. */
  duplicate?: string
  /** The one-time notices after a POST. */
  notices: {
    added(v: V): string
    saved(v: V & { secretDiscarded: boolean }): string
    deleted(row: Row): string
  }
}

/**
 * The feature's dashboard routes, to mount at `/spaces/:spaceId/settings/<labels.path>`.
 * @example export const previewUrlsPages = createEndpointPages({ kind: previewUrlKind, param: 'previewUrlId', … })
 */
export function createEndpointPages<
  Row extends { id: string; space_id: string },
  V extends { id: string },
  R,
  C,
  U,
  K extends string,
>(spec: EndpointPagesSpec<Row, V, R, C, U, K>): Hono<CmsHono> {
  type Flash = EndpointPageState<R, K>
  const { actions, service, labels, notices } = spec
  const pagePath = (spaceId: string): string => `/spaces/${spaceId}/settings/${labels.path}`
  /** Answers 303 to the page at `fragment` (the element showing the result), which shows `flash` once. */
  const done = (c: Context<CmsHono>, spaceId: string, fragment: string, flash: Flash): Promise<Response> =>
    redirectWithFlash<Flash>(c, `${pagePath(spaceId)}${fragment ? `#${fragment}` : ''}`, flash)
  const loadRow = (c: Context<CmsHono>): Promise<Row> => loadEndpointRow(c, spec.kind, spec.param)
  /** What a refused form shows again: never the secret, only whether one was typed. */
  const submitted = async (c: Context<CmsHono>) => ({
    ...(await submittedFields(c, [labels.add.name.field, 'url'])),
    secretTyped: await typedSecret(c),
  })

  const pages = dashboardGroup()

  pages.get('/', authorize(actions.list), async (c) => {
    const caller = await requireCaller(c)
    const space = await routeSpace(c)
    const flash = await takeFlash<Flash>(c, caller)
    const rows = await service.list(c.var.scope, space.id)
    return c.html(
      <EndpointsListPage
        viewer={await viewerOf(c, caller)}
        space={space}
        items={rows.map(service.view)}
        anchor={spec.kind.idPrefix}
        canManage={can(caller.roles, actions.create, space.id)}
        labels={labels}
        {...flash}
      />,
    )
  })

  pages.post('/', authorize(actions.create), async (c) => {
    const caller = await requireCaller(c)
    const space = await routeSpace(c)
    const form = await readUrlForm(c, service.createBody)
    const save = (data: C) => service.create(c.var.scope, caller, space.id, data)
    const saved = await saveEndpointForm(form, save, spec.duplicate)
    if (!saved.ok) {
      return done(c, space.id, FORM_ERRORS_ID, {
        createForm: { ...(await submitted(c)), errors: saved.errors },
      })
    }
    const { id } = saved.data
    return done(c, space.id, resultId(id), {
      card: { id, kind: 'notice', tone: 'ok', text: notices.added(saved.data) },
    })
  })

  pages.post(`/:${spec.param}`, authorize(actions.update), async (c) => {
    const row = await loadRow(c)
    const form = await readUrlForm(c, service.updateBody)
    const saved = await saveEndpointForm(
      form,
      (data) => service.update(c.var.scope, row, data),
      spec.duplicate,
    )
    if (!saved.ok) {
      return done(c, row.space_id, errorsId(row.id), {
        editForm: { id: row.id, ...(await submitted(c)), errors: saved.errors },
      })
    }
    const tone = saved.data.secretDiscarded ? 'warn' : 'ok'
    return done(c, row.space_id, resultId(row.id), {
      card: { id: row.id, kind: 'notice', tone, text: notices.saved(saved.data) },
    })
  })

  pages.get(`/:${spec.param}/delete`, authorize(actions.delete), async (c) => {
    const caller = await requireCaller(c)
    const row = await loadRow(c)
    const viewer = await viewerOf(c, caller)
    const space = await routeSpace(c)
    return c.html(
      <EndpointDeleteView viewer={viewer} space={space} item={service.view(row)} labels={labels} />,
    )
  })

  pages.post(`/:${spec.param}/delete`, authorize(actions.delete), async (c) => {
    const row = await loadRow(c)
    await service.remove(c.var.scope, row)
    return done(c, row.space_id, RESULT_ID, { notice: { tone: 'ok', text: notices.deleted(row) } })
  })

  pages.post(`/:${spec.param}/${labels.call.path}`, authorize(actions.call), async (c) => {
    const row = await loadRow(c)
    const result = await unlessSecretUnavailable(() => service.call(c.var.scope, row))
    const card = result === undefined ? { kind: 'unreadable' as const } : { kind: 'called' as const, result }
    return done(c, row.space_id, resultId(row.id), { card: { id: row.id, ...card } })
  })

  return pages
}
