/**
 * Settings → Preview URLs. Each URL shows its name (when it has one), whether a probe secret is set (never
 * the secret) and its last probe as a badge: verified, reachable-unverified, or failed with the reason.
 * "Probe now" answers inline.
 * Space admins add and change URLs; the secret field is write-only and says that moving the URL to another
 * origin drops the stored secret unless it is entered again.
 */
import type { FC } from 'hono/jsx'
import { Badge, When } from '../../views/components/badge'
import { Field, type FieldErrors, Notice } from '../../views/components/form'
import type { Viewer } from '../../views/layout'
import { failureText } from '../../views/outbound-messages'
import {
  AddEndpointCard,
  DeleteEndpointPage,
  EditUrlField,
  EndpointCard,
  EndpointsPage,
} from '../space-endpoints/view-endpoint'
import type { SpaceRow } from '../spaces/service'
import type { PreviewUrlView } from './model'
import type { ProbeResult } from './service'

/** A form being redisplayed with its errors (never with a secret). */
export interface PreviewFormState {
  id?: string
  label?: string
  url?: string
  errors?: FieldErrors
}

/** Props of {@link PreviewUrlsPage}. */
export interface PreviewUrlsProps {
  viewer: Viewer
  space: SpaceRow
  previewUrls: PreviewUrlView[]
  canManage: boolean
  probed?: { id: string; result: ProbeResult }
  notice?: { tone: 'ok' | 'warn'; text: string }
  createForm?: PreviewFormState
  editForm?: PreviewFormState
}

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

const EditFields: FC<{ v: PreviewUrlView; edit: PreviewFormState | undefined }> = ({ v, edit }) => (
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
    <Field
      name="secret"
      idSuffix={v.id}
      label="Probe secret"
      type="password"
      autocomplete="off"
      error={edit?.errors?.secret}
      hint={v.hasSecret ? 'A secret is stored. Leave empty to keep it.' : 'Leave empty for none.'}
    />
  </>
)

/**
 * The page.
 * @example c.html(<PreviewUrlsPage viewer={viewer} space={space} previewUrls={list} canManage />)
 */
export const PreviewUrlsPage: FC<PreviewUrlsProps> = (p) => {
  const base = `/spaces/${p.space.id}/settings/preview-urls`
  return (
    <EndpointsPage
      viewer={p.viewer}
      space={p.space}
      tab="preview"
      title="Preview URLs"
      notice={p.notice}
      empty={p.previewUrls.length === 0 ? 'No preview URLs are set for this space yet.' : undefined}
    >
      {p.previewUrls.map((v) => {
        const edit = p.editForm?.id === v.id ? p.editForm : undefined
        const probed = p.probed?.id === v.id ? p.probed.result : undefined
        return (
          <EndpointCard
            base={base}
            id={v.id}
            anchor="pvu"
            csrf={p.viewer.csrf}
            heading={v.label ?? <code>{v.url}</code>}
            call={{ path: 'probe', label: 'Probe now' }}
            edit={
              p.canManage
                ? {
                    open: edit !== undefined,
                    summary: 'Edit this preview URL',
                    fields: <EditFields v={v} edit={edit} />,
                    deleteLabel: 'Delete this preview URL…',
                  }
                : undefined
            }
          >
            {v.label === null ? null : (
              <p>
                URL: <code>{v.url}</code>
              </p>
            )}
            <p>
              Probe secret: {v.hasSecret ? 'set' : <span class="empty">none</span>} · Last probe:{' '}
              {v.lastProbe ? (
                <>
                  <ProbeBadge status={v.lastProbe.status} reason={v.lastProbe.reason} />{' '}
                  <When at={v.lastProbe.at} />
                </>
              ) : (
                <span class="empty">never</span>
              )}
            </p>
            {probed ? (
              <Notice
                tone={probed.status === 'failed' ? 'bad' : probed.status === 'verified' ? 'ok' : 'warn'}
              >
                Probe result: <ProbeBadge status={probed.status} reason={probed.reason} />
              </Notice>
            ) : null}
          </EndpointCard>
        )
      })}
      {p.canManage ? (
        <AddEndpointCard
          base={base}
          anchor="add-preview"
          heading="Add a preview URL"
          csrf={p.viewer.csrf}
          submit="Add preview URL"
        >
          <Field
            name="label"
            label="Name (optional)"
            value={p.createForm?.label}
            error={p.createForm?.errors?.label}
            hint="Tells storefronts apart in this list, e.g. “Staging DE”."
          />
          <Field
            name="url"
            label="Storefront URL"
            type="url"
            value={p.createForm?.url}
            error={p.createForm?.errors?.url}
            hint="The probe calls <URL>/api/cms-probe."
            required
          />
          <Field
            name="secret"
            label="Probe secret (optional)"
            type="password"
            autocomplete="off"
            error={p.createForm?.errors?.secret}
            hint="Shared with the storefront to sign probes. Write-only."
          />
        </AddEndpointCard>
      ) : null}
    </EndpointsPage>
  )
}

/**
 * The delete confirmation.
 * @example c.html(<DeletePreviewUrlPage viewer={viewer} space={space} previewUrl={previewView(row)} />)
 */
export const DeletePreviewUrlPage: FC<{ viewer: Viewer; space: SpaceRow; previewUrl: PreviewUrlView }> = (
  p,
) => (
  <DeleteEndpointPage
    viewer={p.viewer}
    space={p.space}
    tab="preview"
    base={`/spaces/${p.space.id}/settings/preview-urls`}
    id={p.previewUrl.id}
    title="Delete preview URL"
    heading="Delete this preview URL?"
    consequence={
      <>
        Previews of this space no longer open on{' '}
        {p.previewUrl.label === null ? null : <>“{p.previewUrl.label}”, </>}
        <code>{p.previewUrl.url}</code>
        {p.previewUrl.hasSecret ? ', and its probe secret is erased' : ''}. This cannot be undone: to use it
        again, add it anew.
      </>
    }
    confirmLabel="Delete preview URL"
  />
)
