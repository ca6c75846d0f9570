import { defineConfig, type Options } from 'tsup'

const config: Options = defineConfig({
  // cli.ts is the `alokai-crypto` bin; it needs no type declarations.
  entry: ['src/index.ts', 'src/probe.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  // Declarations inline `@alokai/internal` (private, never published) through a path: found through
  // node_modules it would stay an import in the .d.ts, which no consumer can resolve.
  dts: {
    entry: ['src/index.ts', 'src/probe.ts'],
    compilerOptions: { paths: { '@alokai/internal': ['../internal/src/index.ts'] } },
  },
  // The shared primitives are bundled in: `@alokai/internal` is private and never published.
  noExternal: ['@alokai/internal'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // Shared chunks in CJS too, so `CryptoError` is one class across `.` and `./probe` (instanceof works).
  splitting: true,
}) as Options
export default config
