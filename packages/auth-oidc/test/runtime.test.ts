/**
 * `#runtime` resolves as a consumer's runtime resolves the published package.json `imports` map: to
 * node:crypto in Node and to Web Crypto in workerd (whose `nodejs_compat` also matches `node`, so the web
 * conditions come first). `backends.ts` runs the suites on each path directly.
 */

import { describe, expect, it } from 'vitest'
import { runtime } from '#runtime'

const inWorkerd =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers'

describe('#runtime', () => {
  it('is the node:crypto signature path in Node and the Web Crypto one in workerd', () => {
    expect(runtime().name).toBe(inWorkerd ? 'web' : 'node')
  })
})
