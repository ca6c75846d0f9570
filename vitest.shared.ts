/**
 * The one vitest setup every package shares: each test file runs twice, once in Node and once inside
 * workerd (the runtime the packages ship to), and the counts land in `.vitest/results.json`, which
 * `.ci/run` sums into its final line. A package with a `#runtime` pair is tested on its sources: the Node
 * project resolves `#runtime` to `runtime-node.ts` and the workerd project to `runtime-web.ts`, as a
 * consumer's Node and Worker would resolve the published files (package.json `imports`).
 *
 * A test that makes sense in one runtime only is marked one way, by its file name: `*.node.test.ts` runs
 * only in Node (it starts real servers, spawns processes, reads files) and `*.workerd.test.ts` only in
 * workerd (Cache API, KV, a Workers env). No test is skipped by a runtime check inside a file; a suite
 * over several backends lists only the backends that exist in the runtime it runs in (`test/backends.ts`).
 */
import { fileURLToPath } from 'node:url'
import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig, type ViteUserConfig } from 'vitest/config'

export interface PackageTestOptions {
  /** Extra miniflare options for the workerd project (KV namespaces, bindings). */
  miniflare?: Record<string, unknown>
  /** Per-test timeout in ms. @default 20000 */
  testTimeout?: number
  /** Module aliases for both projects (a workspace package resolved to its source). @default {} */
  alias?: Record<string, string>
  /**
   * The package's own URL (`import.meta.url` of its vitest config) when it has the `#runtime` pair in
   * `src/internal/runtime-{node,web}.ts`.
   */
  runtimeOf?: string
}

/** `#runtime` → the package's source file for one project, or no alias. */
function runtimeAlias(
  packageUrl: string | undefined,
  file: 'runtime-node' | 'runtime-web',
): Record<string, string> {
  if (packageUrl === undefined) return {}
  return { '#runtime': fileURLToPath(new URL(`./src/internal/${file}.ts`, packageUrl)) }
}

const compatibilityDate = '2026-04-20'

/** Builds a package's vitest config with a `node` and a `workerd` project. */
export function packageTestConfig(options: PackageTestOptions = {}): ViteUserConfig {
  const include = ['src/**/*.test.ts', 'test/**/*.test.ts']
  const testTimeout = options.testTimeout ?? 20_000
  const alias = options.alias ?? {}
  return defineConfig({
    test: {
      reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
      projects: [
        {
          resolve: { alias: { ...alias, ...runtimeAlias(options.runtimeOf, 'runtime-node') } },
          test: {
            name: 'node',
            environment: 'node',
            include,
            exclude: ['**/*.workerd.test.ts'],
            testTimeout,
          },
        },
        {
          resolve: { alias: { ...alias, ...runtimeAlias(options.runtimeOf, 'runtime-web') } },
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
            exclude: ['**/*.node.test.ts'],
            testTimeout,
          },
        },
      ],
    },
  })
}
