/**
 * The fresh consumer project: outside any workspace, `@alokai` routed to Verdaccio by its own `.npmrc`,
 * everything else from the public registry, authenticated through the repo's `registry.npmrc` template
 * as CI does. It installs the four published packages and runs the smoke script as ESM and as CommonJS.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ReleaseCheckError } from './errors.ts'
import { run } from './exec.ts'

/** What one smoke run reported. */
export interface SmokeReport {
  mode: 'esm' | 'cjs'
  checks: [string, boolean][]
  failed: string[]
  /** Resolved file URL of each package entry, to prove it came from the consumer's node_modules. */
  loadedFrom: Record<string, string>
  /** File URL of every `#runtime` module Node loaded (each package's backend, picked by its conditions). */
  runtimeFiles: string[]
}

/** Options of {@link installConsumer}. */
export interface ConsumerOptions {
  dir: string
  registryUrl: string
  /** Exact versions to install, by package name. */
  dependencies: Record<string, string>
  /** Environment for pnpm: the user-level npmrc and the variables it expands. */
  env: Record<string, string>
  secrets: readonly string[]
}

const smokeDir = fileURLToPath(new URL('../smoke/', import.meta.url))

/**
 * Writes the consumer project and installs its dependencies.
 *
 * @example
 * await installConsumer({ dir, registryUrl, dependencies: { '@alokai/env': '0.1.0' }, env, secrets })
 */
export async function installConsumer(options: ConsumerOptions): Promise<void> {
  await mkdir(options.dir, { recursive: true })
  const manifest = { name: 'alokai-release-consumer', private: true, dependencies: options.dependencies }
  await writeFile(join(options.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  // Only the scope goes to Verdaccio; jose and zod come from the public registry.
  await writeFile(join(options.dir, '.npmrc'), `@alokai:registry=${options.registryUrl}\n`)
  // An empty workspace file keeps pnpm from adopting a workspace above the temp dir.
  await writeFile(join(options.dir, 'pnpm-workspace.yaml'), 'packages: []\n')
  for (const file of ['checks.cjs', 'smoke.mjs', 'smoke.cjs', 'runtime-trace.mjs', 'runtime-hooks.mjs']) {
    await copyFile(join(smokeDir, file), join(options.dir, file))
  }
  await run('pnpm', ['install', '--config.engine-strict=true'], {
    cwd: options.dir,
    env: options.env,
    secrets: options.secrets,
    timeoutMs: 120_000,
  })
}

/**
 * Runs `smoke.mjs` or `smoke.cjs` in the consumer and returns its report; throws when a check failed.
 *
 * @example
 * const esm = await runSmoke(dir, 'esm')
 */
export async function runSmoke(dir: string, mode: 'esm' | 'cjs'): Promise<SmokeReport> {
  const args = mode === 'esm' ? ['--import', './runtime-trace.mjs', 'smoke.mjs'] : ['smoke.cjs']
  let stdout: string
  try {
    ;({ stdout } = await run(process.execPath, args, { cwd: dir, timeoutMs: 60_000 }))
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : 'failed'
    throw new ReleaseCheckError('ERR_RELEASE_SMOKE', `smoke (${mode}): ${detail}`, { cause })
  }
  const line = stdout.trim().split('\n').at(-1) ?? ''
  const report = JSON.parse(line) as SmokeReport
  if (report.failed.length > 0) {
    throw new ReleaseCheckError('ERR_RELEASE_SMOKE', `smoke (${mode}) failed: ${report.failed.join('; ')}`)
  }
  return report
}
