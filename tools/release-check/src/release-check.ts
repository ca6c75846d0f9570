/**
 * The end-to-end release check: a real Verdaccio on 127.0.0.1, a scratch copy of the repo versioned by
 * changesets and published through the repo's `registry.npmrc`, every tarball inspected as the registry
 * serves it, a fresh consumer that installs all four packages, runs the smoke script as ESM and
 * CommonJS and type-checks a stranger's TypeScript project against them, and the example service (`examples/node-service`) installed from the registry and exercised over
 * HTTP. Verdaccio is stopped by its pid and the temp folder removed, whatever happens.
 */
import { randomBytes } from 'node:crypto'
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { installConsumer, runSmoke, type SmokeReport } from './consumer.ts'
import { checkConsumerTypes, type TypesReport } from './consumer-types.ts'
import { ReleaseCheckError } from './errors.ts'
import { type ExampleReport, installExample, runExample } from './example-service.ts'
import { run } from './exec.ts'
import { type ReleasedPackage, releasedPackages } from './packages.ts'
import { addTestChangeset, createScratchRepo } from './scratch-repo.ts'
import { fetchPublished, type PublishedPackage, peerRangeProblems, tarballProblems } from './tarball.ts'
import { createRegistryUser, installVerdaccio, type RunningVerdaccio, startVerdaccio } from './verdaccio.ts'

/** Options of {@link runReleaseCheck}. */
export interface ReleaseCheckOptions {
  /** The repository to copy. */
  repoRoot: string
  /** Progress lines (never a token). @default () => {} */
  log?: (line: string) => void
  /** Keep the temp folder for inspection. @default false */
  keepTemp?: boolean
  /** The packages to publish. @default releasedPackages */
  packages?: readonly ReleasedPackage[]
}

/** What a passing release check saw. */
export interface ReleaseCheckResult {
  /** Published version by package name. */
  versions: Record<string, string>
  /** Every published package, with its tarball listing. */
  published: PublishedPackage[]
  /** What is wrong with the published tarballs (see `tarballProblems`); empty when the release is clean. */
  problems: string[]
  /** Git tags changesets created in the scratch repo. */
  tags: string[]
  esm: SmokeReport
  cjs: SmokeReport
  /** The stranger's TypeScript project type-checked against the installed tarballs. */
  types: TypesReport
  /** The example service (`examples/node-service`), installed from the registry and exercised over HTTP. */
  example: ExampleReport
  /** Milliseconds per step. */
  timings: Record<string, number>
  /** The pid Verdaccio ran as (already stopped). */
  verdaccioPid: number
}

/**
 * Runs the whole check. A step that cannot go on (a command, the registry, a smoke check) throws a
 * {@link ReleaseCheckError}; tarball problems are collected in `problems`, which must be empty to pass.
 *
 * @example
 * const result = await runReleaseCheck({ repoRoot: process.cwd(), log: console.log })
 */
export async function runReleaseCheck(options: ReleaseCheckOptions): Promise<ReleaseCheckResult> {
  const log = options.log ?? (() => {})
  const packages = options.packages ?? releasedPackages
  const timings: Record<string, number> = {}
  const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now()
    log(`• ${step}`)
    try {
      return await fn()
    } finally {
      timings[step] = Date.now() - started
    }
  }
  const started = Date.now()
  const temp = await mkdtemp(join(tmpdir(), 'alokai-release-'))
  // Declared before the `try`, so a Verdaccio that fails to install or start still leaves no temp folder.
  let registry: RunningVerdaccio | undefined
  try {
    const install = await timed('install verdaccio', () => installVerdaccio())
    timings['install verdaccio'] = install.installMs || (timings['install verdaccio'] ?? 0)
    const running = await timed('start verdaccio', () => startVerdaccio(install.bin, join(temp, 'verdaccio')))
    registry = running
    const token = await createRegistryUser(
      running.url,
      'release-check',
      randomBytes(18).toString('base64url'),
    )
    const secrets = [token]
    // Exactly how CI and `pnpm release` authenticate: the repo's template as the user-level npmrc.
    const repo = join(temp, 'repo')
    const userconfig = join(temp, 'registry.npmrc')
    await copyFile(join(options.repoRoot, 'registry.npmrc'), userconfig)
    const registryEnv = {
      NPM_CONFIG_USERCONFIG: userconfig,
      ALOKAI_REGISTRY_URL: running.url,
      ALOKAI_REGISTRY_HOST: running.host,
      VERDACCIO_AUTH_TOKEN: token,
    }
    await timed('scratch copy', () => createScratchRepo(options.repoRoot, repo, packages))
    const changeset = join(options.repoRoot, 'node_modules', '@changesets', 'cli', 'bin.js')
    await timed('changeset version', async () => {
      await addTestChangeset(repo, packages)
      await run(process.execPath, [changeset, 'version'], { cwd: repo, secrets })
    })
    const versions: Record<string, string> = {}
    for (const pkg of packages) {
      const manifest = JSON.parse(await readFile(join(repo, pkg.dir, 'package.json'), 'utf8')) as {
        version: string
      }
      versions[pkg.name] = manifest.version
    }
    await timed('changeset publish', async () => {
      await run('git', ['commit', '-qam', 'chore(release): version packages'], { cwd: repo })
      await run(process.execPath, [changeset, 'publish'], { cwd: repo, env: registryEnv, secrets })
    })
    const { stdout: tagList } = await run('git', ['tag', '--list'], { cwd: repo })
    const tags = tagList.split('\n').filter(Boolean).sort()
    const published = await timed('inspect tarballs', async () => {
      const all: PublishedPackage[] = []
      for (const pkg of packages)
        all.push(await fetchPublished(running.url, token, pkg.name, versions[pkg.name]!))
      return all
    })
    // Returned rather than thrown, so one run also shows whether the packages install and work.
    const problems = [...published.flatMap(tarballProblems), ...peerRangeProblems(published)]
    const consumer = join(temp, 'consumer')
    await timed('consumer install', async () => {
      // jose for the smoke's own tokens; zod because @alokai/env takes it as a peer dependency.
      const jose = await catalogVersion(options.repoRoot, 'jose')
      // hono for the `@alokai/auth-oidc/hono` smoke check: an optional peer the consumer brings itself.
      const zod = await catalogVersion(options.repoRoot, 'zod')
      const hono = await catalogVersion(options.repoRoot, 'hono')
      // typescript and @types/node for the type check of a stranger's project (`types/`).
      const typescript = await catalogVersion(options.repoRoot, 'typescript')
      const nodeTypes = await catalogVersion(options.repoRoot, '@types/node')
      await installConsumer({
        dir: consumer,
        registryUrl: running.url,
        dependencies: { ...versions, jose, hono, zod, typescript, '@types/node': nodeTypes },
        env: registryEnv,
        secrets,
      })
    })
    const esm = await timed('smoke esm', () => runSmoke(consumer, 'esm'))
    const cjs = await timed('smoke cjs', () => runSmoke(consumer, 'cjs'))
    const types = await timed('consumer types', () => checkConsumerTypes(consumer))
    const exampleDir = join(temp, 'node-service')
    await timed('example install', () =>
      installExample({
        repoRoot: options.repoRoot,
        dir: exampleDir,
        registryUrl: running.url,
        versions,
        env: registryEnv,
        secrets,
      }),
    )
    const example = await timed('example service', () => runExample(exampleDir))
    timings.total = Date.now() - started
    return {
      versions,
      published,
      problems,
      tags,
      esm,
      cjs,
      types,
      example,
      timings,
      verdaccioPid: running.pid,
    }
  } finally {
    await registry?.stop()
    if (!options.keepTemp) await rm(temp, { recursive: true, force: true })
  }
}

/** Reads `name`'s pinned version from the `catalog:` of pnpm-workspace.yaml. */
async function catalogVersion(repoRoot: string, name: string): Promise<string> {
  const workspace = await readFile(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')
  const match = new RegExp(`^\\s+"?${name}"?:\\s*([^\\s#]+)`, 'm').exec(workspace)
  if (!match?.[1]) throw new ReleaseCheckError('ERR_RELEASE_PRECONDITION', `${name} is not in the catalog`)
  return match[1]
}
