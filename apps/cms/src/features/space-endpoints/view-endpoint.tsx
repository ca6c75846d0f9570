/**
 * The JSX every space endpoint page shares (Settings → MCP Integrations, Settings → Preview URLs): the
 * page frame with its tabs and notice, one card per endpoint with a POST's result, its call button ("Test
 * connection", "Probe now") and its edit form (each form with its error summary), the add form, the URL field that warns that another origin drops the
 * stored secret, and the delete confirmation. Each feature fills in its own words and fields; no secret
 * ever reaches these components (forms are shown again without it).
 */
import type { Child, FC } from 'hono/jsx'
import { When } from '../../views/components/badge'
import { DangerLink } from '../../views/components/danger'
import { ErrorSummary } from '../../views/components/error-summary'
import { CsrfField, Field, type FieldErrors } from '../../views/components/form'
import { ResultNotice } from '../../views/components/result-notice'
import { type SpaceTab, SpaceTabs } from '../../views/components/space-tabs'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceRow } from '../spaces/service'
import { type CardNotice, CardResult, errorsId, secretHint } from './view-card-result'

/** Props of {@link EndpointsPage}. */
export interface EndpointsPageProps {
  viewer: Viewer
  space: SpaceRow
  tab: SpaceTab
  /** The page's heading, also the start of its title. */
  title: string
  notice: { tone: 'ok' | 'warn'; text: string } | undefined
  /** Shown instead of the cards when there are none. */
  empty: string | undefined
  /** What a reader who may not change these can do, under the heading (nothing for managers). */
  readOnly?: string | undefined
  children?: Child
}

/**
 * The frame of an endpoints page: title, tabs, heading, what a read-only reader may do, the one-time
 * notice (after a delete, whose card is gone, the `#result` it lands on), the empty state.
 * @example <EndpointsPage viewer={v} space={s} tab="mcp" title="MCP Integrations" notice={n} empty={undefined}>…</EndpointsPage>
 */
export const EndpointsPage: FC<EndpointsPageProps> = (p) => (
  <Layout title={`${p.title} · ${p.space.name}`} viewer={p.viewer}>
    <SpaceTabs space={p.space} current={p.tab} roles={p.viewer.roles} />
    <h1>{p.title}</h1>
    {p.readOnly === undefined ? null : <p>{p.readOnly}</p>}
    {p.notice ? <ResultNotice tone={p.notice.tone}>{p.notice.text}</ResultNotice> : null}
    {p.empty === undefined ? null : <p class="empty">{p.empty}</p>}
    {p.children}
  </Layout>
)

/** Props of {@link EndpointCard}. */
export interface EndpointCardProps {
  /** The page's address; the card's forms post below it. */
  base: string
  id: string
  /** The prefix of the heading's element id (`mcp` → `mcp-<id>`). */
  anchor: string
  csrf: string
  heading: Child
  /** The call's path segment and button text (`test`, `Test connection`). */
  call: { path: string; label: string }
  /** The edit form, for those who may change it, with the errors of a refused save (its fields' ids end in `id`). */
  edit?:
    | { open: boolean; summary: string; fields: Child; deleteLabel: string; errors?: FieldErrors | undefined }
    | undefined
  /** What a POST about this card says once (a call's result, saved, added): where its redirect lands. */
  result?: CardNotice | undefined
  /** What the card says about the endpoint (URL, secret, last call). */
  children?: Child
}

/**
 * One endpoint: what it is, the one-time result of a POST about it, a button to call it, and (for managers)
 * its edit form (with a refused save's error summary) and delete link.
 * @example <EndpointCard base={base} id={v.id} anchor="pvu" csrf={csrf} heading={<code>{v.url}</code>} call={{ path: 'probe', label: 'Probe now' }}>…</EndpointCard>
 */
export const EndpointCard: FC<EndpointCardProps> = (p) => (
  <section class="card" aria-labelledby={`${p.anchor}-${p.id}`} id={`card-${p.id}`}>
    <h2 id={`${p.anchor}-${p.id}`}>{p.heading}</h2>
    {p.result ? <CardResult id={p.id} headingId={`${p.anchor}-${p.id}`} notice={p.result} /> : null}
    {p.children}
    <form method="post" action={`${p.base}/${p.id}/${p.call.path}`}>
      <CsrfField token={p.csrf} />
      <button type="submit">{p.call.label}</button>
    </form>
    {p.edit ? (
      <details open={p.edit.open}>
        <summary>{p.edit.summary}</summary>
        <ErrorSummary id={errorsId(p.id)} errors={p.edit.errors} idSuffix={p.id} />
        <form method="post" action={`${p.base}/${p.id}`} novalidate>
          <CsrfField token={p.csrf} />
          {p.edit.fields}
          <button class="primary" type="submit">
            Save changes
          </button>
        </form>
        <p>
          <DangerLink href={`${p.base}/${p.id}/delete`}>{p.edit.deleteLabel}</DangerLink>
        </p>
      </details>
    ) : null}
  </section>
)

/**
 * The add form's card, with a refused add's error summary (`#form-errors`, where its redirect lands).
 * @example <AddEndpointCard base={base} anchor="add-mcp" heading="Add an MCP server" csrf={csrf} submit="Add integration" errors={undefined}>…</AddEndpointCard>
 */
export const AddEndpointCard: FC<{
  base: string
  anchor: string
  heading: string
  csrf: string
  submit: string
  errors: FieldErrors | undefined
  children?: Child
}> = (p) => (
  <section class="card" aria-labelledby={p.anchor}>
    <h2 id={p.anchor}>{p.heading}</h2>
    <ErrorSummary errors={p.errors} />
    <form method="post" action={p.base} novalidate>
      <CsrfField token={p.csrf} />
      {p.children}
      <button class="primary" type="submit">
        {p.submit}
      </button>
    </form>
  </section>
)

/**
 * The URL field of an edit form, which says that another origin drops the stored secret.
 * @example <EditUrlField id={v.id} value={v.url} error={undefined} secretName="probe secret" />
 */
export const EditUrlField: FC<{
  id: string
  value: string
  error: string | undefined
  secretName: string
}> = (p) => (
  <Field
    name="url"
    idSuffix={p.id}
    label="URL"
    type="url"
    value={p.value}
    error={p.error}
    hint={`Changing the URL to another origin (scheme, host or port) discards the stored ${p.secretName} unless you enter it again here.`}
  />
)

/**
 * The secret field of an edit form: write-only, never filled in (an empty field keeps the stored secret);
 * after a refused save in which one was typed (`again`), it asks for it again.
 * @example <EditSecretField id={v.id} label="Probe secret" error={undefined} hint="Leave empty for none." />
 */
export const EditSecretField: FC<{
  id: string
  label: string
  error: string | undefined
  hint: string
  placeholder?: string | undefined
  again?: boolean | undefined
}> = (p) => (
  <Field
    name="secret"
    idSuffix={p.id}
    label={p.label}
    type="password"
    autocomplete="off"
    placeholder={p.placeholder}
    error={p.error}
    hint={secretHint(p.hint, p.again)}
  />
)

/**
 * An endpoint's last call: its badge (the children) and when, or "never".
 * @example <LastCall at={v.lastProbe?.at}><ProbeBadge status="verified" reason={null} /></LastCall>
 */
export const LastCall: FC<{ at: number | undefined; children?: Child }> = (p) =>
  p.at === undefined ? (
    <span class="empty">never</span>
  ) : (
    <>
      {p.children} <When at={p.at} />
    </>
  )

/** Props of {@link DeleteEndpointPage}. */
export interface DeleteEndpointPageProps {
  viewer: Viewer
  space: SpaceRow
  tab: SpaceTab
  /** The endpoints page; the delete form posts to `<base>/<id>/delete`. */
  base: string
  id: string
  title: string
  heading: string
  consequence: Child
  confirmLabel: string
}

/**
 * The delete confirmation of an endpoint, under the space's tabs.
 * @example <DeleteEndpointPage viewer={v} space={s} tab="preview" base={base} id={id} title="Delete preview URL" … />
 */
export const DeleteEndpointPage: FC<DeleteEndpointPageProps> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title={p.title}
    context={<SpaceTabs space={p.space} current={p.tab} roles={p.viewer.roles} />}
    heading={p.heading}
    consequence={p.consequence}
    action={`${p.base}/${p.id}/delete`}
    confirmLabel={p.confirmLabel}
    cancelHref={p.base}
  />
)
