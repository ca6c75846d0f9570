/**
 * The deploy preflight: `apps/cms/wrangler.jsonc` ships placeholder account, D1 and KV ids so the
 * repository builds and tests without a Cloudflare account. A deploy or a remote migration with one of
 * them would fail late and obscurely (or, for the account, talk to the wrong one), so the deploy jobs run
 * `pnpm deploy:preflight --env X` first and stop with the exact field to replace (docs/deploy.md).
 */
import type { AuditFinding } from './finding.ts'
import { parseJsonc } from './jsonc.ts'
import { lineAt } from './source-lines.ts'

/** The shapes of the committed placeholders: a counting hex id, and ids that are zeros but a last digit. */
const PLACEHOLDERS: readonly RegExp[] = [
  /^0123456789abcdef0123456789abcdef$/,
  /^00000000-0000-4000-8000-0{10}\d{2}$/,
  /^0{30}\d{2}$/,
]

/**
 * Whether an id is one of the repository's placeholders.
 *
 * @example
 * ```ts
 * isPlaceholderId('00000000-0000-4000-8000-000000000002') // true
 * ```
 */
export function isPlaceholderId(id: string): boolean {
  return PLACEHOLDERS.some((pattern) => pattern.test(id))
}

type Mapping = Record<string, unknown>
const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const list = (value: unknown): Mapping[] => (Array.isArray(value) ? value.filter(isMapping) : [])

/**
 * Reports every placeholder id a deploy of `environment` would use: the top-level `account_id` and that
 * environment's D1 `database_id`s and KV `id`s. Throws `RangeError` for an environment the file lacks and
 * `SyntaxError` for text that is not JSONC.
 *
 * @example
 * ```ts
 * auditPlaceholders(source, 'apps/cms/wrangler.jsonc', 'staging') // [] once every id is real
 * ```
 */
export function auditPlaceholders(source: string, file: string, environment: string): AuditFinding[] {
  const config = parseJsonc(source)
  if (!isMapping(config)) throw new SyntaxError(`${file} is not an object`)
  const block = environment === 'production' ? config : asEnv(config, environment)
  if (block === undefined) throw new RangeError(`${file} has no environment named ${environment}`)
  const at = environment === 'production' ? '' : `env.${environment}.`
  const ids: [string, unknown, string][] = [
    ['account_id', config.account_id, 'your Cloudflare account id'],
    ...list(block.d1_databases).map((db, i): [string, unknown, string] => [
      `${at}d1_databases[${i}].database_id`,
      db.database_id,
      `the id of \`wrangler d1 create ${String(db.database_name ?? '')}\``,
    ]),
    ...list(block.kv_namespaces).map((kv, i): [string, unknown, string] => [
      `${at}kv_namespaces[${i}].id`,
      kv.id,
      `the id of \`wrangler kv namespace create ${String(kv.binding ?? '')}${environment === 'production' ? '' : ` --env ${environment}`}\``,
    ]),
  ]
  const findings: AuditFinding[] = []
  for (const [field, value, replacement] of ids) {
    if (typeof value !== 'string' || !isPlaceholderId(value)) continue
    findings.push({
      check: 'placeholder-id',
      file,
      line: lineAt(source, source.indexOf(`"${value}"`)),
      message: `${field} is still a placeholder: replace it with ${replacement} (docs/deploy.md)`,
    })
  }
  return findings
}

function asEnv(config: Mapping, name: string): Mapping | undefined {
  const env = isMapping(config.env) ? config.env[name] : undefined
  return isMapping(env) ? env : undefined
}
