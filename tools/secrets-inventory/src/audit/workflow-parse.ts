/**
 * The one verdict on a workflow that does not parse: the YAML parser's own reason and the line it points
 * at, so a broken file is fixed from the CI log alone (both rule sets share it, so it is reported once).
 */
import type { Document, LineCounter } from 'yaml'
import { isMap } from 'yaml'
import type { AuditFinding } from './finding.ts'
import type { WorkflowFile } from './workflows.ts'

/**
 * The `unreadable` finding of a parsed workflow, or `undefined` when it is a YAML mapping.
 *
 * @example
 * ```ts
 * const lines = new LineCounter()
 * unreadableWorkflow(file, parseDocument(file.source, { lineCounter: lines }), lines)
 * // { check: 'unreadable', file, line: 7, message: 'is not valid YAML: Nested mappings are not allowed …' }
 * ```
 */
export function unreadableWorkflow(
  file: WorkflowFile,
  doc: Document.Parsed,
  lines: LineCounter,
): AuditFinding | undefined {
  const [error] = doc.errors
  if (error !== undefined) {
    // The parser's message ends with a quoted excerpt of the source: the first line is the reason.
    const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code
    const line = error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line
    return { check: 'unreadable', file: file.path, line, message: `is not valid YAML: ${reason}` }
  }
  if (!isMap(doc.contents)) {
    return {
      check: 'unreadable',
      file: file.path,
      line: 1,
      message: 'is not a workflow: a YAML mapping is expected',
    }
  }
  return undefined
}
