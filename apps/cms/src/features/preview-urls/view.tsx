/**
 * Settings → Preview URLs. Each URL shows its name (when it has one), whether a probe secret is set (never
 * the secret) and its last probe as a badge: verified, reachable-unverified, or failed with the reason.
 * "Probe now" answers on the URL's card, which says why a probe failed once.
 * Space admins add and change URLs; the secret field is write-only and says that moving the URL to another
 * origin drops the stored secret unless it is entered again. An editor may only probe them, and is told to
 * ask a space admin where a fix is an edit. The page itself is the shared one
 * (`space-endpoints/view-endpoints-page.tsx`); this module gives its words and what a card shows.
 */
import type { FC } from 'hono/jsx'
import { Badge } from '../../views/components/badge'
import { Field } from '../../views/components/form'
import { failureText, readerOf } from '../../views/outbound-messages'
import { EditSecretField, EditUrlField, LastCall } from '../space-endpoints/view-endpoint'
import type { CardContext, EndpointFormState, EndpointLabels } from '../space-endpoints/view-endpoints-page'
import type { PreviewUrlView } from './model'
import type { ProbeResult } from './service'

type PreviewForm = EndpointFormState<'label'>

/**
 * A probe status badge, and for a failure the sentence saying why (left out where the card says it already).
 * @example <ProbeBadge status="failed" why="The server did not answer in time." />
 */
const ProbeBadge: FC<{ status: ProbeResult['status']; why: string | undefined }> = ({ status, why }) =>
  status === 'verified' ? (
    <Badge tone="ok">verified</Badge>
  ) : status === 'reachable_unverified' ? (
    <Badge tone="warn">reachable, unverified</Badge>
  ) : (
    <>
      <Badge tone="bad">failed</Badge>
      {why === undefined ? null : ` ${why}`}
    </>
  )

const EditFields: FC<{ v: PreviewUrlView; edit: PreviewForm | undefined }> = ({ v, edit }) => (
  <>
    <Field
      name="label"
      idSuffix={v.id}
      label="Name"
      value={edit?.label ?? v.label ?? ''}
      error={edit?.errors?.label}
      hint="Leave empty for none."
    />
    <EditUrlField id={v.id} value={edit?.url ?? v.url} error={edit?.errors?.url} secretName="probe secret" />
    <EditSecretField
      id={v.id}
      label="Probe secret"
      error={edit?.errors?.secret}
      hint={v.hasSecret ? 'A secret is stored. Leave empty to keep it.' : 'Leave empty for none.'}
      again={edit?.secretTyped}
    />
  </>
)

/**
 * What a card says about a preview URL: its URL under a name, its secret's presence, its last probe (why it
 * failed, unless the card's fresh result says so already).
 */
const CardBody: FC<{ v: PreviewUrlView; context: CardContext<'label'> }> = ({ v, context }) => {
  const last = v.lastProbe
  const why = last === null ? undefined : context.lastWhy(last.reason)
  return (
    <>
      {v.label === null ? null : (
        <p>
          URL: <code>{v.url}</code>
        </p>
      )}
      <p>
        Probe secret: {v.hasSecret ? 'set' : <span class="empty">none</span>} · Last probe:{' '}
        <LastCall at={last?.at}>{last ? <ProbeBadge status={last.status} why={why} /> : null}</LastCall>
      </p>
    </>
  )
}

/**
 * The Preview URLs page's words and cards.
 * @example c.html(<EndpointsListPage viewer={viewer} space={space} items={list} anchor="pvu" canManage labels={previewLabels} />)
 */
export const previewLabels: EndpointLabels<PreviewUrlView, ProbeResult, 'label'> = {
  tab: 'preview',
  path: 'preview-urls',
  title: 'Preview URLs',
  empty: 'No preview URLs are set for this space yet.',
  readOnly: 'You can probe these URLs. A space admin adds, changes and removes them.',
  call: { path: 'probe', label: 'Probe now' },
  card: (v, context) => ({
    heading: v.label ?? <code>{v.url}</code>,
    edit: {
      summary: 'Edit this preview URL',
      fields: <EditFields v={v} edit={context.edit} />,
      deleteLabel: 'Delete this preview URL…',
    },
    body: <CardBody v={v} context={context} />,
  }),
  result: (probed, canManage) => ({
    tone: probed.status === 'failed' ? 'bad' : probed.status === 'verified' ? 'ok' : 'warn',
    text: (
      <>
        Probe result:{' '}
        <ProbeBadge status={probed.status} why={failureText(probed.reason, readerOf(canManage))} />
      </>
    ),
  }),
  unreadable: (_v, canManage) =>
    canManage
      ? 'The stored probe secret cannot be opened with the configured keys: enter it again.'
      : 'The stored probe secret cannot be opened with the configured keys. Ask a space admin to enter it again.',
  add: {
    anchor: 'add-preview',
    heading: 'Add a preview URL',
    submit: 'Add preview URL',
    name: {
      field: 'label',
      label: 'Name (optional)',
      hint: 'Tells storefronts apart in this list, e.g. “Staging DE”.',
    },
    url: { label: 'Storefront URL', hint: 'The probe calls <URL>/api/cms-probe.' },
    secret: {
      label: 'Probe secret (optional)',
      hint: 'Shared with the storefront to sign probes. Write-only.',
    },
  },
  remove: {
    title: 'Delete preview URL',
    heading: () => 'Delete this preview URL?',
    consequence: (v) => (
      <>
        Previews of this space no longer open on {v.label === null ? null : <>“{v.label}”, </>}
        <code>{v.url}</code>
        {v.hasSecret ? ', and its probe secret is erased' : ''}. This cannot be undone: to use it again, add
        it anew.
      </>
    ),
    confirmLabel: 'Delete preview URL',
  },
}
