/**
 * The dual-package hazard, on the built package as a consumer loads it: the issuer through `import` (the
 * ESM build) and the Hono adapter through `require` (the CommonJS build), so each has its own copy of the
 * error classes. A tampered session cookie must still be a 401, not a 500 from the adapter failing to
 * recognise the other copy's error. Runs in a plain Node child process (Node's resolver, not Vite's)
 * against `dist/`: turbo builds the package before its tests (`turbo.json`).
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { AUDIENCE, ISSUER, SECRET } from '../test/fixtures.ts'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

// Self-references resolve through package.json `exports`, exactly as a consumer's imports do.
const script = `
import { createRequire } from 'node:module'
const require = createRequire(process.cwd() + '/package.json')
const { createSessionIssuer } = await import('@alokai/auth-jwt')
const { sessionAuth } = require('@alokai/auth-jwt/hono')
const { Hono } = await import('hono')
const { SECRET, ISSUER, AUDIENCE } = process.env
const sessions = createSessionIssuer({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 600 })
const app = new Hono()
app.onError(() => new Response('internal', { status: 500 }))
app.use('/me', sessionAuth({ issuer: sessions }))
app.get('/me', (c) => c.text('ok'))
const token = await sessions.sign({ sub: 'user_1', sid: 'sess_1' })
const flipped = token.at(-2) === 'A' ? 'B' : 'A'
const tampered = token.slice(0, -2) + flipped + token.at(-1)
const status = async (value) => (await app.request('/me', { headers: { cookie: '__Host-session=' + value } })).status
console.log(JSON.stringify({
  esm: import.meta.resolve('@alokai/auth-jwt'),
  cjs: require.resolve('@alokai/auth-jwt/hono'),
  genuine: await status(token),
  tampered: await status(tampered),
}))
`

describe('an ESM issuer with the CommonJS Hono adapter (two copies of the package)', () => {
  it('answers a tampered session cookie with 401 and a genuine one with 200', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '--eval', script],
      { cwd: packageDir, env: { ...process.env, SECRET, ISSUER, AUDIENCE } },
    )
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')
    // Two builds really were loaded: the ESM entry and the CommonJS adapter.
    expect(report.esm).toMatch(/\/dist\/.*\.js$/)
    expect(report.cjs).toMatch(/\/dist\/.*\.cjs$/)
    expect(report.genuine).toBe(200)
    expect(report.tampered).toBe(401)
  })
})
