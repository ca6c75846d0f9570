/**
 * `auditRepository`: the whole offline audit over a snapshot of the repository (file reader, tracked
 * files, workflow paths). It is pure: the CLI fills the snapshot from disk and `git ls-files`, the tests
 * from fixtures.
 */
import type { AuditFinding } from './finding.ts'
import { auditGeneratedFiles } from './generated.ts'
import { auditSecretFiles } from './git-ignore.ts'
import { renderProjectFiles, type SecretsProject } from './project.ts'
import { auditRunbookNames, isRunbook } from './runbook-names.ts'
import { workflowFindings } from './workflow-rules.ts'
import { auditWranglerConfig } from './wrangler-config.ts'

/**
 * What the audit reads of a repository.
 *
 * @example
 * ```ts
 * const snapshot: RepositorySnapshot = { readFile: (p) => files[p], tracked: Object.keys(files), workflowPaths: [] }
 * ```
 */
export interface RepositorySnapshot {
  /** A repository-relative file's text, or `undefined` when it does not exist. */
  readonly readFile: (path: string) => string | undefined
  /** Every tracked path (`git ls-files`). */
  readonly tracked: readonly string[]
  /** The workflow files (`.github/workflows/*.yml`) and local actions, tracked or not. */
  readonly workflowPaths: readonly string[]
  /** Git's verdict: is this path ignored (`git check-ignore --no-index`)? */
  readonly isIgnored: (path: string) => boolean
  /** Secret-file names beyond the usual ones: re-included by a `.gitignore`, or present. @default [] */
  readonly extraSecretFileNames?: readonly string[]
}

/**
 * Runs every offline check: stale generated files, wrangler.jsonc vars and `ENVIRONMENT`, ignored and
 * tracked secret files, and the workflows against the GitHub secrets inventory and the workflow rules.
 *
 * @example
 * ```ts
 * const findings = auditRepository(cmsProject, snapshot)
 * if (findings.length > 0) console.error(formatFindings(findings))
 * ```
 */
export function auditRepository(project: SecretsProject, snapshot: RepositorySnapshot): AuditFinding[] {
  const findings: AuditFinding[] = []
  const generated = renderProjectFiles(project, snapshot.readFile)
  findings.push(
    ...auditGeneratedFiles(
      generated.map((f) => ({ path: f.path, committed: snapshot.readFile(f.path), expected: f.content })),
    ),
  )
  const wranglerFile = `${project.workerDir}/wrangler.jsonc`
  const wrangler = snapshot.readFile(wranglerFile)
  if (wrangler === undefined)
    findings.push({ check: 'unreadable', file: wranglerFile, line: 1, message: 'is missing' })
  else {
    const options = { file: wranglerFile, definitionFile: project.envDefinitionFile }
    findings.push(...auditWranglerConfig(project.env, wrangler, options))
  }
  findings.push(
    ...auditSecretFiles({
      isIgnored: snapshot.isIgnored,
      tracked: snapshot.tracked,
      workerDirs: [project.workerDir],
      extraNames: snapshot.extraSecretFileNames ?? [],
    }),
  )
  const runbooks = snapshot.tracked.filter(isRunbook).flatMap((path) => {
    const source = snapshot.readFile(path)
    return source === undefined ? [] : [{ path, source }]
  })
  const entries = Object.entries(project.env.entries as Readonly<Record<string, { secret?: boolean }>>)
  findings.push(
    ...auditRunbookNames(
      runbooks,
      entries.filter(([, e]) => e.secret === true).map(([n]) => n),
    ),
  )
  const workflows = snapshot.workflowPaths.flatMap((path) => {
    const source = snapshot.readFile(path)
    return source === undefined ? [] : [{ path, source }]
  })
  const declarationSource = snapshot.readFile(project.declarationFile)
  findings.push(
    ...workflowFindings({
      github: project.github,
      workflows,
      declarationFile: project.declarationFile,
      ...(declarationSource === undefined ? {} : { declarationSource }),
    }),
  )
  return findings
}
