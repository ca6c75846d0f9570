/**
 * Local secret files (`.dev.vars`, `.env*`) must be git-ignored and never tracked. The check takes the
 * `.gitignore` texts and the list of tracked files (`git ls-files`) as plain data and evaluates gitignore
 * rules itself (negation, anchoring, `*`, `?`, `**`, directory-only patterns, later rules winning), so it
 * runs anywhere and its tests need no git.
 */
import type { AuditFinding } from './finding.ts'

/**
 * A `.gitignore` file: the directory it sits in (`''` for the root) and its text.
 *
 * @example
 * ```ts
 * const root: IgnoreFile = { dir: '', source: '.dev.vars\n.env*\n' }
 * ```
 */
export interface IgnoreFile {
  readonly dir: string
  readonly source: string
}

interface Rule {
  readonly base: string
  readonly negate: boolean
  readonly dirOnly: boolean
  readonly regex: RegExp
}

function globToRegex(glob: string): string {
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/'
      out += slash ? '(?:.*/)?' : '.*'
      i += slash ? 2 : 1
    } else if (ch === '*') out += '[^/]*'
    else if (ch === '?') out += '[^/]'
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 1)
      if (end === -1) out += '\\['
      else {
        out += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`
        i = end
      }
    } else if (ch === '\\' && i + 1 < glob.length) out += `\\${glob[++i]}`
    else out += /[.+^${}()|\]\\]/.test(ch) ? `\\${ch}` : ch
  }
  return out
}

function parseRules(file: IgnoreFile): Rule[] {
  const rules: Rule[] = []
  for (const raw of file.source.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '')
    if (line === '' || line.startsWith('#')) continue
    const negate = line.startsWith('!')
    if (negate) line = line.slice(1)
    if (line.startsWith('\\')) line = line.slice(1)
    const dirOnly = line.endsWith('/')
    if (dirOnly) line = line.slice(0, -1)
    // A slash anywhere but the end anchors the pattern to the .gitignore's directory.
    const anchored = line.includes('/')
    const body = globToRegex(line.replace(/^\//, ''))
    rules.push({
      base: file.dir,
      negate,
      dirOnly,
      regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`),
    })
  }
  return rules
}

function verdict(rules: readonly Rule[], path: string, isDir: boolean): boolean | undefined {
  let ignored: boolean | undefined
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue
    const prefix = rule.base === '' ? '' : `${rule.base}/`
    if (!path.startsWith(prefix)) continue
    if (rule.regex.test(path.slice(prefix.length))) ignored = !rule.negate
  }
  return ignored
}

/**
 * Whether git would ignore `path` (repository-relative, `/`-separated, a file) under these ignore files.
 * A file inside an ignored directory is ignored whatever later rules say, as in git.
 *
 * @example
 * ```ts
 * isIgnored([{ dir: '', source: '.env*\n!.env.example\n' }], 'apps/cms/.env.local') // true
 * ```
 */
export function isIgnored(files: readonly IgnoreFile[], path: string): boolean {
  return ignoredBy(rulesOf(files), path)
}

/** Every file's rules, parents first, so a deeper `.gitignore` overrides its parent's. */
function rulesOf(files: readonly IgnoreFile[]): Rule[] {
  return [...files].sort((a, b) => a.dir.length - b.dir.length).flatMap(parseRules)
}

function ignoredBy(rules: readonly Rule[], path: string): boolean {
  const parts = path.split('/')
  for (let i = 1; i < parts.length; i++) {
    if (verdict(rules, parts.slice(0, i).join('/'), true) === true) return true
  }
  return verdict(rules, path, false) === true
}

/** `.dev.vars`, `.dev.vars.<env>`, `.env`, `.env.<anything>`, except the committed examples. */
function isSecretFile(path: string): boolean {
  const name = path.split('/').at(-1) ?? ''
  if (name === '.dev.vars.example' || name === '.env.example') return false
  return /^\.dev\.vars(\..+)?$/.test(name) || /^\.env(\..+)?$/.test(name)
}

/**
 * Input of {@link auditSecretFiles}.
 *
 * @example
 * ```ts
 * const input: SecretFilesInput = { ignoreFiles: [], tracked: [], workerDirs: ['apps/cms'] }
 * ```
 */
export interface SecretFilesInput {
  readonly ignoreFiles: readonly IgnoreFile[]
  /** Every tracked path (`git ls-files`). */
  readonly tracked: readonly string[]
  /** Directories holding a wrangler config, where `.dev.vars` would be created. */
  readonly workerDirs: readonly string[]
}

/**
 * Reports tracked secret files and the ones that would not be ignored: `.dev.vars`, `.dev.vars.staging`,
 * `.env` and `.env.local` in every Worker directory and at the root.
 *
 * @example
 * ```ts
 * auditSecretFiles({ ignoreFiles: [{ dir: '', source: '.dev.vars\n' }], tracked: [], workerDirs: ['apps/cms'] })
 * // a finding for apps/cms/.env: not ignored
 * ```
 */
export function auditSecretFiles(input: SecretFilesInput): AuditFinding[] {
  const findings: AuditFinding[] = []
  for (const path of input.tracked) {
    if (isSecretFile(path)) {
      const message = 'is tracked by git: `git rm --cached` it, rotate every value it held, and ignore it'
      findings.push({ check: 'secret-file-tracked', file: path, message })
    }
  }
  // Parsed once for every path checked below.
  const rules = rulesOf(input.ignoreFiles)
  const dirs = ['', ...input.workerDirs.filter((dir) => dir !== '')]
  for (const dir of dirs) {
    for (const name of ['.dev.vars', '.dev.vars.staging', '.env', '.env.local']) {
      const path = dir === '' ? name : `${dir}/${name}`
      if (!ignoredBy(rules, path)) {
        const message =
          'is not git-ignored: add `.dev.vars`, `.dev.vars.*`, `.env` and `.env.*` to .gitignore'
        findings.push({ check: 'secret-file-not-ignored', file: path, message })
      }
    }
  }
  return findings
}
