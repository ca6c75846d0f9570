/**
 * The audit log as CSV (RFC 4180: comma separated, CRLF, every field quoted, quotes doubled). Names are
 * text people typed (a token or space name), so a field that a spreadsheet would run as a formula (one
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'` (OWASP's advice on CSV
 * injection). Entries hold ids, names, fixed codes and times only: no secret can be in a cell.
 */
import type { NamedAuditEntry } from './service'

const COLUMNS = [
  'time',
  'actor_type',
  'actor',
  'actor_id',
  'action',
  'outcome',
  'reason',
  'space',
  'space_id',
  'target_type',
  'target',
  'target_id',
  'client_ip',
] as const

function cell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return `"${text.replaceAll('"', '""')}"`
}

/**
 * The CSV document of `entries`, with a header row.
 * @example return c.body(auditCsv(entries), 200, { 'content-type': 'text/csv; charset=utf-8' })
 */
export function auditCsv(entries: readonly NamedAuditEntry[]): string {
  const lines = [COLUMNS.map(cell).join(',')]
  for (const e of entries) {
    lines.push(
      [
        new Date(e.at).toISOString(),
        e.actor_type,
        e.actorName,
        e.actor_id,
        e.action,
        e.outcome,
        e.reason,
        e.spaceName,
        e.space_id,
        e.target_type,
        e.targetName,
        e.target_id,
        e.client_ip,
      ]
        .map(cell)
        .join(','),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}
