/**
 * The one tsup build every published package uses: ESM and CJS from one source tree in one `dist/`, the
 * private `@alokai/internal` bundled in, and shared chunks in both formats so an error class is one class
 * across a package's subpaths (`instanceof` holds between `.` and `./hono`).
 *
 * A package with a Node backend has two files, `src/internal/runtime-web.ts` and
 * `src/internal/runtime-node.ts`, each exporting the same `runtime` object. Both become entries of the same
 * build and the code keeps importing `#runtime`: the consumer's runtime or bundler picks the file through
 * the package.json `imports` map (web conditions first, since workerd with `nodejs_compat` also matches
 * `node`), as aws-jwt-verify does with `#node-web-compat`. So there is one build and one `exports` map, and
 * no bundler plugin rewrites an import. On the sources, `tsc` reads `#runtime` through the package's
 * tsconfig `paths` (the web file; both files export the same type) and vitest through `vitest.shared.ts`.
 */
import { defineConfig, type Options } from 'tsup'

/** What a package says about its build; everything else is the same for every package. */
export interface PackageBuildOptions {
  /** The published entries: output name → source file. */
  entry: Record<string, string>
  /** Entries published without declarations (a bin): output name → source file. @default {} */
  bin?: Record<string, string>
  /** Whether the package has the `#runtime` pair in `src/internal/`. @default false */
  runtime?: boolean
  /** Peer dependencies that are never bundled. @default [] */
  external?: string[]
}

/** The runtime pair, as entries: their outputs are what the package.json `imports` map names. */
const runtimeEntries: Record<string, string> = {
  'runtime-web': 'src/internal/runtime-web.ts',
  'runtime-node': 'src/internal/runtime-node.ts',
}

/**
 * The tsup config of one package.
 *
 * @example
 * ```ts
 * export default packageBuild({ entry: { index: 'src/index.ts' } })
 * ```
 */
export function packageBuild(options: PackageBuildOptions): Options {
  // `paths` replaces the tsconfig's own, so `#runtime` is named again here.
  const paths: Record<string, string[]> = { '@alokai/internal': ['../internal/src/index.ts'] }
  if (options.runtime) paths['#runtime'] = ['./src/internal/runtime-web.ts']
  return defineConfig({
    entry: { ...options.entry, ...options.bin, ...(options.runtime ? runtimeEntries : {}) },
    format: ['esm', 'cjs'],
    // Declarations of the published entries only, with `@alokai/internal` (private, never published)
    // inlined through a path: found through node_modules it would stay an import in the .d.ts, which no
    // consumer can resolve.
    dts: { entry: options.entry, compilerOptions: { paths } },
    // The shared primitives are bundled in: `@alokai/internal` is private and never published.
    noExternal: ['@alokai/internal'],
    // `#runtime` is resolved by the consumer (see above); `node:*` only the node runtime file imports.
    external: [...(options.external ?? []), '#runtime', /^node:/],
    // Keep `node:crypto` spelled so: the lint guard looks for it, and workerd's `nodejs_compat` needs it.
    removeNodeProtocol: false,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
    splitting: true,
  }) as Options
}
