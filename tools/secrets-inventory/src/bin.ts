/**
 * The entry of `pnpm secrets:generate` and `pnpm secrets:audit` (run with tsx, from source). It loads the
 * CLI dynamically, so that even a definition that fails to load (a syntax error, a throwing import) ends
 * in exit 2 and never in 1, which means "findings": CI must not read a broken audit as a dirty repository.
 */
import type { CliIo } from './cli.ts'

const io: CliIo = {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}

try {
  const { main } = await import('./cli.ts')
  process.exitCode = await main(process.argv.slice(2), io)
} catch (error) {
  // First line only: a transform error quotes source lines, and nothing but the reason belongs in a CI log.
  const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'failed'
  io.err(`secrets: could not run: ${reason}\n`)
  process.exitCode = 2
}
