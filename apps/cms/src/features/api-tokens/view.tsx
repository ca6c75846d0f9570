/**
 * Settings → API tokens, built for long lists: the create form first, then live tokens (searched by name,
 * 20 a page), then revoked tokens with their revocation time in a collapsed section of their own. A token
 * appears in full in exactly two moments: right after it is created and after an explicit reveal, each in
 * a card the 303 lands on (`#new-token`, `#card-<id>`), which takes focus. A failed create lands on the
 * error summary (`#form-errors`); a revoke on its notice (`#result`). After a fresh sign-in for a reveal,
 * `?reveal=tok_…` offers that token's reveal at once (`#reveal-now`): a POST still does the reveal.
 */
import type { FC } from 'hono/jsx'
import { CopyValue } from '../../views/components/copy-button'
import { ErrorSummary } from '../../views/components/error-summary'
import { CsrfField, Field, type FieldErrors } from '../../views/components/form'
import { Pager, SearchForm } from '../../views/components/list-controls'
import { ResultNotice } from '../../views/components/result-notice'
import { SpaceTabs } from '../../views/components/space-tabs'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceRow } from '../spaces/service'
import type { ApiTokenSummary } from './store'
import type { ApiTokenPage } from './store-list'
import { ExpirySelect } from './view-expiry'
import { TokenTable } from './view-table'

/** What the list shows: the name search and the page of live and of revoked tokens, each from 1. */
interface TokenListQuery {
  q: string
  page: number
  rpage: number
}

/** Props of {@link ApiTokensPage}. */
export interface ApiTokensProps {
  viewer: Viewer
  space: SpaceRow
  live: ApiTokenPage & { pages: number }
  revoked: ApiTokenPage & { pages: number }
  query: TokenListQuery
  /** The token just created or revealed: the only moments a token is in the HTML. */
  shown?: { kind: 'created' | 'rolled' | 'revealed'; id: string; name: string; token: string }
  /** A live token to offer the reveal of, after the fresh sign-in a reveal asked for. */
  resume?: ApiTokenSummary | undefined
  notice?: string
  form?: { name?: string; scope?: string; description?: string; expiresAt?: string; errors?: FieldErrors }
  /** The request's time (the list's expiry warnings, the date picker's earliest day). */
  now: number
}

const SCOPES = [
  { value: 'delivery', label: 'delivery: read published content' },
  { value: 'preview', label: 'preview: read drafts and published content' },
  { value: 'management', label: 'management: read and write content' },
] as const

// One sentence each, both true: the page never shows a token twice, and a reveal needs a fresh sign-in.
const CREATED_NOTE =
  'Copy it now: this page will not show it again, though a space admin can reveal it later from this list after a fresh sign-in (each reveal is recorded in the audit log).'
const ROLLED_NOTE =
  'Copy it now and put it where the previous one was: the previous token keeps working for 1 hour, then stops. This page will not show the new token again.'
const REVEALED_NOTE =
  'This reveal was recorded in the audit log, and the token is not shown again when you leave or reload this page.'

const SHOWN_HEADING = { created: 'Your new token', rolled: 'New token for', revealed: 'Token' } as const
const SHOWN_NOTE = { created: CREATED_NOTE, rolled: ROLLED_NOTE, revealed: REVEALED_NOTE } as const

/**
 * The address of the list with `query` (defaults left out), plus a fragment.
 * @example tokensHref(base, { q: 'web', page: 2, rpage: 1 }) // `${base}?q=web&page=2`
 */
function tokensHref(base: string, query: TokenListQuery, fragment = ''): string {
  const params = new URLSearchParams()
  if (query.q !== '') params.set('q', query.q)
  if (query.page > 1) params.set('page', String(query.page))
  if (query.rpage > 1) params.set('rpage', String(query.rpage))
  const search = params.toString()
  return `${base}${search ? `?${search}` : ''}${fragment}`
}

/**
 * The page.
 * @example c.html(<ApiTokensPage viewer={viewer} space={space} live={live} revoked={revoked} query={query} />)
 */
export const ApiTokensPage: FC<ApiTokensProps> = (p) => {
  const base = `/spaces/${p.space.id}/settings/tokens`
  const scopeError = p.form?.errors?.scope
  const q = p.query.q
  const nothingYet = q === '' && p.live.total === 0 && p.revoked.total === 0
  return (
    <Layout title={`API tokens · ${p.space.name}`} viewer={p.viewer}>
      <SpaceTabs space={p.space} current="tokens" roles={p.viewer.roles} />
      <h1>API tokens</h1>
      {p.notice ? <ResultNotice tone="ok">{p.notice}</ResultNotice> : null}
      {p.shown ? (
        <section
          class="card"
          id={p.shown.kind === 'revealed' ? `card-${p.shown.id}` : 'new-token'}
          tabindex={-1}
          aria-labelledby="shown-token"
        >
          <h2 id="shown-token">
            {SHOWN_HEADING[p.shown.kind]} “{p.shown.name}”
          </h2>
          <CopyValue id="token-value" value={p.shown.token} label="Copy token" />
          <p class="hint">{SHOWN_NOTE[p.shown.kind]}</p>
        </section>
      ) : null}
      {p.resume ? (
        <section class="card" id="reveal-now" tabindex={-1} aria-labelledby="reveal-now-title">
          <h2 id="reveal-now-title">Reveal “{p.resume.name}”</h2>
          <p>You signed in again: reveal the token ending in {p.resume.last4} now.</p>
          <form method="post" action={`${base}/${p.resume.id}/reveal`}>
            <CsrfField token={p.viewer.csrf} />
            <button type="submit">Reveal {p.resume.name} now</button> <a href={base}>Not now</a>
          </form>
        </section>
      ) : null}
      <section class="card" aria-labelledby="create-token">
        <h2 id="create-token">Create a token</h2>
        <ErrorSummary errors={p.form?.errors} />
        <form method="post" action={base} novalidate>
          <CsrfField token={p.viewer.csrf} />
          <Field name="name" label="Name" value={p.form?.name} error={p.form?.errors?.name} required />
          <Field
            name="description"
            label="Description (optional)"
            value={p.form?.description}
            error={p.form?.errors?.description}
            hint="What the token is for, so whoever tidies this list later knows."
          />
          <ExpirySelect now={p.now} value={p.form?.expiresAt} error={p.form?.errors?.expiresAt} />
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
      <h2 id="live-tokens">Live tokens</h2>
      {nothingYet ? (
        <p class="empty">This space has no API tokens yet. Create one above.</p>
      ) : (
        <>
          <SearchForm action={base} label="Search tokens" q={q} />
          <p class="hint">
            {p.live.total === 1 ? '1 live token' : `${p.live.total} live tokens`}
            {q !== '' ? ` named like “${q}”` : ''}
            {p.live.pages > 1 ? ` · page ${p.query.page} of ${p.live.pages}` : ''}
          </p>
          {p.live.tokens.length > 0 ? (
            <TokenTable kind="live" tokens={p.live.tokens} base={base} csrf={p.viewer.csrf} now={p.now} />
          ) : (
            <p class="empty">{q !== '' ? 'No live token has a name like this.' : 'No live token here.'}</p>
          )}
          <Pager
            label="Pages of live tokens"
            page={p.query.page}
            pages={p.live.pages}
            href={(n) => tokensHref(base, { ...p.query, page: n }, '#live-tokens')}
          />
        </>
      )}
      {p.revoked.total > 0 ? (
        <details id="revoked" open={p.query.rpage > 1}>
          <summary>
            Revoked and expired tokens ({p.revoked.total}
            {q !== '' ? ` named like “${q}”` : ''})
          </summary>
          <p class="hint">
            Revoked and expired tokens authenticate nothing and cannot be revealed; they stay listed for the
            record.
          </p>
          <TokenTable kind="revoked" tokens={p.revoked.tokens} base={base} csrf={p.viewer.csrf} now={p.now} />
          <Pager
            label="Pages of revoked tokens"
            page={p.query.rpage}
            pages={p.revoked.pages}
            href={(n) => tokensHref(base, { ...p.query, rpage: n }, '#revoked')}
          />
        </details>
      ) : null}
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

/**
 * The roll confirmation: a new secret under the same name, the current one ending after the default overlap.
 * @example c.html(<RollTokenPage viewer={viewer} space={space} token={summary} />)
 */
export const RollTokenPage: FC<{ viewer: Viewer; space: SpaceRow; token: ApiTokenSummary }> = (p) => {
  const base = `/spaces/${p.space.id}/settings/tokens`
  return (
    <ConfirmPage
      viewer={p.viewer}
      title="Roll token"
      context={<SpaceTabs space={p.space} current="tokens" roles={p.viewer.roles} />}
      heading={`Roll “${p.token.name}”?`}
      consequence={
        <>
          A new {p.token.scope} token named “{p.token.name}” is shown once. The current one (ending in{' '}
          <code>{p.token.last4}</code>) keeps working for 1 hour, then stops; deploy the new one before then.
        </>
      }
      action={`${base}/${p.token.id}/roll`}
      confirmLabel="Roll token"
      cancelHref={base}
    />
  )
}
