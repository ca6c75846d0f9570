/**
 * What every audit check returns: findings that name the check, the file (and line when known) and a
 * precise message built from names only. Audited files hold no secret values by design, and the messages
 * never quote a value anyway, so printing the list in CI is safe.
 */

/**
 * Every check `pnpm secrets:audit` runs.
 *
 * @example
 * ```ts
 * const check: AuditCheck = 'secret-in-vars'
 * ```
 */
export type AuditCheck =
  | 'unreadable'
  | 'stale-generated'
  | 'secret-in-vars'
  | 'missing-environment-var'
  | 'secret-file-not-ignored'
  | 'secret-file-tracked'
  | 'undeclared-secret'
  | 'secret-scope'
  | 'unused-secret'
  | 'env-name-mismatch'
  | 'undeclared-var'
  | 'secret-like-var'
  | 'remote-failed'
  | 'remote-missing'
  | 'remote-undeclared'
  | 'placeholder-id'
  | 'workflow-trigger'
  | 'workflow-permissions'
  | 'workflow-structure'
  | 'workflow-run'
  | 'deploy-environment'
  | 'deploy-preflight'
  | 'cloudflare-account'
  | 'pages-static-only'
  | 'registry'
  | 'action-pin'
  | 'script-injection'
  | 'secret-in-script'
  | 'secret-in-define'
  | 'pull-request-secret'
  | 'used-by'
  | 'deploy-audit'
  | 'stale-runbook'

/**
 * One problem the audit found.
 *
 * @example
 * ```ts
 * const finding: AuditFinding = {
 *   check: 'secret-in-vars',
 *   file: 'apps/cms/wrangler.jsonc',
 *   line: 12,
 *   message: 'env.staging.vars holds AUTH_JWT_SECRET, a secret: use `wrangler secret put`',
 * }
 * ```
 */
export interface AuditFinding {
  readonly check: AuditCheck
  /** Repository-relative path. */
  readonly file: string
  /** 1-based line; 1 when the finding is about the whole file (a missing or stale file, say). */
  readonly line: number
  readonly message: string
}

/**
 * One line per finding, `file:line [check] message`, sorted by file then line, for the CLI and CI logs.
 *
 * @example
 * ```ts
 * formatFindings([{ check: 'unused-secret', file: 'x.ts', line: 3, message: 'FOO is read by no workflow' }])
 * // 'x.ts:3 [unused-secret] FOO is read by no workflow'
 * ```
 */
export function formatFindings(findings: readonly AuditFinding[]): string {
  return [...findings]
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
    .map((f) => `${f.file}:${f.line} [${f.check}] ${f.message}`)
    .join('\n')
}
