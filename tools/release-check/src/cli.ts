/**
 * `pnpm test:release`: runs the end-to-end release check against a real Verdaccio and prints what was
 * published, the smoke results and the time per step. Set `RELEASE_CHECK_KEEP=1` to keep the temp folder.
 */
import { fileURLToPath } from 'node:url'
import { ReleaseCheckError } from './errors.ts'
import { runReleaseCheck } from './release-check.ts'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

try {
  const result = await runReleaseCheck({
    repoRoot,
    log: (line) => console.log(line),
    keepTemp: process.env.RELEASE_CHECK_KEEP === '1',
  })
  for (const pkg of result.published)
    console.log(`published ${pkg.name}@${pkg.version}: ${pkg.files.length} files`)
  console.log(`tags: ${result.tags.join(', ')}`)
  for (const report of [result.esm, result.cjs]) {
    console.log(`smoke (${report.mode}): ${report.checks.length} checks passed`)
  }
  console.log(`consumer types: ${result.types.modes.join(', ')} compile with skipLibCheck: false`)
  console.log(
    `example service (pid ${result.example.pid}, stopped): ${result.example.checks.length} checks passed`,
  )
  const steps = Object.entries(result.timings).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`)
  console.log(`timings: ${steps.join(', ')}`)
  console.log(`Verdaccio (pid ${result.verdaccioPid}) stopped`)
  if (result.problems.length > 0) {
    console.error(`release check failed (ERR_RELEASE_TARBALL):\n${result.problems.join('\n')}`)
    process.exitCode = 1
  }
} catch (error) {
  const code = error instanceof ReleaseCheckError ? error.code : 'ERR_UNEXPECTED'
  console.error(`release check failed (${code}): ${error instanceof Error ? error.message : 'unknown error'}`)
  process.exitCode = 1
}
