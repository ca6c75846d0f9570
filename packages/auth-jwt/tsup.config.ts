/**
 * Two builds of the same sources. `dist/` is the Web Crypto build (workerd, browsers, the `default`
 * condition) and imports nothing from `node:*`; `dist/node/` (the `node` condition) is identical except that
 * the one module `internal/runtime-hmac.ts` is replaced by `internal/runtime-hmac.node.ts`, so HS256 runs on
 * node:crypto there. package.json lists `workerd`, `worker` and `browser` before `node`, since workerd with
 * `nodejs_compat` also matches `node`.
 */
import { dirname, join } from 'node:path'
import { defineConfig, type Options } from 'tsup'

const shared: Options = {
  entry: ['src/index.ts', 'src/hono.ts'],
  format: ['esm', 'cjs'],
  // Declarations inline `@alokai/internal` (private, never published) through a path: found through
  // node_modules it would stay an import in the .d.ts, which no consumer can resolve.
  dts: { compilerOptions: { paths: { '@alokai/internal': ['../internal/src/index.ts'] } } },
  // The shared primitives are bundled in: `@alokai/internal` is private and never published.
  noExternal: ['@alokai/internal'],
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // Shared chunks in CJS too, so the error classes are one class across `.` and `./hono` (instanceof works).
  splitting: true,
  // `./hono` imports only Hono's types; the peer is never bundled.
  external: ['hono'],
}

/** Resolves `./runtime-hmac.ts` to its node:crypto twin. */
const nodeRuntime = {
  name: 'alokai-node-runtime-hmac',
  setup(build: {
    onResolve(
      options: { filter: RegExp },
      cb: (args: { path: string; importer: string }) => { path: string },
    ): void
  }) {
    build.onResolve({ filter: /\/runtime-hmac\.ts$/ }, (args) => ({
      path: join(dirname(args.importer), args.path.replace(/\.ts$/, '.node.ts')),
    }))
  },
}

const config: Options[] = defineConfig([
  // Each build cleans only its own files: the two run in parallel and dist/node sits inside dist.
  {
    ...shared,
    outDir: 'dist',
    clean: ['*.js', '*.cjs', '*.d.ts', '*.d.cts', '*.map', '*.d.mts'],
    platform: 'neutral',
  },
  { ...shared, outDir: 'dist/node', clean: true, platform: 'node', esbuildPlugins: [nodeRuntime] },
]) as Options[]

export default config
