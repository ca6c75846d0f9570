/**
 * The `alokai-crypto` command line, as a function of its arguments and output streams so it runs (and
 * is tested) anywhere: `keygen` prints a new KEK, `inspect <sealed>` prints a sealed value's version
 * and kid as JSON. Neither reads a key, so neither can print one by mistake.
 */
import { CryptoError } from './errors.ts'
import { inspect } from './inspect.ts'
import { generateKey } from './keyring.ts'

/**
 * Where the CLI writes.
 *
 * @example
 * ```ts
 * const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }
 * ```
 */
export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
}

const usage = `usage: alokai-crypto <command>

  keygen            print a new 64-hex-character key (TOKEN_ENCRYPTION_KEY)
  inspect <sealed>  print the version and kid of a sealed value as JSON
`

/**
 * Runs the CLI and returns its exit code (0 success, 1 bad input, 2 usage).
 *
 * @example
 * ```ts
 * const code = runCli(['keygen'], { out: console.log, err: console.error })
 * ```
 */
export function runCli(args: readonly string[], io: CliIo): number {
  const [command, ...rest] = args
  if (command === 'keygen' && rest.length === 0) {
    io.out(`${generateKey()}\n`)
    return 0
  }
  if (command === 'inspect' && rest.length === 1) {
    try {
      io.out(`${JSON.stringify(inspect(rest[0]!))}\n`)
      return 0
    } catch (err) {
      if (!(err instanceof CryptoError)) throw err
      io.err(`alokai-crypto: ${err.code}: ${err.message}\n`)
      return 1
    }
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    io.out(usage)
    return 0
  }
  io.err(usage)
  return 2
}
