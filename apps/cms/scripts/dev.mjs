/**
 * `pnpm dev`: creates `.dev.vars` from `.dev.vars.example` when missing (with a fresh
 * TOKEN_ENCRYPTION_KEY; an existing file is never touched), applies the D1 migrations locally, creates or
 * resets the development admin (here, never in a migration) and prints its login, then serves the Worker
 * on http://127.0.0.1:8787, or on the port `--port N` or `PORT` names (`dev-port.mjs`).
 */
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { devPort, wranglerDevArgs } from './dev-port.mjs'
import { cmsDir, toolEnv as env } from './tool-env.mjs'

// First, so a bad --port or PORT stops the script before it touches anything.
const port = devPort(process.argv.slice(2), process.env)

/** @type {(cmd: string, args: string[]) => string} */
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: cmsDir, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' })

const devVars = join(cmsDir, '.dev.vars')
if (existsSync(devVars)) {
  console.log('dev: keeping the existing .dev.vars')
} else {
  const example = readFileSync(join(cmsDir, '.dev.vars.example'), 'utf8')
  const key = randomBytes(32).toString('hex')
  const filled = example.replace(/^TOKEN_ENCRYPTION_KEY=.*$/m, `TOKEN_ENCRYPTION_KEY=${key}`)
  if (filled === example) throw new Error('.dev.vars.example has no TOKEN_ENCRYPTION_KEY line')
  // 'wx': fail rather than overwrite if the file appeared in the meantime.
  writeFileSync(devVars, filled, { flag: 'wx', mode: 0o600 })
  console.log('dev: created .dev.vars with a fresh TOKEN_ENCRYPTION_KEY')
}

console.log('dev: applying D1 migrations to the local database')
process.stdout.write(run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local']))

const admin = JSON.parse(run('tsx', ['scripts/users.ts', 'dev-admin']).trim().split('\n').at(-1) ?? '{}')
console.log('\n  Development admin (local D1 only; password reset on every `pnpm dev`):')
console.log(`    email:    ${admin.email}`)
console.log(`    password: ${admin.password}\n`)

console.log(`dev: serving on http://127.0.0.1:${port}`)
const child = spawn('wrangler', wranglerDevArgs(port), {
  cwd: cmsDir,
  env,
  stdio: 'inherit',
})
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
  process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
