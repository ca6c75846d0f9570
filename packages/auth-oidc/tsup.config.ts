import { resolve } from 'node:path'
import type { Options } from 'tsup'

const common: Options = {
  entry: { index: 'src/index.ts', hono: 'src/hono.ts', express: 'src/express.ts' },
  format: ['esm', 'cjs'],
  // Declarations inline `@alokai/internal` (private, never published) through a path: found through
  // node_modules it would stay an import in the .d.ts, which no consumer can resolve.
  dts: {
    entry: { index: 'src/index.ts', hono: 'src/hono.ts', express: 'src/express.ts' },
    compilerOptions: { paths: { '@alokai/internal': ['../internal/src/index.ts'] } },
  },
  // The shared primitives are bundled in: `@alokai/internal` is private and never published.
  noExternal: ['@alokai/internal'],
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // Shared chunks in CJS too, so `OidcError` is one class across `.`, `./hono` and `./express`.
  splitting: true,
}

/**
 * Two builds of the same source, told apart by the signature path only: `dist/` (Web Crypto; the `workerd`,
 * `worker`, `browser` and `default` export conditions; imports no `node:*`) and `dist/node/` (node:crypto;
 * the `node` condition), where `internal/default-backend.ts` is swapped for its `.node.ts` sibling.
 */
const config: Options[] = [
  { ...common, outDir: 'dist', clean: true },
  {
    ...common,
    outDir: 'dist/node',
    external: ['node:crypto'],
    esbuildPlugins: [
      {
        name: 'node-backend',
        setup(build) {
          build.onResolve({ filter: /\/default-backend\.ts$/ }, (args) => ({
            path: resolve(args.resolveDir, args.path.replace(/\.ts$/, '.node.ts')),
          }))
        },
      },
    ],
  },
]

export default config
