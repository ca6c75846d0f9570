import { defineConfig, type Options } from 'tsup'

// The library only (ESM + CJS + .d.ts), runtime-agnostic. zod is a peer dependency, never bundled.
const config: Options = defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // Declarations inline `@alokai/internal` (private, never published) through a path: found through
  // node_modules it would stay an import in the .d.ts, which no consumer can resolve.
  dts: { compilerOptions: { paths: { '@alokai/internal': ['../internal/src/index.ts'] } } },
  // The shared primitives are bundled in: `@alokai/internal` is private and never published.
  noExternal: ['@alokai/internal'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  external: ['zod'],
}) as Options

export default config
