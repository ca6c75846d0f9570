/**
 * Admin → Encryption keys: the value counts per kid per sealed column (primary, previous, or a kid no
 * configured key has), "Rewrap now" / "Reseal now" with the progress of the last batch run and a Continue
 * button while a pass is unfinished, and the next step in words. Kids are public key ids, never keys.
 */
import type { FC } from 'hono/jsx'
import { Badge, When } from '../../views/components/badge'
import { CsrfField, Notice } from '../../views/components/form'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import type { KeyStatus } from './key-status'
import type { BatchReport } from './run-batch'

/** Props of {@link AdminKeysPage}. */
export interface AdminKeysProps {
  viewer: Viewer
  status: KeyStatus
  /** The pass just run, totalled over the batches of this request. */
  progress?: { report: BatchReport; batches: number; done: number; failed: number }
  problem?: string
}

function nextStepText(s: KeyStatus): string {
  switch (s.nextStep.code) {
    case 'rewrap':
      return `${s.totals.onPrevious} values are still under a previous key: press “Rewrap now” until none remain.`
    case 'remove_previous':
      return 'All values are on the primary key, and two counts at least 10 minutes apart were zero: remove the previous key now (wrangler secret delete TOKEN_ENCRYPTION_KEY_PREVIOUS).'
    case 'wait':
      return `All values are on the primary key; remove the previous key after ${new Date((s.zeroSince ?? Date.now()) + 10 * 60 * 1000).toISOString().replace('T', ' ').slice(0, 16)} UTC, once this page shows zero again then.`
    default:
      return s.nextStep.message
  }
}

function kidTone(s: KeyStatus, kid: string): { tone: 'ok' | 'warn' | 'bad'; label: string } {
  if (kid === s.primaryKid) return { tone: 'ok', label: 'primary' }
  if (s.previousKids.includes(kid)) return { tone: 'warn', label: 'previous' }
  return { tone: 'bad', label: 'no key' }
}

/**
 * The page.
 * @example c.html(<AdminKeysPage viewer={viewer} status={status} />)
 */
export const AdminKeysPage: FC<AdminKeysProps> = (p) => {
  const s = p.status
  const kids = [
    ...new Set([s.primaryKid, ...s.previousKids, ...s.columns.flatMap((c) => Object.keys(c.byKid))]),
  ]
  return (
    <Layout title="Encryption keys" viewer={p.viewer}>
      <h1>Encryption keys</h1>
      <p>
        Primary key <code>{s.primaryKid}</code>
        {s.previousKids.length > 0 ? (
          <>
            ; previous{' '}
            {s.previousKids.map((k) => (
              <code>{k}</code>
            ))}
          </>
        ) : (
          '; no previous key configured'
        )}
        .
      </p>
      {p.problem ? <Notice tone="bad">{p.problem}</Notice> : null}
      {p.progress ? (
        <Notice tone={p.progress.failed > 0 ? 'bad' : 'ok'}>
          {p.progress.report.kind === 'rewrap' ? 'Rewrap' : 'Reseal'} run #{p.progress.report.run}:{' '}
          {p.progress.done} values moved to the primary key in {p.progress.batches} batch
          {p.progress.batches === 1 ? '' : 'es'}, {p.progress.report.remaining} remaining
          {p.progress.failed > 0 ? `, ${p.progress.failed} failed` : ''}.
          {p.progress.report.complete ? ' The pass is complete.' : ''}
        </Notice>
      ) : null}
      <section class="notice" aria-labelledby="next-step">
        <h2 id="next-step">Next step</h2>
        <p id="next-step-text">{nextStepText(s)}</p>
        {s.zeroSince !== null ? (
          <p class="hint">
            Zero since <When at={s.zeroSince} />.
          </p>
        ) : null}
      </section>
      {s.warnings.map((w) => (
        <Notice tone="bad">{w}</Notice>
      ))}
      <table>
        <thead>
          <tr>
            <th scope="col">Column</th>
            {kids.map((k) => (
              <th scope="col">
                <code>{k}</code> <Badge tone={kidTone(s, k).tone}>{kidTone(s, k).label}</Badge>
              </th>
            ))}
            <th scope="col">Unreadable</th>
          </tr>
        </thead>
        <tbody>
          {s.columns.map((c) => (
            <tr>
              <th scope="row">
                <code>
                  {c.table}.{c.column}
                </code>
              </th>
              {kids.map((k) => (
                <td data-kid={k}>{c.byKid[k] ?? 0}</td>
              ))}
              <td>{c.unknownKid + c.malformed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="card">
        <form method="post" action="/admin/keys/rewrap">
          <CsrfField token={p.viewer.csrf} />
          {p.progress && !p.progress.report.complete && p.progress.report.kind === 'rewrap' ? (
            <input type="hidden" name="run" value={String(p.progress.report.run)} />
          ) : null}
          <button class="primary" type="submit">
            {p.progress && !p.progress.report.complete && p.progress.report.kind === 'rewrap'
              ? 'Continue rewrap'
              : 'Rewrap now'}
          </button>{' '}
          <span class="hint">
            Re-encrypts each value's data key under the primary key (fast; values unchanged).
          </span>
        </form>
        {p.progress && !p.progress.report.complete && p.progress.report.kind === 'reseal' ? (
          // Continuing a pass already confirmed: no second confirmation.
          <form method="post" action="/admin/keys/reseal">
            <CsrfField token={p.viewer.csrf} />
            <input type="hidden" name="run" value={String(p.progress.report.run)} />
            <button type="submit">Continue reseal</button>
          </form>
        ) : (
          <p>
            <a class="button danger" href="/admin/keys/reseal">
              Reseal now…
            </a>{' '}
            <span class="hint">
              Re-encrypts every value with a fresh data key (slower; after a suspected leak).
            </span>
          </p>
        )}
      </div>
    </Layout>
  )
}

/**
 * The reseal confirmation: what a reseal is for, and that a rotation needs only a rewrap.
 * @example c.html(<ResealConfirmPage viewer={viewer} values={42} />)
 */
export const ResealConfirmPage: FC<{ viewer: Viewer; values: number }> = (p) => (
  <ConfirmPage
    viewer={p.viewer}
    title="Reseal every value"
    heading={`Reseal all ${p.values} stored secret values?`}
    consequence="A reseal decrypts every stored secret (API tokens, MCP secrets, probe secrets) and encrypts it again with a fresh data key under the primary key. It is for after a suspected leak of stored values or data keys. To finish a key rotation, Rewrap is enough and much faster: it leaves the values as they are. Values keep working during the pass, which runs in batches; a large store may need several Continue steps."
    action="/admin/keys/reseal"
    confirmLabel="Reseal now"
    cancelHref="/admin/keys"
  />
)
