/**
 * Hand-written runbooks name Worker secrets in commands an operator copies: `wrangler secret put NAME`,
 * `wrangler secret delete NAME`, and the JSON keys piped into `wrangler secret bulk`. When a secret is
 * removed from the definition, a runbook that still names it would have an operator create a secret
 * nothing reads (the remote audit's leftover) or skip the one that replaced it. Changelogs are history and
 * are not read.
 */
import type { AuditFinding } from './finding.ts'

/** The generic name the docs use for "any secret", never a real one. */
const GENERIC = new Set(['NAME'])
const SECRET_COMMAND = /wrangler secret (?:put|delete) ([A-Z][A-Z0-9_]*)/g
/** `"NAME":"%s"` keys of the JSON a runbook pipes into `wrangler secret bulk`. */
const BULK_KEY = /"([A-Z][A-Z0-9_]*)":\s*"%s"/g

/**
 * Whether a tracked path is a runbook this check reads: Markdown, not a changelog or a changeset.
 *
 * @example
 * ```ts
 * isRunbook('docs/deploy.md') // true
 * isRunbook('packages/crypto/CHANGELOG.md') // false
 * ```
 */
export function isRunbook(path: string): boolean {
  return path.endsWith('.md') && !path.endsWith('CHANGELOG.md') && !path.startsWith('.changeset/')
}

/**
 * Reports every Worker secret name a runbook's commands use that the definition does not declare.
 *
 * @example
 * ```ts
 * auditRunbookNames([{ path: 'docs/deploy.md', source: 'npx wrangler secret put OLD_KEY' }], ['TOKEN_ENCRYPTION_KEY'])
 * // [{ check: 'stale-runbook', file: 'docs/deploy.md', line: 1, … }]
 * ```
 */
export function auditRunbookNames(
  files: readonly { readonly path: string; readonly source: string }[],
  secretNames: readonly string[],
): AuditFinding[] {
  const declared = new Set(secretNames)
  const findings: AuditFinding[] = []
  for (const file of files) {
    file.source.split('\n').forEach((text, index) => {
      const names = [...text.matchAll(SECRET_COMMAND), ...text.matchAll(BULK_KEY)].map((m) => m[1]!)
      for (const name of new Set(names)) {
        if (declared.has(name) || GENERIC.has(name)) continue
        const message = `names ${name}, which is not a Worker secret of the definition: remove the old \`wrangler secret\` reference, or use the name that replaced it`
        findings.push({ check: 'stale-runbook', file: file.path, line: index + 1, message })
      }
    })
  }
  return findings
}
