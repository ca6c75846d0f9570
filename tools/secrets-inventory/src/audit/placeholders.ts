/**
 * The deploy preflight: `apps/cms/wrangler.jsonc` ships placeholder account, D1 and KV ids so the
 * repository builds and tests without a Cloudflare account. A deploy or a remote migration with one of
 * them would fail late and obscurely (or, for the account, talk to the wrong one), so the deploy jobs run
 * `pnpm deploy:preflight --env X` first and stop with the exact field to replace (docs/deploy.md). The
 * same goes for the address: a route whose hostname is a reserved example, or no address at all, and for
 * R2 buckets, which are created by name rather than given an id: an environment must bind every bucket
 * production binds (wrangler does not inherit bindings) under a name of its own, never production's.
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

/** Hostnames reserved for examples (RFC 2606, RFC 6761): a route to one of them is a placeholder. */
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|net|org)|example|invalid|test)(\/|$)/

/**
 * Whether an id is one of the repository's placeholders.
 *
 * @example
 * ```ts
 * isPlaceholderId('00000000-0000-4000-8000-000000000002') // true
 * ```
 */
function isPlaceholderId(id: string): boolean {
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
  const findings: AuditFinding[] = [
    ...addressFindings(config, block, environment, source, file),
    ...bucketFindings(config, block, environment, source, file),
  ]
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

/** The route patterns of a block: `route`, `routes` as strings or `{ pattern }` objects. */
function routePatterns(block: Mapping): string[] | undefined {
  const raw = block.routes ?? block.route
  if (raw === undefined) return undefined
  return [raw].flat().map((route) => (isMapping(route) ? String(route.pattern ?? '') : String(route)))
}

/**
 * An environment's address: its own routes (wrangler inherits top-level routes into an environment that
 * names none, which would point staging at production's hostname), none of them a reserved example
 * host, or `workers_dev`. Without one the deployed CMS has no URL to sign in at or to run keys:rewrap on.
 */
function addressFindings(
  config: Mapping,
  block: Mapping,
  environment: string,
  source: string,
  file: string,
): AuditFinding[] {
  const at = environment === 'production' ? '' : `env.${environment}.`
  const own = routePatterns(block)
  const lineOf = (text: string) => lineAt(source, Math.max(0, source.indexOf(text)))
  const token = 'a route also needs Zone → Workers Routes: Edit on its zone in the API token (docs/deploy.md)'
  if (own === undefined) {
    const inherits = environment !== 'production' && routePatterns(config) !== undefined
    if (!inherits && (block.workers_dev ?? config.workers_dev) === true) return []
    const message = inherits
      ? `${at}routes is missing, so this environment would take production's routes: give it its own hostname, or \`"workers_dev": true\`; ${token}`
      : `${at}workers_dev is off and there are no routes: the CMS would have no address; set \`"workers_dev": true\` or add a route; ${token}`
    return [
      {
        check: 'placeholder-id',
        file,
        line: lineOf(environment === 'production' ? '"workers_dev"' : `"${environment}"`),
        message,
      },
    ]
  }
  return own.flatMap((pattern, i) =>
    PLACEHOLDER_HOST.test(pattern)
      ? [
          {
            check: 'placeholder-id' as const,
            file,
            line: lineOf(`"${pattern}"`),
            message: `${at}routes[${i}].pattern ${pattern} is still a placeholder: replace it with the CMS's hostname in a zone of this account; ${token}`,
          },
        ]
      : [],
  )
}

/**
 * The R2 buckets of an environment: each binding production declares is declared here too, and outside
 * production its `bucket_name` is not production's (staging would otherwise archive into, and export
 * from, production's audit archive). The bucket itself comes from `wrangler r2 bucket create <name>`.
 */
function bucketFindings(
  config: Mapping,
  block: Mapping,
  environment: string,
  source: string,
  file: string,
): AuditFinding[] {
  if (environment === 'production') return []
  const at = `env.${environment}.`
  const own = new Map(list(block.r2_buckets).map((b) => [String(b.binding), String(b.bucket_name ?? '')]))
  const line = lineAt(source, Math.max(0, source.indexOf(`"${environment}"`)))
  return list(config.r2_buckets).flatMap((prod): AuditFinding[] => {
    const binding = String(prod.binding)
    const name = own.get(binding)
    const create = `\`wrangler r2 bucket create <name>\` and bind it as ${binding} in ${at}r2_buckets (docs/deploy.md)`
    if (name === undefined)
      return [
        { check: 'placeholder-id', file, line, message: `${at}r2_buckets has no ${binding}: ${create}` },
      ]
    if (name === String(prod.bucket_name))
      return [
        {
          check: 'placeholder-id',
          file,
          line: lineAt(source, source.lastIndexOf(`"${name}"`)),
          message: `${at}r2_buckets ${binding} uses production's bucket ${name}: ${create}`,
        },
      ]
    return []
  })
}

function asEnv(config: Mapping, name: string): Mapping | undefined {
  const env = isMapping(config.env) ? config.env[name] : undefined
  return isMapping(env) ? env : undefined
}
