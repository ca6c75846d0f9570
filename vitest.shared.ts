/**
 * The one vitest setup every package shares: each test file runs twice, once in Node and once inside
 * workerd (the runtime the packages ship to), and the counts land in `.vitest/results.json`, which
 * `.ci/run` sums into its final line.
 */
import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig, type ViteUserConfig } from 'vitest/config'

export interface PackageTestOptions {
  /** Test files that only make sense in Node (they start real servers, spawn processes, read files). */
  nodeOnly?: string[]
  /** Test files that only make sense in workerd (Cache API, KV). */
  workerdOnly?: string[]
  /** Extra miniflare options for the workerd project (KV namespaces, bindings). */
  miniflare?: Record<string, unknown>
  /** Per-test timeout in ms. @default 20000 */
  testTimeout?: number
  /** Module aliases for both projects (a workspace package resolved to its source). @default {} */
  alias?: Record<string, string>
}

const compatibilityDate = '2026-04-20'

/** Builds a package's vitest config with a `node` and a `workerd` project. */
export function packageTestConfig(options: PackageTestOptions = {}): ViteUserConfig {
  const include = ['src/**/*.test.ts', 'test/**/*.test.ts']
  const testTimeout = options.testTimeout ?? 20_000
  const resolve = { alias: options.alias ?? {} }
  return defineConfig({
    test: {
      reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
      projects: [
        {
          resolve,
          test: {
            name: 'node',
            environment: 'node',
            include,
            exclude: options.workerdOnly ?? [],
            testTimeout,
          },
        },
        {
          resolve,
          plugins: [
            cloudflareTest({
              miniflare: {
                compatibilityDate,
                compatibilityFlags: ['nodejs_compat'],
                ...options.miniflare,
              },
            }),
          ],
          test: {
            name: 'workerd',
            include,
            exclude: options.nodeOnly ?? [],
            testTimeout,
          },
        },
      ],
    },
  })
}
