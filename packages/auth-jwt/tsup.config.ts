import { defineConfig, type Options } from 'tsup'

const config: Options = defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: { resolve: ['@alokai/internal'] },
  // The shared primitives are bundled in: `@alokai/internal` is private and never published.
  noExternal: ['@alokai/internal'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
}) as Options

export default config
