/**
 * Local secret files (`.dev.vars`, `.env*`) must be git-ignored and never tracked. Whether a path is
 * ignored is git's own verdict (`git check-ignore`, asked by the CLI), never a re-implementation of
 * gitignore rules: git sees every `.gitignore` in the working tree, untracked nested ones included (a
 * stray `apps/cms/.gitignore` with `!.dev.vars` un-ignores the file), plus `.git/info/exclude`. This
 * module is pure: it takes the tracked list and the verdict as data.
 */
import type { AuditFinding } from './finding.ts'

const NAMES = ['.dev.vars', '.dev.vars.staging', '.env', '.env.local']

/** `.dev.vars`, `.dev.vars.<env>`, `.env`, `.env.<anything>`, except the committed examples. */
function isSecretFile(path: string): boolean {
  const name = path.split('/').at(-1) ?? ''
  if (name === '.dev.vars.example' || name === '.env.example') return false
  return /^\.dev\.vars(\..+)?$/.test(name) || /^\.env(\..+)?$/.test(name)
}

/**
 * The paths whose ignore status is checked: `.dev.vars`, `.dev.vars.staging`, `.env` and `.env.local` at
 * the root and in every Worker directory (the CLI asks `git check-ignore` about exactly these).
 *
 * @example
 * ```ts
 * secretFileCandidates(['apps/cms']) // ['.dev.vars', …, 'apps/cms/.env.local']
 * ```
 */
export function secretFileCandidates(workerDirs: readonly string[]): string[] {
  const dirs = ['', ...workerDirs.filter((dir) => dir !== '')]
  return dirs.flatMap((dir) => NAMES.map((name) => (dir === '' ? name : `${dir}/${name}`)))
}

/**
 * Input of {@link auditSecretFiles}.
 *
 * @example
 * ```ts
 * const input: SecretFilesInput = { tracked: [], workerDirs: ['apps/cms'], isIgnored: () => true }
 * ```
 */
export interface SecretFilesInput {
  /** Every tracked path (`git ls-files`). */
  readonly tracked: readonly string[]
  /** Directories holding a wrangler config, where `.dev.vars` would be created. */
  readonly workerDirs: readonly string[]
  /** Git's verdict for a path of {@link secretFileCandidates} (`git check-ignore --no-index`). */
  readonly isIgnored: (path: string) => boolean
}

/**
 * Reports tracked secret files and the candidates git would not ignore.
 *
 * @example
 * ```ts
 * auditSecretFiles({ tracked: ['apps/cms/.dev.vars'], workerDirs: ['apps/cms'], isIgnored: () => true })
 * // [{ check: 'secret-file-tracked', file: 'apps/cms/.dev.vars', line: 1, … }]
 * ```
 */
export function auditSecretFiles(input: SecretFilesInput): AuditFinding[] {
  const findings: AuditFinding[] = []
  for (const path of input.tracked) {
    if (isSecretFile(path)) {
      const message = 'is tracked by git: `git rm --cached` it, rotate every value it held, and ignore it'
      findings.push({ check: 'secret-file-tracked', file: path, line: 1, message })
    }
  }
  for (const path of secretFileCandidates(input.workerDirs)) {
    if (!input.isIgnored(path)) {
      const message =
        'is not git-ignored (`git check-ignore` says so): ignore `.dev.vars`, `.dev.vars.*`, `.env` and `.env.*`, and remove any `.gitignore` rule that re-includes it'
      findings.push({ check: 'secret-file-not-ignored', file: path, line: 1, message })
    }
  }
  return findings
}
