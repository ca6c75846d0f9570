// The CommonJS consumer: `require` resolves each package's `exports["."].require` (dist/*.cjs).
'use strict'

const { runSmoke, report } = require('./checks.cjs')

const names = [
  '@alokai/env',
  '@alokai/crypto',
  '@alokai/auth-jwt',
  '@alokai/auth-oidc',
  '@alokai/auth-oidc/hono',
  '@alokai/auth-oidc/express',
]
const loadedFrom = Object.fromEntries(names.map((name) => [name, `file://${require.resolve(name)}`]))

async function main() {
  const modules = {
    env: require('@alokai/env'),
    // zod is @alokai/env's peer dependency: the consumer installs it itself.
    zod: require('zod'),
    crypto: require('@alokai/crypto'),
    jwt: require('@alokai/auth-jwt'),
    oidc: require('@alokai/auth-oidc'),
    oidcHono: require('@alokai/auth-oidc/hono'),
    oidcExpress: require('@alokai/auth-oidc/express'),
    hono: require('hono'),
    // jose 6 ships CommonJS too: the consumer's own dependency, from the public registry.
    jose: require('jose'),
  }
  const checks = await runSmoke(modules)
  // `require` fills the module cache: the `#runtime` files are the loaded dist/runtime-* modules.
  const runtimeFiles = Object.keys(require.cache)
    .filter((file) => /[\\/]dist[\\/]runtime-[a-z]+\.cjs$/.test(file))
    .map((file) => `file://${file}`)
    .sort()
  report('cjs', checks, loadedFrom, runtimeFiles)
}

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ mode: 'cjs', crashed: error?.code ?? 'error' })}\n`)
  process.exitCode = 1
})
