/**
 * The dual-package hazard, on the built package as a consumer loads it: the verifier through `import` (the
 * ESM build) and the Hono and Express adapters through `require` (the CommonJS build), so the verifier's
 * errors come from another copy of `OidcError` than the adapters'. A malformed bearer token must still be
 * a 401 `invalid_token`, not a 500 from an adapter failing to recognise the other copy's error. Runs in a
 * plain Node child process (Node's resolver, not Vite's) against `dist/`: turbo builds the package before
 * its tests (`turbo.json`). No IdP is needed: the token is refused before any key is fetched.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

// Self-references resolve through package.json `exports`, exactly as a consumer's imports do.
const script = `
import { createRequire } from 'node:module'
const require = createRequire(process.cwd() + '/package.json')
const { createOidcVerifier } = await import('@alokai/auth-oidc')
const hono = require('@alokai/auth-oidc/hono')
const express = require('@alokai/auth-oidc/express')
const { Hono } = await import('hono')
const verifier = createOidcVerifier({ issuer: 'https://login.example.com/', audience: 'api' })
// Its header is not JSON: refused as ERR_JWT_INVALID before any key is fetched.
const authorization = 'Bearer bm90LWpzb24.e30.c2ln'
const app = new Hono()
app.onError(() => new Response('internal', { status: 500 }))
app.use('/me', hono.oidcAuth({ verifier }))
app.get('/me', (c) => c.text('ok'))
const viaHono = await app.request('/me', { headers: { authorization } })
const viaExpress = await new Promise((resolve) => {
  const res = { statusCode: 200, headers: {}, setHeader(n, v) { this.headers[n] = v }, end() { resolve(this) } }
  express.oidcAuth({ verifier })({ headers: { authorization } }, res, () => resolve({ statusCode: 500, headers: {} }))
})
console.log(JSON.stringify({
  esm: import.meta.resolve('@alokai/auth-oidc'),
  cjs: [require.resolve('@alokai/auth-oidc/hono'), require.resolve('@alokai/auth-oidc/express')],
  hono: [viaHono.status, viaHono.headers.get('www-authenticate')],
  express: [viaExpress.statusCode, viaExpress.headers['www-authenticate'] ?? null],
}))
`

describe('an ESM verifier with the CommonJS adapters (two copies of the package)', () => {
  it('answers a malformed bearer token with 401 invalid_token from both adapters', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '--eval', script],
      {
        cwd: packageDir,
      },
    )
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')
    // Two builds really were loaded: the ESM entry and the CommonJS adapters.
    expect(report.esm).toMatch(/\/dist\/.*\.js$/)
    for (const adapter of report.cjs) expect(adapter).toMatch(/\/dist\/.*\.cjs$/)
    const challenge = 'Bearer realm="api", error="invalid_token"'
    expect(report.hono).toEqual([401, challenge])
    expect(report.express).toEqual([401, challenge])
  })
})
