import type { ViteUserConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.ts'

// A real Workers env for src/workers-env.workerd.test.ts: string vars beside a KV binding. Test fixtures only.
const config: ViteUserConfig = packageTestConfig({
  miniflare: {
    kvNamespaces: ['SESSIONS'],
    bindings: {
      AUTH_JWT_SECRET: 'test-only-session-secret-0123456789abcdef',
      TOKEN_ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
      TOKEN_ENCRYPTION_KEY_PREVIOUS: '',
      AUTH_PROVIDER: 'oidc',
      OIDC_ISSUER: 'https://idp.example.com',
      OIDC_AUDIENCE: 'cms-test',
      ENVIRONMENT: 'staging',
    },
  },
})

export default config
