/**
 * The stale-file check: every generated file must equal what its generator renders now. A stale
 * `docs/secrets.md` documents secrets the code no longer reads (or misses new ones); a stale
 * `.dev.vars.example` hands developers the wrong variables.
 */
import type { AuditFinding } from './finding.ts'

/**
 * A generated file: what is committed (`undefined` when missing) and what the generator renders.
 *
 * @example
 * ```ts
 * const file: GeneratedFile = { path: 'docs/secrets.md', committed: text, expected: renderSecretsPage(input) }
 * ```
 */
export interface GeneratedFile {
  readonly path: string
  readonly committed: string | undefined
  readonly expected: string
}

function firstDifference(a: string, b: string): number {
  const x = a.split('\n')
  const y = b.split('\n')
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1
  return 1
}

/**
 * Reports each generated file that is missing or differs, with the first differing line. `command` is
 * what the message tells you to run (@default `pnpm secrets:generate`).
 *
 * @example
 * ```ts
 * auditGeneratedFiles([{ path: 'a.md', committed: 'old\n', expected: 'new\n' }])
 * // [{ check: 'stale-generated', file: 'a.md', line: 1, message: 'is stale: run `pnpm secrets:generate`' }]
 * ```
 */
export function auditGeneratedFiles(
  files: readonly GeneratedFile[],
  command: string = 'pnpm secrets:generate',
): AuditFinding[] {
  const findings: AuditFinding[] = []
  for (const file of files) {
    if (file.committed === undefined) {
      findings.push({
        check: 'stale-generated',
        file: file.path,
        line: 1,
        message: `is missing: run \`${command}\``,
      })
    } else if (file.committed !== file.expected) {
      const line = firstDifference(file.committed, file.expected)
      findings.push({
        check: 'stale-generated',
        file: file.path,
        line,
        message: `is stale: run \`${command}\``,
      })
    }
  }
  return findings
}
