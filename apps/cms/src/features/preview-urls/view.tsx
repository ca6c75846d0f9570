/**
 * Settings → Preview URLs. Each URL shows its name (when it has one), whether a probe secret is set (never
 * the secret) and its last probe as a badge: verified, reachable-unverified, or failed with the reason.
 * "Probe now" answers inline.
 * Space admins add and change URLs; the secret field is write-only and says that moving the URL to another
 * origin drops the stored secret unless it is entered again. The page itself is the shared one
 * (`space-endpoints/view-endpoints-page.tsx`); this module gives its words and what a card shows.
 */
import type { FC } from 'hono/jsx'
import { Badge } from '../../views/components/badge'
import { Field, Notice } from '../../views/components/form'
import { failureText } from '../../views/outbound-messages'
import { EditSecretField, EditUrlField, LastCall } from '../space-endpoints/view-endpoint'
import type { EndpointFormState, EndpointLabels } from '../space-endpoints/view-endpoints-page'
import type { PreviewUrlView } from './model'
import type { ProbeResult } from './service'

type PreviewForm = EndpointFormState<'label'>

/**
 * A probe status badge.
 * @example <ProbeBadge status="failed" reason="timeout" />
 */
const ProbeBadge: FC<{ status: ProbeResult['status']; reason: string | null }> = ({ status, reason }) =>
  status === 'verified' ? (
    <Badge tone="ok">verified</Badge>
  ) : status === 'reachable_unverified' ? (
    <Badge tone="warn">reachable, unverified</Badge>
  ) : (
    <>
      <Badge tone="bad">failed</Badge> {failureText(reason)}
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
    />
  </>
)

/** What a card says about a preview URL: its URL under a name, its secret's presence, its probes. */
const CardBody: FC<{ v: PreviewUrlView; probed: ProbeResult | undefined }> = ({ v, probed }) => (
  <>
    {v.label === null ? null : (
      <p>
        URL: <code>{v.url}</code>
      </p>
    )}
    <p>
      Probe secret: {v.hasSecret ? 'set' : <span class="empty">none</span>} · Last probe:{' '}
      <LastCall at={v.lastProbe?.at}>
        {v.lastProbe ? <ProbeBadge status={v.lastProbe.status} reason={v.lastProbe.reason} /> : null}
      </LastCall>
    </p>
    {probed ? (
      <Notice tone={probed.status === 'failed' ? 'bad' : probed.status === 'verified' ? 'ok' : 'warn'}>
        Probe result: <ProbeBadge status={probed.status} reason={probed.reason} />
      </Notice>
    ) : null}
  </>
)

/**
 * The Preview URLs page's words and cards.
 * @example c.html(<EndpointsListPage viewer={viewer} space={space} items={list} anchor="pvu" canManage labels={previewLabels} />)
 */
export const previewLabels: EndpointLabels<PreviewUrlView, ProbeResult, 'label'> = {
  tab: 'preview',
  path: 'preview-urls',
  title: 'Preview URLs',
  empty: 'No preview URLs are set for this space yet.',
  call: { path: 'probe', label: 'Probe now' },
  card: (v, edit, probed) => ({
    heading: v.label ?? <code>{v.url}</code>,
    edit: {
      summary: 'Edit this preview URL',
      fields: <EditFields v={v} edit={edit} />,
      deleteLabel: 'Delete this preview URL…',
    },
    body: <CardBody v={v} probed={probed} />,
  }),
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
