/**
 * The wrangler.jsonc checks: no secret name in any `vars` (a var is plain text in the dashboard, the
 * config and every deploy log) or `define` (inlined into the bundle's code), and every environment (the top level and each `env.*`) declares its own
 * `ENVIRONMENT`, because wrangler does not inherit `vars` and the CMS fails closed without one.
 */

import type { EnvDefinition, EnvEntries, EnvEntryFields } from '@alokai/env'
import { safeParse } from 'zod/v4/core'
import type { AuditFinding } from './finding.ts'
import { parseJsonc } from './jsonc.ts'
import { wranglerLine } from './source-lines.ts'

/** Words that mark a name as a secret; such a name never belongs in `vars`, declared or not. */
const SECRET_LIKE = /SECRET|TOKEN|KEY|PASSWORD|PRIVATE|CREDENTIAL/

/**
 * One deploy target of a wrangler config: the top level or an `env.<name>` block.
 *
 * @example
 * ```ts
 * const staging: WorkerEnvironment = { name: 'staging', at: 'env.staging', vars: { ENVIRONMENT: 'staging' } }
 * ```
 */
export interface WorkerEnvironment {
  /** `production` for the top level (where `wrangler secret put` without `--env` writes), else the `env` key. */
  readonly name: string
  /** Where it sits in the file: `(top level)` or `env.<name>`. */
  readonly at: string
  /** Its `vars`, when it declares any. */
  readonly vars: Readonly<Record<string, unknown>> | undefined
  /** Whether this is the top level (wrangler commands without `--env`). */
  readonly topLevel: boolean
  /** Its `define` (build-time substitutions, inlined into the bundle), when it has one. */
  readonly define?: Readonly<Record<string, unknown>> | undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * Reads the environments of a wrangler.jsonc text. Throws `SyntaxError` when it is not JSONC and
 * `TypeError` when it is not an object.
 *
 * @example
 * ```ts
 * readWorkerEnvironments('{ "vars": {}, "env": { "staging": { "vars": {} } } }').map((e) => e.name)
 * // ['production', 'staging']
 * ```
 */
export function readWorkerEnvironments(source: string): WorkerEnvironment[] {
  const config = parseJsonc(source)
  if (!isRecord(config)) throw new TypeError('wrangler config is not an object')
  const vars = (block: Record<string, unknown>) => (isRecord(block.vars) ? block.vars : undefined)
  const define = (block: Record<string, unknown>) => (isRecord(block.define) ? block.define : undefined)
  const list: WorkerEnvironment[] = [
    { name: 'production', at: '(top level)', vars: vars(config), topLevel: true, define: define(config) },
  ]
  if (isRecord(config.env)) {
    for (const [name, block] of Object.entries(config.env)) {
      const own = isRecord(block) ? block : {}
      list.push({ name, at: `env.${name}`, vars: vars(own), topLevel: false, define: define(own) })
    }
  }
  return list
}

/**
 * Options of {@link auditWranglerConfig}.
 *
 * @example
 * ```ts
 * const options: WranglerAuditOptions = { file: 'apps/cms/wrangler.jsonc' }
 * ```
 */
export interface WranglerAuditOptions {
  /** The path findings name. */
  readonly file: string
  /** The variable every environment must declare. @default 'ENVIRONMENT' */
  readonly environmentVar?: string
  /** The file that declares the env, named by `undeclared-var` findings. @default 'the definition' */
  readonly definitionFile?: string
}

/**
 * Checks a wrangler.jsonc against an env definition: secret names in any `vars`, names that look like
 * secrets (always), vars the definition does not declare, and a missing, invalid or mismatched
 * environment variable (`env.staging` must say `staging` when that is an allowed value).
 *
 * @example
 * ```ts
 * auditWranglerConfig(cmsEnv, source, { file: 'apps/cms/wrangler.jsonc' }) // [] when clean
 * ```
 */
export function auditWranglerConfig<D extends EnvEntries<D>>(
  def: EnvDefinition<D>,
  source: string,
  options: WranglerAuditOptions,
): AuditFinding[] {
  const { file } = options
  let environments: WorkerEnvironment[]
  try {
    environments = readWorkerEnvironments(source)
  } catch {
    return [{ check: 'unreadable', file, line: 1, message: 'is not valid JSONC (an object)' }]
  }
  const entries = def.entries as Readonly<Record<string, EnvEntryFields>>
  const envVar = options.environmentVar ?? 'ENVIRONMENT'
  const envEntry = entries[envVar]
  const findings: AuditFinding[] = []
  for (const env of environments) {
    const block = env.topLevel ? undefined : env.name
    const line = (key: string): number => wranglerLine(source, block, key)
    const varsAt = env.topLevel ? 'vars' : `${env.at}.vars`
    const put = (name: string) => `wrangler secret put ${name}${env.topLevel ? '' : ` --env ${env.name}`}`
    for (const name of Object.keys(env.vars ?? {})) {
      const entry = entries[name]
      if (entry?.secret === true) {
        const message = `${varsAt} holds ${name}, a secret: remove it and use \`${put(name)}\``
        findings.push({ check: 'secret-in-vars', file, line: line(name), message })
        continue
      }
      if (SECRET_LIKE.test(name.toUpperCase())) {
        // Always a finding, declared or not: a var is plain text in the dashboard, the config and deploy logs.
        const message = `${varsAt} holds ${name}, which looks like a secret: a var is plain text everywhere; use \`${put(name)}\` and declare it as a secret`
        findings.push({ check: 'secret-like-var', file, line: line(name), message })
      } else if (entry === undefined) {
        const message = `${varsAt} holds ${name}, which the env definition (${options.definitionFile ?? 'the definition'}) does not declare`
        findings.push({ check: 'undeclared-var', file, line: line(name), message })
      }
    }
    for (const key of Object.keys(env.define ?? {})) {
      // `define` replaces an identifier (`process.env.X`, `X`) with literal text in the bundle: a secret
      // there ships inside the Worker's code, readable by anyone who can read the script.
      const name = key.split('.').at(-1) ?? key
      if (entries[name]?.secret !== true && !SECRET_LIKE.test(name.toUpperCase())) continue
      const defineAt = env.topLevel ? 'define' : `${env.at}.define`
      const message = `${defineAt} holds ${key}, a secret inlined into the bundle: remove it and use \`${put(name)}\``
      findings.push({ check: 'secret-in-define', file, line: line(key), message })
    }
    const value = env.vars?.[envVar]
    if (typeof value !== 'string' || value === '') {
      const message = `${env.at} declares no ${envVar} in its own vars (wrangler does not inherit vars)`
      findings.push({ check: 'missing-environment-var', file, line: line('vars'), message })
      continue
    }
    if (envEntry === undefined) continue
    if (!safeParse(envEntry.schema, value).success) {
      const message = `${varsAt}.${envVar} is not an allowed value`
      findings.push({ check: 'missing-environment-var', file, line: line(envVar), message })
    } else if (value !== env.name && safeParse(envEntry.schema, env.name).success) {
      const message = `${varsAt}.${envVar} is ${value}, but this is the ${env.name} environment`
      findings.push({ check: 'missing-environment-var', file, line: line(envVar), message })
    }
  }
  return findings
}
