/**
 * The audit log page: who did what to what, when, with which outcome, newest first — people and things by
 * name (an email, a token's name), ids beside them, actions in words (`domain/audit-labels.ts`) with their
 * code beside them for support; filters by actor, action, outcome and UTC dates; newer and older pages; a
 * CSV download of what the filter shows. Every column fits a 1280 px window (the table is `audit`, which
 * the stylesheet gives the width and the tighter type it needs), each time on one line. Entries hold ids,
 * names, fixed codes and times only, so nothing here can be a secret value.
 */
import type { FC } from 'hono/jsx'
import { auditActionLabel } from '../../domain/audit-labels'
import { Badge, When } from '../../views/components/badge'
import { ColumnHeads } from '../../views/components/column-heads'
import { SpaceTabs } from '../../views/components/space-tabs'
import { TableScroll } from '../../views/components/table-scroll'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceRow } from '../spaces/service'
import type { AuditQuery } from './filter'
import type { NamedAuditEntry } from './service'

/** Props of {@link AuditLogPage}. */
export interface AuditLogProps {
  viewer: Viewer
  /** The space, or undefined for the global log (which then shows a Space column). */
  space?: SpaceRow | undefined
  entries: NamedAuditEntry[]
  /** The filter as typed, and what is wrong with a field of it. */
  query: AuditQuery
  problems: Partial<Record<keyof AuditQuery, string>>
  /** The actions the filter offers (every action the CMS records). */
  actions: readonly string[]
  /** Links to the newer and older pages, or null at an end. */
  newer: string | null
  older: string | null
  /** The CSV download of this filter. */
  exportHref: string
  /** The first day still in D1: older entries are in the archive, which only the CSV (and API) read. */
  archivedBefore: string
}

const TONE = { success: 'ok', denied: 'warn', failure: 'bad' } as const

const Named: FC<{ name: string | undefined; kind: string | null; id: string | null }> = (p) =>
  p.id === null ? (
    <>{p.kind ?? '—'}</>
  ) : (
    <>
      {p.name ?? p.kind}
      <br />
      <code class="hint">{p.id}</code>
    </>
  )

const Filters: FC<{ query: AuditQuery; problems: AuditLogProps['problems']; actions: readonly string[] }> = (
  p,
) => {
  const error = (key: keyof AuditQuery) =>
    p.problems[key] ? (
      <p class="error" id={`audit-${key}-error`}>
        {p.problems[key]}
      </p>
    ) : null
  const described = (key: keyof AuditQuery) => (p.problems[key] ? `audit-${key}-error` : undefined)
  return (
    <form method="get" class="filters" aria-label="Filter the audit log">
      <div class="field">
        <label for="audit-actor">Who (email or id)</label>
        <input id="audit-actor" name="actor" value={p.query.actor} aria-describedby={described('actor')} />
        {error('actor')}
      </div>
      <div class="field">
        <label for="audit-action">Action</label>
        <select id="audit-action" name="action">
          <option value="">Any action</option>
          {p.actions.map((a) => (
            <option value={a} selected={a === p.query.action}>
              {auditActionLabel(a)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="audit-outcome">Outcome</label>
        <select id="audit-outcome" name="outcome">
          <option value="">Any outcome</option>
          {['success', 'denied', 'failure'].map((o) => (
            <option value={o} selected={o === p.query.outcome}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="audit-from">From (UTC)</label>
        <input
          id="audit-from"
          name="from"
          type="date"
          value={p.query.from}
          aria-describedby={['audit-dates-hint', described('from')].filter(Boolean).join(' ')}
        />
        {error('from')}
      </div>
      <div class="field">
        <label for="audit-to">To (UTC)</label>
        <input
          id="audit-to"
          name="to"
          type="date"
          value={p.query.to}
          aria-describedby={['audit-dates-hint', described('to')].filter(Boolean).join(' ')}
        />
        {error('to')}
      </div>
      <button type="submit">Filter</button> <a href="?">Clear</a>
      <p class="hint" id="audit-dates-hint">
        Whole days in UTC, as the times below: From is from 00:00 UTC, To includes the whole day.
      </p>
    </form>
  )
}

/**
 * The page.
 * @example c.html(<AuditLogPage viewer={v} entries={page.entries} query={typed} problems={{}} actions={[]} newer={null} older={null} exportHref="export.csv" archivedBefore="2025-11-02" />)
 */
export const AuditLogPage: FC<AuditLogProps> = (p) => (
  <Layout title={p.space ? `Audit log · ${p.space.name}` : 'Audit log'} viewer={p.viewer}>
    {p.space ? <SpaceTabs space={p.space} current="audit" roles={p.viewer.roles} /> : null}
    <h1>Audit log{p.space ? '' : ' (all spaces)'}</h1>
    <Filters query={p.query} problems={p.problems} actions={p.actions} />
    <p>
      <a href={p.exportHref} download>
        Download CSV
      </a>{' '}
      <span class="hint">(what this filter shows, newest first, up to 5,000 entries)</span>
    </p>
    <p class="hint">
      Entries from before {p.archivedBefore} move to the archive: these pages show the newer ones, the CSV
      download of a date range includes both.
    </p>
    {p.entries.length === 0 ? (
      <p class="empty">No entries{Object.values(p.query).some(Boolean) ? ' match this filter' : ' yet'}.</p>
    ) : (
      <TableScroll label="Audit log entries">
        <table class="audit">
          <ColumnHeads
            columns={['When', 'Who', 'Action', 'Outcome', 'Target', !p.space && 'Space', 'Client IP']}
          />
          <tbody>
            {p.entries.map((e) => (
              <tr>
                <td class="when">
                  <When at={e.at} />
                </td>
                <td>
                  <Named name={e.actorName} kind={e.actor_type} id={e.actor_id} />
                </td>
                <td class="action">
                  {auditActionLabel(e.action)}
                  <br />
                  <code class="action-code">{e.action}</code>
                </td>
                <td>
                  <Badge tone={TONE[e.outcome]}>{e.outcome}</Badge>
                  {e.reason ? <span class="hint"> {e.reason}</span> : null}
                </td>
                <td class="target">
                  <Named name={e.targetName} kind={e.target_type} id={e.target_id} />
                </td>
                {p.space ? null : (
                  <td class="space">
                    {e.space_id ? <a href={`/spaces/${e.space_id}`}>{e.spaceName ?? e.space_id}</a> : '—'}
                  </td>
                )}
                <td>{e.client_ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    )}
    <nav class="pager" aria-label="Audit log pages">
      {p.newer ? <a href={p.newer}>← Newer entries</a> : null}{' '}
      {p.older ? <a href={p.older}>Older entries →</a> : null}
    </nav>
  </Layout>
)
