/**
 * Local secret files (`.dev.vars`, `.env*`) must be git-ignored and never tracked. Whether a path is
 * ignored is git's own verdict (`git check-ignore`, asked by the CLI), never a re-implementation of
 * gitignore rules: git sees every `.gitignore` in the working tree, untracked nested ones included (a
 * stray `apps/cms/.gitignore` with `!.dev.vars` un-ignores the file), plus `.git/info/exclude`. This
 * module is pure: it takes the tracked list and the verdict as data.
 */
import type { AuditFinding } from './finding.ts'

/** The suffixes wrangler, dotenv tools and habit use: `.dev.vars.<env>`, `.env.<env>`, `.env.<env>.local`. */
const SUFFIXES = [
  '',
  '.local',
  '.development',
  '.staging',
  '.production',
  '.preview',
  '.test',
  '.production.local',
]
const NAMES = ['.dev.vars', '.env'].flatMap((base) => SUFFIXES.map((suffix) => `${base}${suffix}`))

/**
 * `.dev.vars`, `.dev.vars.<env>`, `.env`, `.env.<anything>`, except the committed examples.
 *
 * @example
 * ```ts
 * isSecretFile('apps/cms/.dev.vars.production') // true
 * ```
 */
export function isSecretFile(path: string): boolean {
  const name = path.split('/').at(-1) ?? ''
  if (name === '.dev.vars.example' || name === '.env.example') return false
  return /^\.dev\.vars(\..+)?$/.test(name) || /^\.env(\..+)?$/.test(name)
}

/**
 * The names a `.gitignore` re-includes (`!.dev.vars.production`, `!apps/cms/.env.*`) that would be secret
 * files, as concrete names to ask git about (a `*` becomes `probe`).
 *
 * @example
 * ```ts
 * reIncludedSecretNames('.env*\n!.env.production\n') // ['.env.production']
 * ```
 */
export function reIncludedSecretNames(gitignore: string): string[] {
  return gitignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => (line.slice(1).split('/').at(-1) ?? '').replace(/\*+/g, 'probe').replace(/[?[\]]/g, 'x'))
    .filter((name) => name !== '.dev.vars.example' && isSecretFile(name))
}

/**
 * The paths whose ignore status is checked: `.dev.vars` and `.env` with every usual suffix (`.local`,
 * `.staging`, `.production`, …), plus `extraNames` (names a `.gitignore` re-includes, secret files that
 * exist), at the root and in every Worker directory. The CLI asks `git check-ignore` about exactly these.
 *
 * @example
 * ```ts
 * secretFileCandidates(['apps/cms']) // ['.dev.vars', …, 'apps/cms/.env.production.local']
 * ```
 */
export function secretFileCandidates(
  workerDirs: readonly string[],
  extraNames: readonly string[] = [],
): string[] {
  const dirs = ['', ...workerDirs.filter((dir) => dir !== '')]
  const names = [...new Set([...NAMES, ...extraNames.filter(isSecretFile)])]
  return dirs.flatMap((dir) => names.map((name) => (dir === '' ? name : `${dir}/${name}`)))
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
  /** More names to check: re-included by a `.gitignore`, or present on disk. @default [] */
  readonly extraNames?: readonly string[]
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
  for (const path of secretFileCandidates(input.workerDirs, input.extraNames)) {
    if (!input.isIgnored(path)) {
      const message =
        'is not git-ignored (`git check-ignore` says so): ignore `.dev.vars`, `.dev.vars.*`, `.env` and `.env.*`, and remove any `.gitignore` rule that re-includes it'
      findings.push({ check: 'secret-file-not-ignored', file: path, line: 1, message })
    }
  }
  return findings
}
