/**
 * Settings → Preview URLs. Each URL shows whether a probe secret is set (never the secret) and its last
 * probe as a badge: verified, reachable-unverified, or failed with the reason. "Probe now" answers inline.
 * Space admins add and change URLs; the secret field is write-only and says that moving the URL to another
 * origin drops the stored secret unless it is entered again.
 */
import type { FC } from 'hono/jsx'
import { Badge, When } from '../../views/components/badge'
import { DangerLink } from '../../views/components/danger'
import { CsrfField, Field, type FieldErrors, Notice } from '../../views/components/form'
import { SpaceTabs } from '../../views/components/space-tabs'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import { failureText } from '../../views/outbound-messages'
import type { SpaceRow } from '../spaces/store'
import type { PreviewUrlView } from './model'
import type { ProbeResult } from './service'

/** A form being redisplayed with its errors (never with a secret). */
export interface PreviewFormState {
  id?: string
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

const ORIGIN_WARNING =
  'Changing the URL to another origin (scheme, host or port) discards the stored probe secret unless you enter it again here.'

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

/**
 * The page.
 * @example c.html(<PreviewUrlsPage viewer={viewer} space={space} previewUrls={list} canManage />)
 */
export const PreviewUrlsPage: FC<PreviewUrlsProps> = (p) => {
  const base = `/spaces/${p.space.id}/settings/preview-urls`
  return (
    <Layout title={`Preview URLs · ${p.space.name}`} viewer={p.viewer}>
      <SpaceTabs space={p.space} current="preview" roles={p.viewer.roles} />
      <h1>Preview URLs</h1>
      {p.notice ? <Notice tone={p.notice.tone}>{p.notice.text}</Notice> : null}
      {p.previewUrls.length === 0 ? <p class="empty">No preview URLs are set for this space yet.</p> : null}
      {p.previewUrls.map((v) => {
        const edit = p.editForm?.id === v.id ? p.editForm : undefined
        const probed = p.probed?.id === v.id ? p.probed.result : undefined
        return (
          <section class="card" aria-labelledby={`pvu-${v.id}`} id={`card-${v.id}`}>
            <h2 id={`pvu-${v.id}`}>
              <code>{v.url}</code>
            </h2>
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
            <form method="post" action={`${base}/${v.id}/probe`}>
              <CsrfField token={p.viewer.csrf} />
              <button type="submit">Probe now</button>
            </form>
            {p.canManage ? (
              <details open={edit !== undefined}>
                <summary>Edit this preview URL</summary>
                <form method="post" action={`${base}/${v.id}`} novalidate>
                  <CsrfField token={p.viewer.csrf} />
                  <Field
                    name="url"
                    idSuffix={v.id}
                    label="URL"
                    type="url"
                    value={edit?.url ?? v.url}
                    error={edit?.errors?.url}
                    hint={ORIGIN_WARNING}
                  />
                  <Field
                    name="secret"
                    idSuffix={v.id}
                    label="Probe secret"
                    type="password"
                    autocomplete="off"
                    error={edit?.errors?.secret}
                    hint={
                      v.hasSecret ? 'A secret is stored. Leave empty to keep it.' : 'Leave empty for none.'
                    }
                  />
                  <button class="primary" type="submit">
                    Save changes
                  </button>
                </form>
                <p>
                  <DangerLink href={`${base}/${v.id}/delete`}>Delete this preview URL…</DangerLink>
                </p>
              </details>
            ) : null}
          </section>
        )
      })}
      {p.canManage ? (
        <section class="card" aria-labelledby="add-preview">
          <h2 id="add-preview">Add a preview URL</h2>
          <form method="post" action={base} novalidate>
            <CsrfField token={p.viewer.csrf} />
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
            <button class="primary" type="submit">
              Add preview URL
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  )
}

/**
 * The delete confirmation.
 * @example c.html(<DeletePreviewUrlPage viewer={viewer} space={space} previewUrl={previewView(row)} />)
 */
export const DeletePreviewUrlPage: FC<{ viewer: Viewer; space: SpaceRow; previewUrl: PreviewUrlView }> = (
  p,
) => {
  const base = `/spaces/${p.space.id}/settings/preview-urls`
  return (
    <ConfirmPage
      viewer={p.viewer}
      title="Delete preview URL"
      context={<SpaceTabs space={p.space} current="preview" roles={p.viewer.roles} />}
      heading="Delete this preview URL?"
      consequence={
        <>
          Previews of this space no longer open on <code>{p.previewUrl.url}</code>
          {p.previewUrl.hasSecret ? ', and its probe secret is erased' : ''}. This cannot be undone: to use it
          again, add it anew.
        </>
      }
      action={`${base}/${p.previewUrl.id}/delete`}
      confirmLabel="Delete preview URL"
      cancelHref={base}
    />
  )
}
