/**
 * Runs a command to completion with a timeout and captured output. A failure throws with the exit code and
 * the last lines of output, redacted, so a log never shows the registry token.
 */
import { spawn } from 'node:child_process'
import { ReleaseCheckError, redact } from './errors.ts'

/** Options of {@link run}. */
export interface RunOptions {
  cwd: string
  /** Extra environment variables, merged over `process.env`. */
  env?: Record<string, string>
  /** Kill the command after this long. @default 120000 */
  timeoutMs?: number
  /** Values to redact from any output quoted in an error. @default [] */
  secrets?: readonly string[]
}

/** What a finished command printed. */
export interface RunResult {
  stdout: string
  stderr: string
}

const tailLines = 40

/**
 * `process.env` without the `npm_config_*` variables npm, npx and pnpm export to scripts they run: an
 * inherited `npm_config_userconfig=~/.npmrc` would beat `NPM_CONFIG_USERCONFIG` and send a publish to the
 * public registry instead of the one under test.
 */
function inheritedEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)))
}

/**
 * Runs `command args…` and resolves with its output when it exits 0.
 *
 * @example
 * const { stdout } = await run('git', ['tag', '--list'], { cwd: dir })
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const secrets = options.secrets ?? []
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...inheritedEnv(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('error', (cause) => {
      clearTimeout(timer)
      reject(new ReleaseCheckError('ERR_RELEASE_COMMAND', `${command} could not start`, { cause }))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) return resolve({ stdout, stderr })
      const output = redact(`${stdout}\n${stderr}`, secrets).trim().split('\n').slice(-tailLines).join('\n')
      const how = signal ? `was killed (${signal})` : `exited with ${code}`
      reject(new ReleaseCheckError('ERR_RELEASE_COMMAND', `${command} ${args.join(' ')} ${how}:\n${output}`))
    })
  })
}
