/**
 * Starts the service on 127.0.0.1. Configuration comes from the environment: `OIDC_ISSUER`,
 * `OIDC_AUDIENCE`, `SESSION_SECRET` (at least 32 characters), `PORT` (0 picks a free one) and
 * `SECURE_COOKIE=false` for plain-http local runs. The first stdout line is `{"url": "http://127.0.0.1:…"}`,
 * so a test that starts it knows where it listens.
 */
import { createApp } from './app.mjs'

function required(name) {
  const value = process.env[name]
  if (value === undefined || value === '') {
    console.error(`${name} is not set`)
    process.exit(1)
  }
  return value
}

const app = createApp({
  issuer: required('OIDC_ISSUER'),
  audience: required('OIDC_AUDIENCE'),
  sessionSecret: required('SESSION_SECRET'),
  secureCookie: process.env.SECURE_COOKIE !== 'false',
})
const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }))
})
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.closeAllConnections()
    server.close(() => process.exit(0))
  })
}
