/**
 * The one space endpoints page (Settings → MCP Integrations, Settings → Preview URLs) and its delete
 * confirmation, filled in by each feature's labels (`EndpointLabels`): the frame, one card per endpoint with
 * its call button and edit form, the add form (name, URL, write-only secret), and what deleting drops. A
 * feature says only what differs: its words, what a card shows, how its call's result reads. A POST's
 * result shows on the card it is about (`view-card-result.tsx`). A reader who may not change endpoints gets
 * no add or edit form, and a line saying who may instead. No secret ever reaches these components (a form
 * is shown again without it, and only says that one must be entered again).
 */
import type { Child, FC } from 'hono/jsx'
import { Field, type FieldErrors } from '../../views/components/form'
import type { SpaceTab } from '../../views/components/space-tabs'
import type { Viewer } from '../../views/layout'
import { failureText, readerOf } from '../../views/outbound-messages'
import type { SpaceRow } from '../spaces/service'
import { type CardNotice, secretHint } from './view-card-result'
import { AddEndpointCard, DeleteEndpointPage, EndpointCard, EndpointsPage } from './view-endpoint'

/**
 * A form being shown again with its errors: its URL and its name field `K` (never the secret), and whether
 * a secret was typed (the field then asks for it again).
 */
export type EndpointFormState<K extends string> = {
  id?: string
  url?: string
  errors?: FieldErrors
  secretTyped?: boolean
} & Partial<Record<K, string>>

/** What one card shows once after a POST about it: the call's result, a notice, or an unreadable secret. */
type CardOutcome<R> =
  | { kind: 'called'; result: R }
  | { kind: 'notice'; tone: 'ok' | 'warn'; text: string }
  /** The stored secret cannot be opened with the configured keys: nothing was called. */
  | { kind: 'unreadable' }

/**
 * What a page shows once after a POST (carried by the flash): the card it was about with its outcome, a
 * notice of the page (after a delete, the card is gone), a refused form.
 */
export interface EndpointPageState<R, K extends string> {
  card?: { id: string } & CardOutcome<R>
  notice?: { tone: 'ok' | 'warn'; text: string }
  createForm?: EndpointFormState<K>
  editForm?: EndpointFormState<K>
}

/** What one card shows of an endpoint `V`, with its form being shown again. */
interface EndpointCardContent {
  heading: Child
  /** The edit form: its summary, its fields (`EditUrlField` for the URL) and its delete link. */
  edit: { summary: string; fields: Child; deleteLabel: string }
  /** What the card says about the endpoint (URL, secret, last call). */
  body: Child
}

/** How a card is being shown: its refused edit form, whether a fresh result is on it, the reader's rights. */
export interface CardContext<K extends string> {
  edit: EndpointFormState<K> | undefined
  /**
   * Why the last call failed, in the reader's words; `undefined` when the card's fresh result says so
   * already (once per card).
   */
  lastWhy(reason: string | null): string | undefined
  /** The reader may change endpoints (else the words ask a space admin instead). */
  canManage: boolean
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
  /** What a reader who may not change these can do; shown to them under the heading. */
  readOnly: string
  /** The call's path segment and button text (`test`, `Test connection`). */
  call: { path: string; label: string }
  card(v: V, context: CardContext<K>): EndpointCardContent
  /** How the card shows a fresh call result. */
  result(result: R, canManage: boolean): CardNotice
  /** The card's words when its stored secret cannot be opened with the configured keys. */
  unreadable(v: V, canManage: boolean): string
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

/** What the card `v` says once, from the page's state. */
function cardNotice<V, R, K extends string>(
  p: EndpointsListProps<V, R, K>,
  v: V,
  outcome: CardOutcome<R> | undefined,
): CardNotice | undefined {
  if (outcome === undefined) return undefined
  if (outcome.kind === 'called') return p.labels.result(outcome.result, p.canManage)
  if (outcome.kind === 'notice') return { tone: outcome.tone, text: outcome.text }
  return { tone: 'warn', text: p.labels.unreadable(v, p.canManage) }
}

/**
 * The page: every endpoint of the space as a card (a POST's result on its card), and the add form for
 * those who may manage them; others are told what they may do.
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
      readOnly={p.canManage ? undefined : labels.readOnly}
    >
      {p.items.map((v) => {
        const edit = p.editForm?.id === v.id ? p.editForm : undefined
        const outcome = p.card?.id === v.id ? p.card : undefined
        const fresh = outcome?.kind === 'called'
        const lastWhy = (reason: string | null) =>
          fresh ? undefined : failureText(reason, readerOf(p.canManage))
        const card = labels.card(v, { edit, lastWhy, canManage: p.canManage })
        return (
          <EndpointCard
            base={base}
            id={v.id}
            anchor={p.anchor}
            csrf={p.viewer.csrf}
            heading={card.heading}
            call={labels.call}
            result={cardNotice(p, v, outcome)}
            edit={p.canManage ? { open: edit !== undefined, errors: edit?.errors, ...card.edit } : undefined}
          >
            {card.body}
          </EndpointCard>
        )
      })}
      {p.canManage ? (
        <AddEndpointCard base={base} csrf={p.viewer.csrf} errors={err} {...add}>
          <Field
            name={add.name.field}
            label={add.name.label}
            value={form?.[add.name.field]}
            error={err?.[add.name.field]}
            hint={add.name.hint}
            required={add.name.required}
          />
          <Field name="url" type="url" value={form?.url} error={err?.url} required {...add.url} />
          <Field
            name="secret"
            type="password"
            autocomplete="off"
            error={err?.secret}
            label={add.secret.label}
            hint={secretHint(add.secret.hint, form?.secretTyped)}
          />
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
