/**
 * Whether a guard command (`pnpm deploy:preflight`, `pnpm secrets:audit --remote`) really guards a deploy:
 * an earlier step runs it for the job's own environment, and its failure fails the job. `|| true`, `; true`,
 * `set +e` or `continue-on-error: true` turn a guard into a log line, and a guard of another environment
 * checks the wrong ids and secrets.
 */

type Step = Record<string, unknown>

/** A failure that does not stop the step. */
const SWALLOWED = /\|\||;\s*(true|:)\s*$|&\s*$|\bset \+e\b/

/**
 * Whether one of `steps` runs `command --env <environment>` on a line of its own, and fails the job when
 * the command fails. An unknown environment (`undefined`, an expression) accepts any `--env`.
 *
 * @example
 * ```ts
 * guardedBy([{ run: 'pnpm deploy:preflight --env staging' }], 'pnpm deploy:preflight', 'staging') // true
 * guardedBy([{ run: 'pnpm deploy:preflight --env staging || true' }], 'pnpm deploy:preflight', 'staging') // false
 * ```
 */
export function guardedBy(steps: readonly Step[], command: string, environment: unknown): boolean {
  return steps.some((step) => {
    if (step['continue-on-error'] !== undefined && step['continue-on-error'] !== false) return false
    const script = String(step.run ?? '')
    if (/\bset \+e\b/.test(script)) return false
    return script.split('\n').some((line) => {
      const at = line.indexOf(command)
      if (at === -1 || SWALLOWED.test(line)) return false
      const env = /--env\s+(\S+)/.exec(line.slice(at + command.length))?.[1]
      return typeof environment !== 'string' || env === environment
    })
  })
}
