/**
 * The archive's object format: audit rows as NDJSON (one JSON object per line, the D1 columns and nothing
 * else, in the table's column order), gzipped with the platform's `CompressionStream`. Decoding checks
 * every line against the same column list, so an object that was cut short, edited or holds a field the
 * table has not is refused rather than half-read.
 */
import type { AuditRow } from './store'

/** The columns of `audit_log`, in table order: exactly what an archived line holds. */
export const AUDIT_COLUMNS: readonly (keyof AuditRow)[] = [
  'id',
  'at',
  'actor_type',
  'actor_id',
  'action',
  'outcome',
  'reason',
  'space_id',
  'target_type',
  'target_id',
  'client_ip',
]

/** The object did not decode to audit rows. */
export class ArchiveFormatError extends Error {
  override readonly name = 'ArchiveFormatError'
  readonly code = 'ERR_AUDIT_ARCHIVE_FORMAT'
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream))
  return new Uint8Array(await out.arrayBuffer())
}

/**
 * The gzipped NDJSON of `rows` (only the table's columns, whatever else the objects carry).
 * @example await bucket.put(key, await encodeArchive(rows))
 */
export async function encodeArchive(rows: readonly AuditRow[]): Promise<Uint8Array> {
  const lines = rows.map((row) => JSON.stringify(Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, row[c]]))))
  return pipe(new TextEncoder().encode(`${lines.join('\n')}\n`), new CompressionStream('gzip'))
}

function isRow(value: unknown): value is AuditRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const keys = Object.keys(value)
  if (keys.length !== AUDIT_COLUMNS.length || !AUDIT_COLUMNS.every((c, i) => keys[i] === c)) return false
  const row = value as Record<string, unknown>
  return (
    Number.isSafeInteger(row.id) &&
    Number.isSafeInteger(row.at) &&
    typeof row.action === 'string' &&
    AUDIT_COLUMNS.every((c) => row[c] === null || typeof row[c] === 'string' || typeof row[c] === 'number')
  )
}

/**
 * The rows of an archived object; `ArchiveFormatError` when any line is not exactly an audit row.
 * @example const rows = await decodeArchive(new Uint8Array(await object.arrayBuffer()))
 */
export async function decodeArchive(gzipped: Uint8Array): Promise<AuditRow[]> {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      await pipe(gzipped, new DecompressionStream('gzip')),
    )
  } catch (err) {
    throw new ArchiveFormatError('archived object is not gzipped UTF-8', { cause: err })
  }
  if (!text.endsWith('\n')) throw new ArchiveFormatError('archived object is cut short')
  return text
    .slice(0, -1)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch (err) {
        throw new ArchiveFormatError('archived line is not JSON', { cause: err })
      }
      if (!isRow(value)) throw new ArchiveFormatError('archived line is not an audit row')
      return value
    })
}
