/**
 * The secrets inventory CLI behind the root scripts `pnpm secrets:generate` and `pnpm secrets:audit`, run
 * from source with tsx (no build: it always judges the code as it is now). `generate` writes
 * `docs/secrets.md` and `apps/cms/.dev.vars.example`; `audit`
 * runs the secrets page's "Inventory and audit" checklist and, with `--remote --env X`, compares the Worker
 * secrets in Cloudflare with the definition. This is the only source file that touches Node: it reads the
 * repository (files, `git ls-files`) and spawns wrangler, and hands plain data to the pure audit modules.
 * Exit codes: 0 clean, 1 findings (printed one per line), 2 usage error or an audit that could not run.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { AuditFinding } from './audit/finding.ts'
import { formatFindings } from './audit/finding.ts'
import { isSecretFile, reIncludedSecretNames, secretFileCandidates } from './audit/git-ignore.ts'
import { auditPlaceholders } from './audit/placeholders.ts'
import { renderProjectFiles } from './audit/project.ts'
import { auditRemoteSecrets, type WranglerRunner } from './audit/remote.ts'
import { auditRepository, type RepositorySnapshot } from './audit/repository.ts'
import { cmsProject } from './cms-project.ts'

const USAGE = `Usage:
  pnpm secrets:generate [--root DIR]                 write docs/secrets.md and apps/cms/.dev.vars.example
  pnpm secrets:audit [--root DIR]                    check the repository against the secrets inventory
  pnpm secrets:audit --remote --env ENV [--root DIR] also compare \`wrangler secret list\` of ENV
                                                     (production = the top level of wrangler.jsonc)
  pnpm deploy:preflight --env ENV [--root DIR]       refuse to deploy ENV while wrangler.jsonc holds a
                                                     placeholder account, D1 or KV id
Exit codes: 0 clean, 1 findings, 2 usage error or an audit that could not run (wrangler failed).`

/**
 * What the CLI talks to; tests pass their own streams, directory and wrangler runner.
 *
 * @example
 * ```ts
 * const io: CliIo = { cwd: process.cwd(), out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }
 * ```
 */
export interface CliIo {
  readonly cwd: string
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  /** Runs wrangler in the Worker directory. @default spawns the Worker's local wrangler */
  readonly wrangler?: (workerDir: string) => WranglerRunner
}

class UsageError extends Error {}

function repoRoot(io: CliIo, root: string | undefined): string {
  if (root !== undefined) return resolve(io.cwd, root)
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: io.cwd, encoding: 'utf8' }).trim()
  } catch {
    throw new UsageError('not inside a git repository: pass --root DIR')
  }
}

function snapshotOf(root: string): RepositorySnapshot {
  const readFile = (path: string): string | undefined => {
    const full = join(root, path)
    return existsSync(full) ? readFileSync(full, 'utf8') : undefined
  }
  let tracked: string[]
  try {
    const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
    tracked = out.split('\0').filter((p) => p !== '')
  } catch {
    throw new UsageError(`${root} is not a git repository (the audit needs \`git ls-files\`)`)
  }
  const dir = join(root, '.github', 'workflows')
  const workflowPaths = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => `.github/workflows/${name}`)
    : []
  const actions = join(root, '.github', 'actions')
  const actionPaths = existsSync(actions)
    ? readdirSync(actions)
        .sort()
        .map((name) => `.github/actions/${name}/action.yml`)
        .filter((path) => existsSync(join(root, path)))
    : []
  const extraNames = secretFileNames(root, [cmsProject.workerDir], readFile)
  const ignored = checkIgnore(root, secretFileCandidates([cmsProject.workerDir], extraNames))
  return {
    readFile,
    tracked,
    workflowPaths: [...workflowPaths, ...actionPaths],
    isIgnored: (p) => ignored.has(p),
    extraSecretFileNames: extraNames,
  }
}

/** Names a `.gitignore` (root or Worker directory) re-includes, and secret files that exist there. */
function secretFileNames(
  root: string,
  dirs: readonly string[],
  readFile: (path: string) => string | undefined,
): string[] {
  return ['', ...dirs].flatMap((dir) => [
    ...reIncludedSecretNames(readFile(dir === '' ? '.gitignore' : `${dir}/.gitignore`) ?? ''),
    ...(existsSync(join(root, dir)) ? readdirSync(join(root, dir)).filter(isSecretFile) : []),
  ])
}

/**
 * Git's own verdict on which paths are ignored: every `.gitignore` of the working tree (tracked or not),
 * `.git/info/exclude` and the global excludes. `--no-index` judges tracked paths by the rules too.
 */
function checkIgnore(root: string, paths: readonly string[]): ReadonlySet<string> {
  const result = spawnSync('git', ['check-ignore', '--no-index', '--stdin', '-z'], {
    cwd: root,
    input: paths.join('\0'),
    encoding: 'utf8',
  })
  // 0: some paths are ignored, 1: none is; anything else means git could not answer.
  if (result.status !== 0 && result.status !== 1) {
    throw new UsageError(`\`git check-ignore\` failed in ${root}`)
  }
  return new Set(result.stdout.split('\0').filter((p) => p !== ''))
}

/** Spawns the Worker's own wrangler (falling back to PATH); stderr goes to the terminal, stdout is read. */
function spawnWrangler(workerDir: string): WranglerRunner {
  const local = join(workerDir, 'node_modules', '.bin', 'wrangler')
  const command = existsSync(local) ? local : 'wrangler'
  return (args) =>
    new Promise((done) => {
      const child = spawn(command, [...args], { cwd: workerDir, stdio: ['ignore', 'pipe', 'inherit'] })
      let stdout = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk
      })
      child.on('error', () => done({ code: 127, stdout: '' }))
      child.on('close', (code) => done({ code: code ?? 1, stdout }))
    })
}

function report(io: CliIo, findings: readonly AuditFinding[], what = 'secrets audit'): number {
  if (findings.length === 0) {
    io.out(`${what}: no findings\n`)
    return 0
  }
  io.err(`${what}: ${findings.length} finding${findings.length === 1 ? '' : 's'}\n`)
  io.err(`${formatFindings(findings)}\n`)
  return 1
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      remote: { type: 'boolean', default: false },
      env: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help === true) {
    io.out(`${USAGE}\n`)
    return 0
  }
  const [command, ...rest] = positionals
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0]}`)
  if (command === 'generate') {
    if (values.remote === true || values.env !== undefined) throw new UsageError('generate takes only --root')
    const root = repoRoot(io, values.root)
    const read = (path: string) =>
      existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined
    for (const file of renderProjectFiles(cmsProject, read)) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true })
      writeFileSync(join(root, file.path), file.content)
      io.out(`wrote ${file.path}\n`)
    }
    return 0
  }
  if (command === 'preflight') {
    if (values.remote === true || values.env === undefined) throw new UsageError('preflight takes --env ENV')
    const root = repoRoot(io, values.root)
    const file = `${cmsProject.workerDir}/wrangler.jsonc`
    const source = existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : undefined
    if (source === undefined) throw new UsageError(`${file} is missing`)
    try {
      return report(io, auditPlaceholders(source, file, values.env), 'deploy preflight')
    } catch (error) {
      if (error instanceof RangeError || error instanceof SyntaxError) throw new UsageError(error.message)
      throw error
    }
  }
  if (command !== 'audit')
    throw new UsageError(command === undefined ? 'missing command' : `unknown command: ${command}`)
  if (values.remote === true && values.env === undefined) throw new UsageError('--remote needs --env ENV')
  if (values.remote !== true && values.env !== undefined)
    throw new UsageError('--env is used only with --remote')
  const root = repoRoot(io, values.root)
  const snapshot = snapshotOf(root)
  const findings = auditRepository(cmsProject, snapshot)
  if (values.remote === true && values.env !== undefined) {
    const wranglerFile = `${cmsProject.workerDir}/wrangler.jsonc`
    const wranglerSource = snapshot.readFile(wranglerFile)
    if (wranglerSource === undefined) throw new UsageError(`${wranglerFile} is missing`)
    const workerDir = join(root, cmsProject.workerDir)
    const runner = (io.wrangler ?? spawnWrangler)(workerDir)
    try {
      findings.push(
        ...(await auditRemoteSecrets({
          def: cmsProject.env,
          wranglerSource,
          wranglerFile,
          environment: values.env,
          run: runner,
        })),
      )
    } catch (error) {
      if (error instanceof RangeError || error instanceof SyntaxError) throw new UsageError(error.message)
      throw error
    }
  }
  const code = report(io, findings)
  // A remote audit that could not ask Cloudflare proved nothing: 2, never the 1 of "findings".
  return findings.some((f) => f.check === 'remote-failed') ? 2 : code
}

/**
 * Runs the CLI with these arguments and answers the exit code; a usage error prints the usage and
 * answers 2.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), out: console.log, err: console.error })
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io)
  } catch (error) {
    // node:util parseArgs throws ERR_PARSE_ARGS_* for unknown options and missing option values.
    const code = (error as { code?: unknown }).code
    const usage =
      error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    if (!usage) throw error
    io.err(`secrets: ${(error as Error).message}\n\n${USAGE}\n`)
    return 2
  }
}
