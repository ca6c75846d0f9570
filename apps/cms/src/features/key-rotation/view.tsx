/**
 * Admin → Encryption keys: the value counts per kid per sealed column (primary, previous, or a kid no
 * configured key has), "Rewrap now" / "Reseal now" with the progress of the last batch run and a Continue
 * button while a pass is unfinished, and the next step in words. Kids are public key ids, never keys.
 * Columns go by what they hold (the registry's label), their `table.column` name only as code beside it;
 * "Rewrap now" is the primary action only while values are under a previous key.
 */
import type { Child, FC } from 'hono/jsx'
import { Badge, When } from '../../views/components/badge'
import { DangerButton, DangerLink } from '../../views/components/danger'
import { CsrfField, Notice } from '../../views/components/form'
import { TableScroll } from '../../views/components/table-scroll'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import type { KeyStatus } from './key-status'
import type { BatchReport } from './run-batch'

/** Props of {@link AdminKeysPage}. */
export interface AdminKeysProps {
  /** What each sealed column holds, in words (the registry's labels), by `table.column`. */
  columnLabels: Readonly<Record<string, string>>
  viewer: Viewer
  status: KeyStatus
  /** The pass just run, totalled over the batches of this request. */
  progress?: { report: BatchReport; batches: number; done: number; failed: number }
  problem?: string
}

// The service's own messages speak to API callers (backticks, endpoints); the page says it for a person.
function nextStepText(s: KeyStatus): Child {
  switch (s.nextStep.code) {
    case 'rewrap':
      return `${plural(s.totals.onPrevious, 'value is', 'values are')} still under a previous key: press “Rewrap now” until none remain.`
    case 'remove_previous':
      return (
        <>
          All values are on the primary key, and two counts at least 10 minutes apart were zero: remove the
          previous key now (<code>wrangler secret delete TOKEN_ENCRYPTION_KEY_PREVIOUS</code>).
        </>
      )
    case 'wait':
      return `All values are on the primary key; remove the previous key after ${new Date((s.zeroSince ?? Date.now()) + 10 * 60 * 1000).toISOString().replace('T', ' ').slice(0, 16)} UTC, once this page shows zero again then.`
    case 'rotate_when_needed':
      return (
        <>
          Every readable value is under the primary key and no previous key is configured: nothing to do. To
          rotate, set a new <code>TOKEN_ENCRYPTION_KEY</code> together with the current one as{' '}
          <code>TOKEN_ENCRYPTION_KEY_PREVIOUS</code> in one <code>wrangler secret bulk</code>.
        </>
      )
  }
}

/** `1 value is` / `3 values are`. */
function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** Text with `code` spans (the registry's labels are written for Markdown) as JSX, backticks gone. */
function withCode(text: string): Child {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))
}

/** What a column holds, in words, from the registry; its `table.column` name as code. */
const ColumnName: FC<{ table: string; column: string; label: string | undefined }> = ({
  table,
  column,
  label,
}) => {
  const name = (
    <code>
      {table}.{column}
    </code>
  )
  return label ? (
    <>
      {withCode(label)}
      <br />
      <span class="hint">{name}</span>
    </>
  ) : (
    name
  )
}

/** What the pass just run did, without claiming a move that did not happen. */
function progressText(progress: NonNullable<AdminKeysProps['progress']>): string {
  const { report, batches, done, failed } = progress
  const kind = report.kind === 'rewrap' ? 'Rewrap' : 'Reseal'
  const what =
    done === 0
      ? report.kind === 'rewrap'
        ? 'no value needed moving to the primary key'
        : 'no value was resealed'
      : report.kind === 'rewrap'
        ? `${plural(done, 'value', 'values')} moved to the primary key`
        : `${plural(done, 'value', 'values')} resealed under the primary key`
  const runs = `${batches} batch${batches === 1 ? '' : 'es'}`
  const failures = failed > 0 ? `, ${failed} failed` : ''
  const end = report.complete ? ' The pass is complete.' : ''
  return `${kind} run #${report.run}: ${what} in ${runs}, ${report.remaining} remaining${failures}.${end}`
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
  const continueRewrap = p.progress?.report.kind === 'rewrap' && !p.progress.report.complete
  const rewrapPending = continueRewrap || s.totals.onPrevious > 0
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
        <Notice tone={p.progress.failed > 0 ? 'bad' : 'ok'}>{progressText(p.progress)}</Notice>
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
      <TableScroll label="Values per key">
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
                  <ColumnName
                    table={c.table}
                    column={c.column}
                    label={p.columnLabels[`${c.table}.${c.column}`]}
                  />
                </th>
                {kids.map((k) => (
                  <td data-kid={k}>{c.byKid[k] ?? 0}</td>
                ))}
                <td>{c.unknownKid + c.malformed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <div class="card">
        <form method="post" action="/admin/keys/rewrap">
          <CsrfField token={p.viewer.csrf} />
          {continueRewrap && p.progress ? (
            <input type="hidden" name="run" value={String(p.progress.report.run)} />
          ) : null}
          {/* Primary only while there is something to rewrap (or a pass to finish). */}
          <button class={rewrapPending ? 'primary' : undefined} type="submit">
            {continueRewrap ? 'Continue rewrap' : 'Rewrap now'}
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
            <DangerButton>Continue reseal</DangerButton>
          </form>
        ) : (
          <p>
            <DangerLink href="/admin/keys/reseal">Reseal now…</DangerLink>{' '}
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
