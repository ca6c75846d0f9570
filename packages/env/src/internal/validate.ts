/**
 * One full validation of an env against a definition, collecting every problem rather than stopping at
 * the first. It runs in three passes: unconditional entries (the discriminants live there), then entries
 * with a `requiredWhen`, then the rules that look across variables (placeholders, `check`).
 */

import { constantTimeEqual } from '@alokai/internal'
import { safeParse } from 'zod/v4/core'
import { conditionHolds, describeCondition, isPredicate } from '../condition.ts'
import { EnvValidationError } from '../errors.ts'
import type { AnyEnvEntry, EnvCondition, EnvDefinition, RawEnvView, RequiredWhen } from '../types.ts'
import { problemsOf } from './problems.ts'
import { rawView, readRaw } from './raw-env.ts'

/** The outcome of one validation, as memoised: a frozen env or the error to throw. */
export type Outcome =
  | { readonly ok: true; readonly env: object }
  | { readonly ok: false; readonly error: EnvValidationError }

class Run {
  readonly problems = new Map<string, string[]>()
  readonly parsed = new Map<string, unknown>()
  readonly #env: object
  #view: RawEnvView | undefined

  constructor(env: object) {
    this.#env = env
  }

  add(name: string, problem: string): void {
    const list = this.problems.get(name)
    if (list === undefined) this.problems.set(name, [problem])
    else if (!list.includes(problem)) list.push(problem)
  }

  view(): RawEnvView {
    this.#view ??= rawView(this.#env)
    return this.#view
  }

  raw(name: string): unknown {
    return readRaw(this.#env, name)
  }

  parseValue(name: string, entry: AnyEnvEntry, raw: unknown): void {
    let result: ReturnType<typeof safeParse>
    try {
      result = safeParse(entry.schema, raw)
    } catch {
      // A throwing transform or an async refinement: its error may quote the value, so it is dropped.
      this.add(name, 'could not be validated')
      return
    }
    if (result.success) {
      const value = result.data
      this.parsed.set(name, typeof value === 'object' && value !== null ? Object.freeze(value) : value)
    } else if (raw === undefined) {
      this.add(name, 'is required')
    } else {
      const context = { secret: entry.secret === true, format: entry.format }
      for (const problem of problemsOf(result.error.issues, context)) this.add(name, problem)
    }
  }

  isRequired(name: string, when: RequiredWhen): boolean {
    if (!isPredicate(when)) return conditionHolds(when, this.parsed)
    try {
      return when(this.view()) === true
    } catch {
      this.add(name, 'has a requiredWhen predicate that threw')
      return false
    }
  }
}

function placeholdersOf(entries: Readonly<Record<string, AnyEnvEntry>>): string[] {
  return Object.values(entries)
    .filter((entry) => entry.secret === true && entry.generate === undefined)
    .map((entry) => entry.example ?? '')
    .filter((example) => example !== '')
}

function isPlaceholder(value: unknown, raw: unknown, placeholders: readonly string[]): boolean {
  const candidates = [raw, ...(Array.isArray(value) ? value : [])].filter((v) => typeof v === 'string')
  let found = false
  // Every comparison runs, so the time taken does not say which placeholder matched.
  for (const candidate of candidates)
    for (const p of placeholders) found = constantTimeEqual(candidate, p) || found
  return found
}

function refusePlaceholders(
  run: Run,
  entries: Readonly<Record<string, AnyEnvEntry>>,
  allowed: EnvCondition,
): void {
  if (conditionHolds(allowed, run.parsed)) return
  const placeholders = placeholdersOf(entries)
  if (placeholders.length === 0) return
  for (const [name, entry] of Object.entries(entries)) {
    if (entry.secret !== true || !run.parsed.has(name)) continue
    if (isPlaceholder(run.parsed.get(name), run.raw(name), placeholders)) {
      run.add(name, `is a development placeholder, accepted only when ${describeCondition(allowed)}`)
    }
  }
}

function runChecks(run: Run, entries: Readonly<Record<string, AnyEnvEntry>>): void {
  const values = Object.freeze(Object.fromEntries(run.parsed))
  for (const [name, entry] of Object.entries(entries)) {
    const value = run.parsed.get(name)
    if (entry.check === undefined || value === undefined) continue
    let problem: string | undefined
    try {
      problem = entry.check(value, values)
    } catch {
      problem = 'could not be validated'
    }
    if (typeof problem === 'string') run.add(name, problem)
  }
}

/**
 * Validates `env` against `def` in full.
 *
 * @example
 * ```ts
 * const outcome = validate(cmsEnv, env)
 * if (!outcome.ok) throw outcome.error
 * ```
 */
export function validate(def: EnvDefinition<unknown>, env: object): Outcome {
  const entries = def.entries as Readonly<Record<string, AnyEnvEntry>>
  const names = Object.keys(entries)
  const run = new Run(env)
  for (const name of names) {
    const entry = entries[name]!
    if (entry.requiredWhen === undefined) run.parseValue(name, entry, run.raw(name))
  }
  for (const name of names) {
    const entry = entries[name]!
    const when = entry.requiredWhen
    if (when === undefined) continue
    const raw = run.raw(name)
    const required = run.isRequired(name, when)
    if (raw !== undefined) run.parseValue(name, entry, raw)
    else if (!required) run.parsed.set(name, undefined)
    else run.add(name, isPredicate(when) ? 'is required' : `is required when ${describeCondition(when)}`)
  }
  if (def.placeholdersAllowedWhen !== undefined) refusePlaceholders(run, entries, def.placeholdersAllowedWhen)
  runChecks(run, entries)
  if (run.problems.size > 0) {
    const issues = names.flatMap((name) =>
      (run.problems.get(name) ?? []).map((problem) => ({ name, problem })),
    )
    return { ok: false, error: new EnvValidationError(issues) }
  }
  return {
    ok: true,
    env: Object.freeze(Object.fromEntries(names.map((name) => [name, run.parsed.get(name)]))),
  }
}
