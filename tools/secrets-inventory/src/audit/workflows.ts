/**
 * The GitHub Actions checks: every `${{ secrets.X }}` a workflow reads is declared, environment-scoped
 * secrets are read only in jobs with a matching `environment:`, every declared secret is still read, and
 * an `env:` entry carries the name of the secret it reads (so a grep for the name finds every use).
 * `GITHUB_TOKEN` (and any other exempt name) is GitHub's own: never reported, and `GH_TOKEN:
 * ${{ secrets.GITHUB_TOKEN }}` is fine because `gh` reads that name.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml'
import type { GithubSecretEntry, GithubSecretsDefinition } from '../github-secrets.ts'
import type { AuditFinding } from './finding.ts'
import { type SecretRead, secretReachFindings } from './secret-reach.ts'
import { secretReferences } from './secret-references.ts'
import { declarationLine } from './source-lines.ts'
import { environmentOf, readJobs, type WorkflowJob } from './workflow-jobs.ts'
import { unreadableWorkflow } from './workflow-parse.ts'

/**
 * A workflow file: its repository-relative path and text.
 *
 * @example
 * ```ts
 * const file: WorkflowFile = { path: '.github/workflows/ci.yml', source: 'on: push\njobs: {}\n' }
 * ```
 */
export interface WorkflowFile {
  readonly path: string
  readonly source: string
}

/**
 * Input of {@link auditWorkflows}.
 *
 * @example
 * ```ts
 * const input: WorkflowAuditInput = { github: cmsGithubSecrets, workflows, declarationFile: 'secrets.ts' }
 * ```
 */
export interface WorkflowAuditInput {
  readonly github: GithubSecretsDefinition
  readonly workflows: readonly WorkflowFile[]
  /** The path "declared but unused" findings name. */
  readonly declarationFile: string
  /** Its text, for the line of each name. @default unknown: line 1 */
  readonly declarationSource?: string
}

interface Site {
  readonly text: string
  readonly line: number
  readonly where: string
  /** The key when the string is a value of an `env:` mapping. */
  readonly envKey: string | undefined
}

function collect(node: unknown, where: string, envMap: boolean, lines: LineCounter, out: Site[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?'
      const value = pair.value
      if (envMap && isScalar(value) && typeof value.value === 'string') {
        const line = lines.linePos(value.range?.[0] ?? 0).line
        out.push({ text: value.value, line, where: `${where}.${key}`, envKey: key })
      } else collect(value, `${where}.${key}`, key === 'env', lines, out)
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) collect(item, `${where}[${i}]`, false, lines, out)
  } else if (isScalar(node) && typeof node.value === 'string') {
    const line = lines.linePos(node.range?.[0] ?? 0).line
    out.push({ text: node.value, line, where, envKey: undefined })
  }
}

/** Why a job in `environment` may not read this secret, or `undefined` when it may. */
function scopeProblem(entry: GithubSecretEntry, environment: string | null | undefined): string | undefined {
  if (entry.scope !== 'environment') return undefined
  if (environment === undefined) return 'without an `environment:` (it is environment-scoped)'
  if (environment === null) return 'in a job whose environment is an expression'
  if (!entry.environments.includes(environment as never)) {
    return `in environment ${environment}, which does not hold it`
  }
  return undefined
}

function auditFile(
  input: WorkflowAuditInput,
  file: WorkflowFile,
  usages: SecretRead[],
  jobs: WorkflowJob[],
): AuditFinding[] {
  const lines = new LineCounter()
  const doc = parseDocument(file.source, { lineCounter: lines })
  const unreadable = unreadableWorkflow(file, doc, lines)
  if (unreadable !== undefined) return [unreadable]
  if (!isMap(doc.contents)) return []
  jobs.push(...readJobs(file.path, doc, lines))
  const findings: AuditFinding[] = []
  const add = (check: AuditFinding['check'], line: number, message: string): void => {
    findings.push({ check, file: file.path, line, message })
  }
  const scopes: {
    environment: string | null | undefined
    node: unknown
    where: string
    job: string | undefined
  }[] = []
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '?'
    if (key !== 'jobs') scopes.push({ environment: undefined, node: pair.value, where: key, job: undefined })
    else if (isMap(pair.value)) {
      for (const job of pair.value.items) {
        const id = isScalar(job.key) ? String(job.key.value) : '?'
        scopes.push({
          environment: environmentOf(job.value as Node),
          node: job.value,
          where: `jobs.${id}`,
          job: id,
        })
      }
    }
  }
  for (const scope of scopes) {
    const sites: Site[] = []
    collect(scope.node, scope.where, scope.where === 'env', lines, sites)
    for (const site of sites) {
      if (site.where.endsWith('.secrets') && site.text.trim() === 'inherit') {
        add(
          'secret-scope',
          site.line,
          `${site.where}: \`secrets: inherit\` passes every secret; pass the declared ones by name`,
        )
      }
      const refs = secretReferences(site.text)
      if (refs.length > 0 && /\.run$/.test(site.where)) {
        const message = `${site.where} splices secrets.${refs[0]} into a shell script (it lands in the script file and can escape quoting): pass it through \`env:\` and read "$${refs[0]}"`
        add('secret-in-script', site.line, message)
      }
      for (const ref of refs) {
        if (ref === '*') {
          add('secret-scope', site.line, `${site.where} reads the whole secrets context`)
          continue
        }
        if (input.github.exempt.includes(ref)) continue
        usages.push({
          name: ref,
          environment: scope.environment,
          file: file.path,
          job: scope.job,
          line: site.line,
        })
        const entry = input.github.secrets[ref]
        const envName = entry?.envName ?? ref
        if (site.envKey !== undefined && site.envKey !== envName) {
          add(
            'env-name-mismatch',
            site.line,
            `${site.envKey} reads secrets.${ref}: name the env entry ${envName}`,
          )
        }
        if (entry === undefined) {
          add(
            'undeclared-secret',
            site.line,
            `${site.where} reads secrets.${ref}, which the inventory does not declare`,
          )
          continue
        }
        const problem = scopeProblem(entry, scope.environment)
        if (problem !== undefined)
          add('secret-scope', site.line, `${site.where} reads secrets.${ref} ${problem}`)
      }
    }
  }
  return findings
}

/**
 * Audits workflows against the declared GitHub secrets: undeclared or wrongly scoped reads, `env:` names
 * that differ from the secret they read, and declared secrets (per environment) no workflow reads.
 *
 * @example
 * ```ts
 * auditWorkflows({ github: cmsGithubSecrets, workflows, declarationFile: 'packages/env/src/cms-github-secrets.ts' })
 * ```
 */
export function auditWorkflows(input: WorkflowAuditInput): AuditFinding[] {
  const usages: SecretRead[] = []
  const jobs: WorkflowJob[] = []
  const findings = input.workflows.flatMap((file) => auditFile(input, file, usages, jobs))
  findings.push(...secretReachFindings(input, usages, jobs))
  for (const [name, entry] of Object.entries(input.github.secrets)) {
    const reads = usages.filter((u) => u.name === name)
    const file = input.declarationFile
    const line = declarationLine(input.declarationSource, name)
    if (reads.length === 0) {
      findings.push({
        check: 'unused-secret',
        file,
        line,
        message: `${name} is declared but no workflow reads it`,
      })
      continue
    }
    for (const env of entry.environments ?? []) {
      if (!reads.some((u) => u.environment === env)) {
        const message = `${name} is declared for environment ${env}, but no job with \`environment: ${env}\` reads it`
        findings.push({ check: 'unused-secret', file, line, message })
      }
    }
  }
  return findings
}
