/**
 * Bytes per row of each table in the bench's local D1, measured from the SQLite file itself: the pages
 * of the table and of its indexes (SQLite's `dbstat`, through the system `sqlite3` in read-only mode; D1
 * does not expose `dbstat`), divided by its rows. Skipped, saying so, where no `sqlite3` is installed.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

function sqlite(file: string, sql: string): string[][] {
  const out = execFileSync('sqlite3', ['-readonly', '-separator', '\t', file, sql], { encoding: 'utf8' })
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
}

/**
 * The Markdown table of bytes per row for every table of 1,000 rows or more, or a sentence why there is none.
 * @example console.log(bytesPerRow(cms.persist))
 */
export function bytesPerRow(persist: string): string {
  const dir = join(persist, 'v3/d1/miniflare-D1DatabaseObject')
  const file = readdirSync(dir).find((name) => /^[0-9a-f]{64}\.sqlite$/.test(name))
  if (!file) return '(no local D1 file found)'
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' })
  } catch {
    return '(bytes per row skipped: no sqlite3 on PATH)'
  }
  const path = join(dir, file)
  const sizes = sqlite(
    path,
    `SELECT m.tbl_name, SUM(s.pgsize) FROM dbstat s JOIN sqlite_master m ON m.name = s.name
     WHERE m.tbl_name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND m.tbl_name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.tbl_name <> 'd1_migrations'
     GROUP BY m.tbl_name ORDER BY 2 DESC`,
  )
  const lines = ['| table | rows | bytes (table + indexes) | bytes per row |', '|---|---|---|---|']
  for (const [table, bytes] of sizes) {
    const [[rows = '0'] = []] = sqlite(path, `SELECT COUNT(*) FROM "${table}"`)
    // A table of a few rows is a few whole pages: no per-row figure to read from it.
    if (Number(rows) < 1000) continue
    lines.push(
      `| ${table} | ${Number(rows).toLocaleString('en')} | ${Number(bytes).toLocaleString('en')} | ${(Number(bytes) / Number(rows)).toFixed(0)} |`,
    )
  }
  return lines.join('\n')
}
