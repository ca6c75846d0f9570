/**
 * The type check a stranger's TypeScript project makes of the published packages: `types/` (an ES module
 * and its CommonJS `.cts` twin that import every entry) is copied into the consumer, which installed the
 * tarballs from the registry, and `tsc` checks it with `skipLibCheck: false` and strict options under
 * `node16`, `nodenext` and `bundler` resolution. publint and attw read the declarations' shapes; only a
 * compiler that resolves them as a consumer does sees a declaration that names a private package (TS2307),
 * needs an ESM-only package from CommonJS (TS1479), or lets error codes fall back to `any` (then the
 * `@ts-expect-error` lines on misspelt codes stop erroring, which fails the check too).
 */
import { cp } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ReleaseCheckError } from './errors.ts'
import { run } from './exec.ts'

/** The resolution modes checked, one `types/tsconfig.<mode>.json` each. */
const typeCheckModes = ['node16', 'nodenext', 'bundler'] as const

/** What the type check saw: the modes that compiled cleanly. */
export interface TypesReport {
  modes: (typeof typeCheckModes)[number][]
}

const typesDir = fileURLToPath(new URL('../types/', import.meta.url))

/**
 * Copies the stranger's project into `consumerDir/types` and type-checks it in every mode; throws
 * `ERR_RELEASE_TYPES` with the compiler's output when one fails. The consumer must have `typescript` and
 * `@types/node` installed (the release check adds both).
 *
 * @example
 * const report = await checkConsumerTypes(consumerDir)
 */
export async function checkConsumerTypes(consumerDir: string): Promise<TypesReport> {
  const project = join(consumerDir, 'types')
  await cp(typesDir, project, { recursive: true })
  const tsc = join(consumerDir, 'node_modules', 'typescript', 'bin', 'tsc')
  const modes: TypesReport['modes'] = []
  for (const mode of typeCheckModes) {
    try {
      await run(process.execPath, [tsc, '-p', join(project, `tsconfig.${mode}.json`)], {
        cwd: consumerDir,
        timeoutMs: 120_000,
      })
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : 'failed'
      throw new ReleaseCheckError('ERR_RELEASE_TYPES', `consumer types (${mode}): ${detail}`, { cause })
    }
    modes.push(mode)
  }
  return { modes }
}
