import { defineConfig, type Options } from 'tsup'

const config: Options = defineConfig({
  entry: ['src/index.ts', 'src/cms.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
}) as Options

export default config
