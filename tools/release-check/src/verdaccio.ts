/**
 * A real Verdaccio 6.8.0 on 127.0.0.1 for the release check: installed once per machine into a cache folder
 * outside the workspace (with the `node-fetch` override it needs on Node 20), started with a throwaway
 * config (temp storage, htpasswd auth, no uplinks), and stopped by its pid.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ReleaseCheckError } from './errors.ts'
import { run } from './exec.ts'
import { freePort } from './free-port.ts'
import { stopProcess } from './stop-process.ts'

/** The Verdaccio release pinned in `docs/toolchain.md`: 6.10 refuses to start on Node 20. */
const verdaccioVersion = '6.8.0'

/** Where Verdaccio is installed and how long it took. */
export interface VerdaccioInstall {
  /** The `verdaccio` bin script, run with `node`. */
  bin: string
  /** Milliseconds spent installing; 0 when a cached install was reused. */
  installMs: number
}

/**
 * Installs Verdaccio into `<cacheRoot>/verdaccio-<version>` with pnpm, or reuses that install.
 *
 * @example
 * const { bin } = await installVerdaccio()
 */
export async function installVerdaccio(
  cacheRoot: string = join(tmpdir(), 'alokai-release-check'),
): Promise<VerdaccioInstall> {
  const dir = join(cacheRoot, `verdaccio-${verdaccioVersion}`)
  const bin = join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio')
  if (existsSync(bin)) return { bin, installMs: 0 }
  const started = Date.now()
  // Install beside the final folder and rename, so a run stopped half-way never leaves a broken cache.
  const staging = `${dir}.${process.pid}.tmp`
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  const manifest = { name: 'verdaccio-runtime', private: true, dependencies: { verdaccio: verdaccioVersion } }
  await writeFile(join(staging, 'package.json'), JSON.stringify(manifest, null, 2))
  // Its own pnpm-workspace.yaml makes the folder a workspace root of its own and carries the override:
  // a plain install fails with "No matching version found for node-fetch@cjs".
  await writeFile(join(staging, 'pnpm-workspace.yaml'), 'overrides:\n  node-fetch: 2.7.0\n')
  await run('pnpm', ['install', '--config.engine-strict=false'], { cwd: staging, timeoutMs: 180_000 })
  if (existsSync(bin)) {
    await rm(staging, { recursive: true, force: true })
  } else {
    await rename(staging, dir).catch(async () => rm(staging, { recursive: true, force: true }))
  }
  return { bin, installMs: Date.now() - started }
}

/** A running Verdaccio. */
export interface RunningVerdaccio {
  /** `http://127.0.0.1:<port>/` */
  url: string
  /** `127.0.0.1:<port>`, the host part an npmrc auth line is keyed by. */
  host: string
  pid: number
  /** Sends SIGTERM to the pid, then SIGKILL after 5 s, and resolves when the process has exited. */
  stop(): Promise<void>
}

/**
 * Starts Verdaccio with a config under `workDir` and waits until `/-/ping` answers.
 *
 * @example
 * const registry = await startVerdaccio(bin, workDir)
 * try { … } finally { await registry.stop() }
 */
export async function startVerdaccio(bin: string, workDir: string): Promise<RunningVerdaccio> {
  const port = await freePort()
  const host = `127.0.0.1:${port}`
  await mkdir(join(workDir, 'storage'), { recursive: true })
  const configPath = join(workDir, 'config.yaml')
  await writeFile(configPath, verdaccioConfig(workDir, host))
  const child = spawn(process.execPath, [bin, '--config', configPath], {
    cwd: workDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const pid = child.pid
  if (pid === undefined) throw new ReleaseCheckError('ERR_RELEASE_REGISTRY', 'Verdaccio did not start')
  const registry: RunningVerdaccio = {
    url: `http://${host}/`,
    host,
    pid,
    stop: () => stopProcess(child, pid),
  }
  try {
    await waitForPing(registry.url, child)
  } catch (cause) {
    await registry.stop()
    throw new ReleaseCheckError('ERR_RELEASE_REGISTRY', `Verdaccio did not answer /-/ping:\n${output}`, {
      cause,
    })
  }
  return registry
}

function verdaccioConfig(workDir: string, host: string): string {
  // No uplinks: the scratch projects route only @alokai here; everything else comes from npmjs directly.
  // Reading and publishing @alokai both need a login, so the check proves the token reaches both.
  return [
    `storage: ${JSON.stringify(join(workDir, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(workDir, 'htpasswd'))}`,
    '    max_users: 10',
    'uplinks: {}',
    'packages:',
    "  '@alokai/*':",
    '    access: $authenticated',
    '    publish: $authenticated',
    '    unpublish: $authenticated',
    "  '**':",
    '    access: $authenticated',
    '    publish: $authenticated',
    'server:',
    '  keepAliveTimeout: 60',
    `listen: ${host}`,
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n')
}

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`)
    const ok = await fetch(new URL('-/ping', url))
      .then((response) => response.ok)
      .catch(() => false)
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('timed out after 30 s')
}

/**
 * Creates an htpasswd user over Verdaccio's API and returns its bearer token.
 *
 * @example
 * const token = await createRegistryUser(registry.url, 'release-check', password)
 */
export async function createRegistryUser(url: string, name: string, password: string): Promise<string> {
  const response = await fetch(new URL(`-/user/org.couchdb.user:${encodeURIComponent(name)}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [] }),
  })
  const body = (await response.json().catch(() => ({}))) as { token?: unknown }
  if (response.status !== 201 || typeof body.token !== 'string') {
    throw new ReleaseCheckError(
      'ERR_RELEASE_REGISTRY',
      `creating the registry user answered ${response.status}`,
    )
  }
  return body.token
}
