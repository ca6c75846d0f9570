/**
 * The real consumer: `examples/node-service` (an Express service using `@alokai/auth-oidc/express` and
 * `@alokai/auth-jwt`) copied out of the repo, installed from Verdaccio with the versions just published,
 * started on 127.0.0.1 in front of a real OpenID Provider, and exercised over HTTP. The service and the
 * IdP are stopped by the check, the service by its pid, whatever happens.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cp, mkdir, readFile, realpath, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ReleaseCheckError } from './errors.ts'
import { run } from './exec.ts'
import { startIdp } from './idp.ts'
import { stopProcess } from './stop-process.ts'

/** What the run against the example service saw. */
export interface ExampleReport {
  checks: [string, boolean][]
  failed: string[]
  /** The pid the service ran as (already stopped). */
  pid: number
}

/** Options of {@link installExample}. */
export interface ExampleInstallOptions {
  repoRoot: string
  dir: string
  registryUrl: string
  /** The published version of each `@alokai` package. */
  versions: Record<string, string>
  env: Record<string, string>
  secrets: readonly string[]
}

const AUDIENCE = 'https://node-service.example'

/**
 * Copies the example out of the repo (so no workspace can link its `@alokai` deps), pins its `@alokai`
 * dependencies to the published versions and installs it, `@alokai` from Verdaccio and the rest from npmjs.
 *
 * @example
 * await installExample({ repoRoot, dir, registryUrl, versions, env, secrets })
 */
export async function installExample(options: ExampleInstallOptions): Promise<void> {
  const source = join(options.repoRoot, 'examples', 'node-service')
  await mkdir(options.dir, { recursive: true })
  await cp(join(source, 'src'), join(options.dir, 'src'), { recursive: true })
  const manifest = JSON.parse(await readFile(join(source, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
  }
  for (const name of Object.keys(manifest.dependencies)) {
    if (!name.startsWith('@alokai/')) continue
    const version = options.versions[name]
    if (version === undefined) {
      throw new ReleaseCheckError(
        'ERR_RELEASE_PRECONDITION',
        `the example needs ${name}, which is not published`,
      )
    }
    manifest.dependencies[name] = version
  }
  await writeFile(join(options.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await writeFile(join(options.dir, '.npmrc'), `@alokai:registry=${options.registryUrl}\n`)
  // An empty workspace file keeps pnpm from adopting a workspace above the temp dir.
  await writeFile(join(options.dir, 'pnpm-workspace.yaml'), 'packages: []\n')
  await run('pnpm', ['install', '--config.engine-strict=true'], {
    cwd: options.dir,
    env: options.env,
    secrets: options.secrets,
    timeoutMs: 120_000,
  })
}

/** Starts `node src/server.mjs` in `dir` and resolves with the child and the URL it printed. */
async function startService(dir: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['src/server.mjs'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const pid = child.pid
  if (pid === undefined) throw new ReleaseCheckError('ERR_RELEASE_SMOKE', 'the example service did not start')
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => reject(new Error('no address printed within 20 s')), 20_000)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const line = stdout.split('\n')[0]
      if (stdout.includes('\n') && line !== undefined) {
        clearTimeout(timer)
        const printed = (JSON.parse(line) as { url?: unknown }).url
        if (typeof printed === 'string') resolve(printed)
        else reject(new Error('the first line carries no url'))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code}`))
    })
  }).catch(async (cause: unknown) => {
    await stopProcess(child, pid)
    throw new ReleaseCheckError('ERR_RELEASE_SMOKE', 'the example service did not start', { cause })
  })
  return { child, pid, url }
}

/** Everything a response shows a client: body and headers. */
async function visible(response: Response): Promise<{ text: string; all: string }> {
  const text = await response.text()
  return { text, all: `${text}\n${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}` }
}

/** The `sub` of a JSON response body, if it has one. */
async function subjectOf(response: Response): Promise<unknown> {
  const body = (await response.json().catch(() => undefined)) as { sub?: unknown } | undefined
  return body?.sub
}

/** The `exp` of a JWT (read, not verified: the IdP that issued it is this check's own). */
function expiryOf(jwt: string): number {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    exp?: unknown
  }
  return typeof payload.exp === 'number' ? payload.exp : Number.NaN
}

/** The `Max-Age` of a `Set-Cookie` value. */
function maxAgeOf(setCookie: string | null): number {
  return Number(/;\s*Max-Age=(\d+)/i.exec(setCookie ?? '')?.[1] ?? Number.NaN)
}

function tamper(cookie: string): string {
  // Flip one character of the signature: still cookie-safe base64url, no longer the MAC.
  const i = cookie.length - 5
  return `${cookie.slice(0, i)}${cookie[i] === 'A' ? 'B' : 'A'}${cookie.slice(i + 1)}`
}

/**
 * Runs the service installed in `dir` against a fresh IdP and returns the checks; throws when one failed.
 *
 * @example
 * const report = await runExample(dir)
 */
export async function runExample(dir: string): Promise<ExampleReport> {
  const idp = await startIdp()
  const checks: [string, boolean][] = []
  const check = (name: string, ok: boolean): void => {
    checks.push([name, ok])
  }
  let pid = 0
  try {
    const service = await startService(dir, {
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: AUDIENCE,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      PORT: '0',
      SECURE_COOKIE: 'false',
    })
    pid = service.pid
    try {
      const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
        fetch(`${service.url}${path}`, { method, headers, signal: AbortSignal.timeout(15_000) })
      const good = await idp.token(AUDIENCE)
      const wrongAudience = await idp.token('https://another-service.example')

      const me = await get('/api/me', { authorization: `Bearer ${good}` })
      check(
        'bearer: an IdP token → 200 with its subject',
        me.status === 200 && (await subjectOf(me)) === idp.clientId,
      )

      const none = await get('/api/me')
      check(
        'bearer: no token → 401 WWW-Authenticate: Bearer',
        none.status === 401 &&
          /^Bearer realm="node-service"$/.test(none.headers.get('www-authenticate') ?? ''),
      )

      const wrong = await get('/api/me', { authorization: `Bearer ${wrongAudience}` })
      const shown = await visible(wrong)
      check(
        'bearer: wrong audience → 401 invalid_token, problem+json, token not echoed',
        wrong.status === 401 &&
          (wrong.headers.get('www-authenticate') ?? '').includes('error="invalid_token"') &&
          wrong.headers.get('content-type') === 'application/problem+json' &&
          wrongAudience.split('.').every((part) => !shown.all.includes(part)),
      )

      const login = await get('/session', { authorization: `Bearer ${good}` }, 'POST')
      const cookie = /^session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1]
      check(
        'session: POST /session with an IdP token sets an HttpOnly session cookie',
        login.status === 204 &&
          cookie !== undefined &&
          (login.headers.get('set-cookie') ?? '').includes('HttpOnly'),
      )

      const session = await get('/session/me', { cookie: `session=${cookie ?? ''}` })
      check(
        'session: the cookie → 200 with the subject',
        session.status === 200 && (await subjectOf(session)) === idp.clientId,
      )

      const tampered = await get('/session/me', { cookie: `session=${tamper(cookie ?? '')}` })
      check('session: a tampered cookie → 401', tampered.status === 401)
      const noCookie = await get('/session/me')
      check('session: no cookie → 401', noCookie.status === 401)
      const secondsLeft = expiryOf(good) - Math.floor(Date.now() / 1000)
      check(
        'session: the cookie lasts no longer than the IdP token it came from',
        maxAgeOf(login.headers.get('set-cookie')) <= secondsLeft + 1,
      )

      const logout = await get('/session/logout', { cookie: `session=${cookie ?? ''}` }, 'POST')
      const afterLogout = await get('/session/me', { cookie: `session=${cookie ?? ''}` })
      check(
        'session: sign-out clears the cookie and revokes the session (the old cookie → 401)',
        logout.status === 204 &&
          maxAgeOf(logout.headers.get('set-cookie')) === 0 &&
          afterLogout.status === 401,
      )

      // A token with 3 s left makes a session of at most 3 s, not an hour.
      const brief = await idp.token(AUDIENCE, 3)
      const briefLogin = await get('/session', { authorization: `Bearer ${brief}` }, 'POST')
      const briefCookie = /^session=([^;]+)/.exec(briefLogin.headers.get('set-cookie') ?? '')?.[1] ?? ''
      const waitMs = (expiryOf(brief) + 1) * 1000 - Date.now()
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)))
      const ended = await get('/session/me', { cookie: `session=${briefCookie}` })
      check(
        'session: ends when its IdP token expires (a 3 s token → a session of at most 3 s)',
        briefLogin.status === 204 &&
          maxAgeOf(briefLogin.headers.get('set-cookie')) <= 3 &&
          ended.status === 401,
      )

      const installed = await realpath(join(dir, 'node_modules', '@alokai', 'auth-oidc'))
      check(
        'the packages come from the example’s own node_modules',
        installed.startsWith(await realpath(dir)),
      )
    } finally {
      await stopProcess(service.child, service.pid)
    }
  } finally {
    await idp.stop()
  }
  const failed = checks.filter(([, ok]) => !ok).map(([name]) => name)
  if (failed.length > 0) {
    throw new ReleaseCheckError('ERR_RELEASE_SMOKE', `example service failed: ${failed.join('; ')}`)
  }
  return { checks, failed, pid }
}
