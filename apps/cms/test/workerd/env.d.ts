/**
 * Test-only bindings (vitest.config.ts) and the main module for `cloudflare:test`.
 */
declare namespace Cloudflare {
  interface Env {
    AUTH_JWT_SECRET: string
    TOKEN_ENCRYPTION_KEY: string
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
  }
}
