import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/probe.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
})
