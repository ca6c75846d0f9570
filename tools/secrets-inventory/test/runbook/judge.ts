/**
 * The rules a runbook run is held to, judged from the stand-ins' events: every generated key is held by
 * the operator (a shell variable still has it after its block) when it is stored; the packages are built
 * before a deploy; a passing `deploy:preflight` and remote `secrets:audit` of that environment come before
 * every deploy or remote migration; and a rotation never drops a key that stored values may still use
 * (the old value goes to `_PREVIOUS` in the same `secret bulk`, and `TOKEN_ENCRYPTION_KEY_PREVIOUS` is
 * deleted only after a rewrap of that environment).
 */
import type { RunbookEvent, RunbookRun } from './run-blocks.ts'

/** Secrets whose old value must stay as `<name>_PREVIOUS` when they change. */
const ROTATED = ['TOKEN_ENCRYPTION_KEY', 'AUTH_JWT_SECRET']
/** Previous keys that stored values need until a rewrap has moved them. */
const NEEDS_REWRAP = 'TOKEN_ENCRYPTION_KEY_PREVIOUS'

/**
 * Every rule the run breaks, one sentence each; empty when it keeps them all.
 *
 * @example
 * ```ts
 * expect(judge(run)).toEqual([])
 * ```
 */
export function judge(run: RunbookRun): string[] {
  const problems: string[] = []
  const generated = new Set(run.events.filter((e) => e.type === 'generated').map((e) => e.value!))
  run.events.forEach((event, i) => {
    const earlier = run.events.slice(0, i)
    if (event.type === 'store') {
      for (const [name, value] of Object.entries(event.values ?? {})) {
        if (generated.has(value) && !run.kept.get(event.block)?.has(value)) {
          problems.push(`${event.env}: a generated ${name} was stored without the operator keeping it`)
        }
        const old = event.before?.[name]
        if (ROTATED.includes(name) && old !== undefined && old !== value) {
          const previous = event.values?.[`${name}_PREVIOUS`]?.split(',') ?? []
          if (!previous.includes(old)) {
            problems.push(`${event.env}: ${name} was replaced without the old value as ${name}_PREVIOUS`)
          }
        }
      }
    }
    if (event.type === 'delete' && event.name === NEEDS_REWRAP) {
      const added = earlier.findLastIndex(
        (e) => e.type === 'store' && e.env === event.env && NEEDS_REWRAP in (e.values ?? {}),
      )
      if (!earlier.slice(added + 1).some((e) => e.type === 'rewrap' && e.env === event.env)) {
        problems.push(
          `${event.env}: ${NEEDS_REWRAP} was deleted before a rewrap moved the values sealed under it`,
        )
      }
    }
    if (event.type === 'deploy' || event.type === 'migrate') {
      if (!earlier.some((e) => e.type === 'build' && e.packages === true)) {
        problems.push(`${event.env}: ${event.type} before the packages were built`)
      }
      if (!earlier.some((e) => e.type === 'preflight' && e.env === event.env)) {
        problems.push(
          `${event.env}: ${event.type} without an earlier \`pnpm deploy:preflight --env ${event.env}\``,
        )
      }
      if (!earlier.some((e) => e.type === 'audit' && e.env === event.env && e.missing?.length === 0)) {
        problems.push(
          `${event.env}: ${event.type} without an earlier passing \`pnpm secrets:audit --remote --env ${event.env}\``,
        )
      }
    }
  })
  return problems
}

/**
 * The environments a run deployed, in order of first deploy.
 *
 * @example
 * ```ts
 * deployedEnvironments(run.events) // ['staging', 'production']
 * ```
 */
export function deployedEnvironments(events: readonly RunbookEvent[]): string[] {
  return [...new Set(events.filter((e) => e.type === 'deploy').map((e) => e.env!))]
}
