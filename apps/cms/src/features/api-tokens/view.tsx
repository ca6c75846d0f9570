/**
 * Settings → API tokens. The list shows name, scope, created, last used and the last 4 characters only.
 * A token appears in full in exactly two moments: right after it is created (with a copy button and the
 * note that only an admin can reveal it again) and after an explicit reveal. Revoking goes through a
 * confirmation page. The create form keeps the typed name on a validation error.
 */
import type { FC } from 'hono/jsx'
import { Badge, When } from '../../views/components/badge'
import { CopyValue } from '../../views/components/copy-button'
import { DangerLink } from '../../views/components/danger'
import { CsrfField, Field, type FieldErrors, Notice } from '../../views/components/form'
import { SpaceTabs } from '../../views/components/space-tabs'
import { TableScroll } from '../../views/components/table-scroll'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceRow } from '../spaces/store'
import type { ApiTokenSummary } from './store'

/** Props of {@link ApiTokensPage}. */
export interface ApiTokensProps {
  viewer: Viewer
  space: SpaceRow
  tokens: ApiTokenSummary[]
  /** The token just created or revealed: the only moments a token is in the HTML. */
  shown?: { kind: 'created' | 'revealed'; id: string; name: string; token: string }
  /** A token whose reveal needs a fresh sign-in. */
  reauthFor?: string
  notice?: string
  form?: { name?: string; scope?: string; errors?: FieldErrors }
}

const SCOPES = [
  { value: 'delivery', label: 'delivery: read published content' },
  { value: 'preview', label: 'preview: read drafts and published content' },
  { value: 'management', label: 'management: read and write content' },
] as const

/**
 * The page.
 * @example c.html(<ApiTokensPage viewer={viewer} space={space} tokens={tokens} />)
 */
export const ApiTokensPage: FC<ApiTokensProps> = (p) => {
  const base = `/spaces/${p.space.id}/settings/tokens`
  const scopeError = p.form?.errors?.scope
  return (
    <Layout title={`API tokens · ${p.space.name}`} viewer={p.viewer}>
      <SpaceTabs space={p.space} current="tokens" roles={p.viewer.roles} />
      <h1>API tokens</h1>
      {p.notice ? <Notice tone="ok">{p.notice}</Notice> : null}
      {p.shown ? (
        <section class="card" aria-labelledby="shown-token">
          <h2 id="shown-token">
            {p.shown.kind === 'created' ? 'Your new token' : 'Token'} “{p.shown.name}”
          </h2>
          <CopyValue id="token-value" value={p.shown.token} label="Copy token" />
          <p class="hint">
            {p.shown.kind === 'created'
              ? 'Copy it now: it is shown only this once. Only an admin can reveal it again later.'
              : 'This reveal was recorded in the audit log. Leave this page when you are done.'}
          </p>
        </section>
      ) : null}
      {p.reauthFor ? (
        <Notice tone="warn">
          Revealing a token needs a sign-in within the last 5 minutes.{' '}
          <a href={`/login?next=${encodeURIComponent(base)}&reason=reveal`}>Sign in again</a>, then reveal it.
        </Notice>
      ) : null}
      {p.tokens.length === 0 ? (
        <p class="empty">This space has no API tokens yet. Create one below.</p>
      ) : (
        <TableScroll label="API tokens">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scope</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {p.tokens.map((t) => (
                <tr>
                  <td>{t.name}</td>
                  <td>{t.scope}</td>
                  <td>
                    <code>…{t.last4}</code>
                  </td>
                  <td>
                    <When at={t.createdAt} />
                  </td>
                  <td>
                    <When at={t.lastUsedAt} />
                  </td>
                  <td>
                    {t.revokedAt !== null ? (
                      <Badge tone="muted">revoked</Badge>
                    ) : (
                      <>
                        <form method="post" action={`${base}/${t.id}/reveal`}>
                          <CsrfField token={p.viewer.csrf} />
                          <button type="submit" aria-label={`Reveal token ${t.name}`}>
                            Reveal
                          </button>
                        </form>
                        <DangerLink href={`${base}/${t.id}/revoke`} label={`Revoke token ${t.name}`}>
                          Revoke…
                        </DangerLink>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <section class="card" aria-labelledby="create-token">
        <h2 id="create-token">Create a token</h2>
        <form method="post" action={base} novalidate>
          <CsrfField token={p.viewer.csrf} />
          <Field name="name" label="Name" value={p.form?.name} error={p.form?.errors?.name} required />
          <div class="field">
            <label for="f-scope">Scope</label>
            <select
              id="f-scope"
              name="scope"
              aria-invalid={scopeError ? 'true' : undefined}
              aria-describedby={scopeError ? 'f-scope-error' : undefined}
            >
              {SCOPES.map((s) => (
                <option value={s.value} selected={p.form?.scope === s.value}>
                  {s.label}
                </option>
              ))}
            </select>
            {scopeError ? (
              <p class="error" id="f-scope-error">
                {scopeError}
              </p>
            ) : null}
          </div>
          <button class="primary" type="submit">
            Create token
          </button>
        </form>
      </section>
    </Layout>
  )
}

/**
 * The revoke confirmation.
 * @example c.html(<RevokeTokenPage viewer={viewer} space={space} token={summary} />)
 */
export const RevokeTokenPage: FC<{ viewer: Viewer; space: SpaceRow; token: ApiTokenSummary }> = (p) => {
  const base = `/spaces/${p.space.id}/settings/tokens`
  return (
    <ConfirmPage
      viewer={p.viewer}
      title="Revoke token"
      context={<SpaceTabs space={p.space} current="tokens" roles={p.viewer.roles} />}
      heading={`Revoke “${p.token.name}”?`}
      consequence={
        <>
          Every request that uses this {p.token.scope} token (ending in <code>{p.token.last4}</code>) fails
          from the moment you confirm. This cannot be undone.
        </>
      }
      action={`${base}/${p.token.id}/revoke`}
      confirmLabel="Revoke token"
      cancelHref={base}
    />
  )
}
