import { defineConfig, type Options } from 'tsup'

// The library (ESM + CJS + .d.ts) and the `alokai-env` bin (ESM only, Node). The library's clean keeps
// cli.js, so the two builds, which tsup runs in parallel, never delete each other's output.
const config: Options[] = defineConfig([
  {
    entry: ['src/index.ts', 'src/cms.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: ['!cli.js', '!cli.js.map'],
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
    // Shared chunks in CJS too, so `.` and `./cms` share one copy of each class and constant.
    splitting: true,
  },
  {
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
]) as Options[]

export default config
