/**
 * `pnpm secrets:audit --remote --env X`: compares the Worker secrets that exist in Cloudflare (`wrangler
 * secret list --format json`, names only) with the definition. A required secret that is missing fails
 * the audit before users notice; a secret nothing declares is the leftover of a removal. Whether a
 * conditional secret is required is decided from that environment's `vars` in wrangler.jsonc.
 *
 * The transport is injected: the CLI passes a runner that spawns wrangler, tests pass one that answers
 * fixture JSON (dependency injection of the command, not a mock of the logic).
 */

import {
  type AnyEnvEntry,
  conditionParts,
  type EnvDefinition,
  type EnvEntries,
  isPredicate,
} from '@alokai/env'
import { safeParse } from 'zod/v4/core'
import type { AuditFinding } from './finding.ts'
import { wranglerLine } from './source-lines.ts'
import { readWorkerEnvironments, type WorkerEnvironment } from './wrangler-config.ts'

/**
 * Runs wrangler with these arguments and answers its exit code and stdout.
 *
 * @example
 * ```ts
 * const fake: WranglerRunner = async () => ({ code: 0, stdout: '[{"name":"AUTH_JWT_SECRET","type":"secret_text"}]' })
 * ```
 */
export type WranglerRunner = (
  args: readonly string[],
) => Promise<{ readonly code: number; readonly stdout: string }>

/**
 * Input of {@link auditRemoteSecrets}.
 *
 * @example
 * ```ts
 * const input: RemoteAuditInput<CmsEnvEntries> = { def: cmsEnv, wranglerSource, wranglerFile, environment: 'staging', run }
 * ```
 */
export interface RemoteAuditInput<D extends EnvEntries<D>> {
  readonly def: EnvDefinition<D>
  /** The wrangler.jsonc text, for the environment's vars. */
  readonly wranglerSource: string
  /** The path findings name. */
  readonly wranglerFile: string
  /** `production` (the top level) or an `env.*` name. */
  readonly environment: string
  readonly run: WranglerRunner
}

function rawVars(env: WorkerEnvironment): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(env.vars ?? {})) {
    if (typeof value === 'string' && value !== '') raw[name] = value
  }
  return raw
}

function isRequired(
  entries: Readonly<Record<string, AnyEnvEntry>>,
  entry: AnyEnvEntry,
  raw: Record<string, string | undefined>,
): boolean {
  const when = entry.requiredWhen
  if (when === undefined) return !safeParse(entry.schema, undefined).success
  if (isPredicate(when)) return when(Object.freeze({ ...raw }))
  const { name, values } = conditionParts(when)
  const parsed = safeParse(entries[name]!.schema, raw[name])
  return parsed.success && typeof parsed.data === 'string' && values.includes(parsed.data)
}

function secretNames(stdout: string): string[] | undefined {
  const start = stdout.indexOf('[')
  if (start === -1) return undefined
  try {
    const list: unknown = JSON.parse(stdout.slice(start))
    if (!Array.isArray(list)) return undefined
    const names = list.map((item: unknown) =>
      item !== null && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string'
        ? (item as { name: string }).name
        : undefined,
    )
    return names.every((n) => n !== undefined) ? (names as string[]) : undefined
  } catch {
    return undefined
  }
}

/**
 * The wrangler arguments that list one environment's secrets (no `--env` for the top level).
 *
 * @example
 * ```ts
 * secretListArgs('staging') // ['secret', 'list', '--format', 'json', '--env', 'staging']
 * ```
 */
export function secretListArgs(environment: string): string[] {
  const args = ['secret', 'list', '--format', 'json']
  return environment === 'production' ? args : [...args, '--env', environment]
}

/**
 * Lists the environment's Worker secrets through `run` and reports required secrets that are missing and
 * secrets nothing declares (or that the definition declares as a plain var). Throws `RangeError` when
 * wrangler.jsonc has no such environment (a usage error, not a finding).
 *
 * @example
 * ```ts
 * const findings = await auditRemoteSecrets({ def: cmsEnv, wranglerSource, wranglerFile, environment: 'staging', run })
 * ```
 */
export async function auditRemoteSecrets<D extends EnvEntries<D>>(
  input: RemoteAuditInput<D>,
): Promise<AuditFinding[]> {
  const file = input.wranglerFile
  const env = readWorkerEnvironments(input.wranglerSource).find((e) => e.name === input.environment)
  if (env === undefined) throw new RangeError(`${file} has no environment named ${input.environment}`)
  const label = `${input.environment} (${env.at})`
  // Findings point at the environment's block (its name, or the top of the file for production).
  const line = env.topLevel ? 1 : wranglerLine(input.wranglerSource, env.name, 'name')
  const result = await input.run(secretListArgs(input.environment))
  const names = result.code === 0 ? secretNames(result.stdout) : undefined
  if (names === undefined) {
    const why = result.code === 0 ? 'answered no JSON list' : `exited with ${result.code}`
    const message = `\`wrangler ${secretListArgs(input.environment).join(' ')}\` ${why}; run it by hand to see why`
    return [{ check: 'remote-failed', file, line, message }]
  }
  const entries = input.def.entries as Readonly<Record<string, AnyEnvEntry>>
  const present = new Set(names)
  const raw = rawVars(env)
  const findings: AuditFinding[] = []
  for (const [name, entry] of Object.entries(entries)) {
    if (entry.secret !== true || present.has(name) || !isRequired(entries, entry, raw)) continue
    const put = `wrangler secret put ${name}${env.topLevel ? '' : ` --env ${input.environment}`}`
    findings.push({
      check: 'remote-missing',
      file,
      line,
      message: `${label} lacks the required secret ${name}: \`${put}\``,
    })
  }
  for (const name of names) {
    const entry = entries[name]
    const del = `wrangler secret delete ${name}${env.topLevel ? '' : ` --env ${input.environment}`}`
    if (entry === undefined) {
      const message = `${label} has the secret ${name}, which nothing declares (a leftover?): \`${del}\``
      findings.push({ check: 'remote-undeclared', file, line, message })
    } else if (entry.secret !== true) {
      const message = `${label} has ${name} as a secret, but it is declared as a plain var: move it to vars and \`${del}\``
      findings.push({ check: 'remote-undeclared', file, line, message })
    }
  }
  return findings
}
