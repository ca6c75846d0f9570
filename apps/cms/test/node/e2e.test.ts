/**
 * End to end on `wrangler dev`: migrations applied and the development admin created by the real CLI into
 * a temporary `--persist-to`, the Worker served on 127.0.0.1 with a free port, a login over real HTTP.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const cmsDir = resolve(import.meta.dirname, '../..')
const env = {
  ...process.env,
  PATH: [join(cmsDir, 'node_modules/.bin'), join(cmsDir, '../../node_modules/.bin'), process.env.PATH].join(
    delimiter,
  ),
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      )
    })
  })
}

let persist: string
let server: ChildProcess | undefined
let base: string
let admin: { email: string; password: string }

beforeAll(async () => {
  persist = mkdtempSync(join(tmpdir(), 'cms-e2e-'))
  await run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], {
    cwd: cmsDir,
    env,
  })
  const { stdout } = await run('tsx', ['scripts/users.ts', 'dev-admin', '--persist-to', persist], {
    cwd: cmsDir,
    env,
  })
  admin = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')
  const [port, inspector] = [await freePort(), await freePort()]
  base = `http://127.0.0.1:${port}`
  server = spawn(
    'wrangler',
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspector),
      '--persist-to',
      persist,
      '--show-interactive-dev-session=false',
      '--var',
      'ENVIRONMENT:development',
      '--var',
      'AUTH_PROVIDER:local',
      '--var',
      'AUTH_JWT_SECRET:e2e-session-secret-7Gq2Lr9Xw4Kd8Pz1Mv6Bn3Ht',
      '--var',
      `TOKEN_ENCRYPTION_KEY:${'ab'.repeat(32)}`,
    ],
    { cwd: cmsDir, env, stdio: 'ignore', detached: true },
  )
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('wrangler dev did not become ready')
    await new Promise((r) => setTimeout(r, 250))
  }
})

afterAll(() => {
  // The whole process group we started (wrangler and its workerd child), by pid.
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  if (persist) rmSync(persist, { recursive: true, force: true })
})

describe('the CMS on wrangler dev', () => {
  it('serves /healthz with security headers', async () => {
    const res = await fetch(`${base}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('logs the development admin in over HTTP with the right cookie flags, then logs out', async () => {
    const cross = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.test' },
      body: JSON.stringify(admin),
    })
    expect(cross.status).toBe(403)

    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    })
    expect(res.status).toBe(200)
    const [cookie] = res.headers.getSetCookie()
    // Development over plain http: the plain name (browsers refuse __Host- without https), never Secure.
    expect(cookie).toMatch(/^cms_session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; /)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).toMatch(/Max-Age=28800/)
    expect(cookie).not.toMatch(/; Secure/)
    const pair = cookie?.split(';')[0] ?? ''

    const me = await fetch(`${base}/api/auth/me`, { headers: { cookie: pair } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ email: admin.email, roles: { global: ['admin'] } })

    const out = await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: pair, origin: base },
    })
    expect(out.status).toBe(204)
    expect((await fetch(`${base}/api/auth/me`, { headers: { cookie: pair } })).status).toBe(401)
  })
})
