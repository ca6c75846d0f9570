/**
 * The one space endpoints page (Settings → MCP Integrations, Settings → Preview URLs) and its delete
 * confirmation, filled in by each feature's labels (`EndpointLabels`): the frame, one card per endpoint with
 * its call button and edit form, the add form (name, URL, write-only secret), and what deleting drops. A
 * feature says only what differs: its words, what a card shows, how its call's result reads. No secret ever
 * reaches these components (a form is shown again without it).
 */
import type { Child, FC } from 'hono/jsx'
import { Field, type FieldErrors } from '../../views/components/form'
import type { SpaceTab } from '../../views/components/space-tabs'
import type { Viewer } from '../../views/layout'
import type { SpaceRow } from '../spaces/service'
import { AddEndpointCard, DeleteEndpointPage, EndpointCard, EndpointsPage } from './view-endpoint'

/** A form being shown again with its errors: its URL and its name field `K` (never the secret). */
export type EndpointFormState<K extends string> = {
  id?: string
  url?: string
  errors?: FieldErrors
} & Partial<Record<K, string>>

/** What a page shows once after a POST (carried by the flash): a call's result, a notice, a refused form. */
export interface EndpointPageState<R, K extends string> {
  called?: { id: string; result: R }
  notice?: { tone: 'ok' | 'warn'; text: string }
  createForm?: EndpointFormState<K>
  editForm?: EndpointFormState<K>
}

/** What one card shows of an endpoint `V`, with its form being shown again and its call's fresh result. */
interface EndpointCardContent {
  heading: Child
  /** The edit form: its summary, its fields (`EditUrlField` for the URL) and its delete link. */
  edit: { summary: string; fields: Child; deleteLabel: string }
  /** What the card says about the endpoint (URL, secret, last call, the fresh result). */
  body: Child
}

/** An add-form field's words. */
interface FieldWords {
  label: string
  hint: string
}

/** A feature's words and pieces, for endpoints `V` whose call answers `R` and whose forms have fields `K`. */
export interface EndpointLabels<V, R, K extends string> {
  tab: SpaceTab
  /** The page's segment below `/spaces/:spaceId/settings/`. */
  path: string
  title: string
  /** Shown when the space has none. */
  empty: string
  /** The call's path segment and button text (`test`, `Test connection`). */
  call: { path: string; label: string }
  card(v: V, edit: EndpointFormState<K> | undefined, called: R | undefined): EndpointCardContent
  add: {
    anchor: string
    heading: string
    submit: string
    /** The name field: its form name, and whether it must be filled in. */
    name: { field: K; label: string; hint?: string; required?: boolean }
    url: FieldWords
    secret: FieldWords
  }
  remove: { title: string; heading(v: V): string; consequence(v: V): Child; confirmLabel: string }
}

/** Props of {@link EndpointsListPage}. */
export interface EndpointsListProps<V, R, K extends string> extends EndpointPageState<R, K> {
  viewer: Viewer
  space: SpaceRow
  items: V[]
  /** The prefix of a card heading's element id: the endpoint's id prefix (`mcp` → `mcp-mcp_…`). */
  anchor: string
  canManage: boolean
  labels: EndpointLabels<V, R, K>
}

/** The address of a feature's page in a space. */
const basePath = (space: SpaceRow, labels: { path: string }): string =>
  `/spaces/${space.id}/settings/${labels.path}`

/**
 * The page: every endpoint of the space as a card, and the add form for those who may manage them.
 * @example c.html(<EndpointsListPage viewer={v} space={s} items={rows.map(mcpView)} anchor="mcp" canManage labels={mcpLabels} />)
 */
export function EndpointsListPage<V extends { id: string }, R, K extends string>(
  p: EndpointsListProps<V, R, K>,
): ReturnType<FC> {
  const { labels } = p
  const base = basePath(p.space, labels)
  const add = labels.add
  const form = p.createForm
  const err = form?.errors
  return (
    <EndpointsPage
      viewer={p.viewer}
      space={p.space}
      tab={labels.tab}
      title={labels.title}
      notice={p.notice}
      empty={p.items.length === 0 ? labels.empty : undefined}
    >
      {p.items.map((v) => {
        const edit = p.editForm?.id === v.id ? p.editForm : undefined
        const card = labels.card(v, edit, p.called?.id === v.id ? p.called.result : undefined)
        return (
          <EndpointCard
            base={base}
            id={v.id}
            anchor={p.anchor}
            csrf={p.viewer.csrf}
            heading={card.heading}
            call={labels.call}
            edit={p.canManage ? { open: edit !== undefined, ...card.edit } : undefined}
          >
            {card.body}
          </EndpointCard>
        )
      })}
      {p.canManage ? (
        <AddEndpointCard base={base} csrf={p.viewer.csrf} {...add}>
          <Field
            name={add.name.field}
            label={add.name.label}
            value={form?.[add.name.field]}
            error={err?.[add.name.field]}
            hint={add.name.hint}
            required={add.name.required}
          />
          <Field name="url" type="url" value={form?.url} error={err?.url} required {...add.url} />
          <Field name="secret" type="password" autocomplete="off" error={err?.secret} {...add.secret} />
        </AddEndpointCard>
      ) : null}
    </EndpointsPage>
  )
}

/** Props of {@link EndpointDeleteView}. */
export type EndpointDeleteProps<V, R, K extends string> = Pick<
  EndpointsListProps<V, R, K>,
  'viewer' | 'space' | 'labels'
> & { item: V }

/**
 * The delete confirmation of one endpoint, in the feature's words.
 * @example c.html(<EndpointDeleteView viewer={v} space={s} item={previewView(row)} labels={previewLabels} />)
 */
export function EndpointDeleteView<V extends { id: string }, R, K extends string>(
  p: EndpointDeleteProps<V, R, K>,
): ReturnType<FC> {
  const words = p.labels.remove
  return (
    <DeleteEndpointPage
      viewer={p.viewer}
      space={p.space}
      tab={p.labels.tab}
      base={basePath(p.space, p.labels)}
      id={p.item.id}
      title={words.title}
      heading={words.heading(p.item)}
      consequence={words.consequence(p.item)}
      confirmLabel={words.confirmLabel}
    />
  )
}
