/**
 * A job's `permissions:` may grant only what its steps need: `GITHUB_TOKEN` is minted per run with exactly
 * these rights, and a grant no step uses is a right a compromised dependency gets for free. Each grant
 * other than `contents: read` (every checkout needs it) names the step that needs it; anything else
 * (`id-token`, `packages`, `write-all`, …) is refused.
 */

type Mapping = Record<string, unknown>
type Step = Mapping

const uses = (step: Step, action: string): boolean => String(step.uses ?? '').startsWith(`${action}@`)
const runs = (step: Step, pattern: RegExp): boolean => pattern.test(String(step.run ?? ''))

/** Each grant beyond `contents: read`, with the steps that need it and what they are. */
const NEEDS: Readonly<Record<string, { readonly needed: (step: Step) => boolean; readonly by: string }>> = {
  'contents:write': {
    needed: (s) => uses(s, 'changesets/action') || runs(s, /\bgh release create\b/),
    by: 'changesets/action or `gh release create`',
  },
  'pull-requests:write': { needed: (s) => uses(s, 'changesets/action'), by: 'changesets/action' },
  'actions:read': {
    needed: (s) =>
      uses(s, 'actions/download-artifact') && isMapping(s.with) && s.with['run-id'] !== undefined,
    by: 'actions/download-artifact of another run (`run-id`)',
  },
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The grants of a job's `permissions:` that none of its steps needs, each with why it is refused.
 *
 * @example
 * ```ts
 * unneededPermissions({ contents: 'write' }, [{ run: 'pnpm test' }])
 * // ['contents: write (only changesets/action or `gh release create` needs it)']
 * ```
 */
export function unneededPermissions(permissions: unknown, steps: readonly Step[]): string[] {
  if (!isMapping(permissions)) {
    return typeof permissions === 'string' ? [`${permissions} (grant each scope by name)`] : []
  }
  const problems: string[] = []
  for (const [scope, level] of Object.entries(permissions)) {
    if (level === 'none' || (scope === 'contents' && level === 'read')) continue
    const need = NEEDS[`${scope}:${String(level)}`]
    if (need === undefined) problems.push(`${scope}: ${String(level)} (no step of this repository needs it)`)
    else if (!steps.some(need.needed)) problems.push(`${scope}: ${String(level)} (only ${need.by} needs it)`)
  }
  return problems
}
