/**
 * Who can reach each GitHub secret, judged from the jobs that really read it: no secret but a read-only
 * one within reach of a job that runs pull-request code (through a read or through the job's
 * `environment:`), no repository-wide secret that only some jobs need (every job of every workflow can
 * read a repository secret), and a `usedBy` that names exactly the jobs that read it, so the docs never
 * understate where a secret goes.
 */
import type { AuditFinding } from './finding.ts'
import { declarationLine } from './source-lines.ts'
import type { WorkflowJob } from './workflow-jobs.ts'
import type { WorkflowAuditInput } from './workflows.ts'

/**
 * One `secrets.X` read: the secret, the job's environment, the file, the job (`undefined` at workflow
 * level, which every job of the file inherits) and the line.
 *
 * @example
 * ```ts
 * const read: SecretRead = { name: 'CLOUDFLARE_API_TOKEN', environment: 'staging', file: '.github/workflows/ci.yml', job: 'deploy-staging', line: 112 }
 * ```
 */
export interface SecretRead {
  readonly name: string
  readonly environment: string | null | undefined
  readonly file: string
  readonly job: string | undefined
  readonly line: number
}

const baseName = (path: string): string => path.split('/').at(-1) ?? path

/** `file.yml (job)` for every job that reads the secret; a workflow-level read counts for each job. */
function readersOf(name: string, reads: readonly SecretRead[], jobs: readonly WorkflowJob[]): Set<string> {
  const readers = new Set<string>()
  for (const read of reads.filter((r) => r.name === name)) {
    for (const job of jobs.filter(
      (j) => j.file === read.file && (read.job === undefined || read.job === j.id),
    ))
      readers.add(`${baseName(job.file)} (${job.id})`)
  }
  return readers
}

function declaredReaders(usedBy: readonly string[]): Set<string> {
  const readers = new Set<string>()
  for (const use of usedBy) {
    const match = /^(\S+) \((.*)\)$/.exec(use)
    if (match === null) continue
    for (const job of match[2]!.split(', ')) readers.add(`${match[1]} (${job})`)
  }
  return readers
}

function pullRequestFindings(
  input: WorkflowAuditInput,
  reads: readonly SecretRead[],
  jobs: readonly WorkflowJob[],
): AuditFinding[] {
  const findings: AuditFinding[] = []
  const fix =
    'run it only on push (an `if:` on the event or ref), or in a workflow_run job that never checks out PR code'
  for (const job of jobs.filter((j) => j.runsPullRequestCode)) {
    const where = `jobs.${job.id} runs pull-request code`
    for (const read of reads.filter(
      (r) => r.file === job.file && (r.job === undefined || r.job === job.id),
    )) {
      if (input.github.secrets[read.name]?.readOnly === true) continue
      const message = `${where} and reads secrets.${read.name}, which is not read-only: ${fix}`
      findings.push({ check: 'pull-request-secret', file: job.file, line: read.line, message })
    }
    if (job.environment === undefined) continue
    const held = Object.entries(input.github.secrets)
      .filter(([, e]) => e.readOnly !== true && e.scope === 'environment')
      .filter(
        ([, e]) => job.environment === null || (e.environments ?? []).includes(job.environment as never),
      )
      .map(([name]) => name)
    if (held.length === 0) continue
    const env = job.environment === null ? 'an expression environment' : `environment ${job.environment}`
    const message = `${where} in ${env}, which holds ${held.join(', ')}: drop \`environment:\` from this job, or ${fix}`
    findings.push({ check: 'pull-request-secret', file: job.file, line: job.line, message })
  }
  return findings
}

/**
 * The reach findings: pull-request jobs within reach of a secret that is not read-only, repository-wide
 * secrets most jobs do not need, and `usedBy` lists that differ from the jobs that read the secret.
 *
 * @example
 * ```ts
 * secretReachFindings(input, reads, jobs) // [] when every secret goes exactly where it is declared
 * ```
 */
export function secretReachFindings(
  input: WorkflowAuditInput,
  reads: readonly SecretRead[],
  jobs: readonly WorkflowJob[],
): AuditFinding[] {
  const findings = pullRequestFindings(input, reads, jobs)
  const file = input.declarationFile
  for (const [name, entry] of Object.entries(input.github.secrets)) {
    const line = declarationLine(input.declarationSource, name)
    const readers = readersOf(name, reads, jobs)
    if (readers.size === 0) continue
    if (entry.scope === 'repository' && entry.readOnly !== true && readers.size < jobs.length) {
      const message = `${name} is repository-wide, so all ${jobs.length} jobs can read it, but only ${readers.size} do: declare it per environment (scope: 'environment') for the jobs that need it`
      findings.push({ check: 'secret-scope', file, line, message })
    }
    const declared = declaredReaders(entry.usedBy)
    const missing = [...readers].filter((r) => !declared.has(r)).sort()
    const extra = [...declared].filter((r) => !readers.has(r)).sort()
    if (missing.length > 0) {
      const message = `${name} is read by ${missing.join(', ')}, which its usedBy does not list: add them, or stop the read`
      findings.push({ check: 'used-by', file, line, message })
    }
    if (extra.length > 0) {
      const message = `${name}'s usedBy lists ${extra.join(', ')}, which does not read it: remove them`
      findings.push({ check: 'used-by', file, line, message })
    }
  }
  return findings
}
