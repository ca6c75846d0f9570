import type { Options } from 'tsup'

const config: Options = {
  entry: ['src/index.ts', 'src/hono.ts', 'src/express.ts'],
  format: ['esm', 'cjs'],
  dts: { resolve: ['@alokai/internal'] },
  // The shared primitives are bundled in: `@alokai/internal` is private and never published.
  noExternal: ['@alokai/internal'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // Shared chunks in CJS too, so `OidcError` is one class across `.`, `./hono` and `./express`.
  splitting: true,
}

export default config
