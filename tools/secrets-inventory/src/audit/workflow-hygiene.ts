/**
 * The rules every GitHub workflow (and local composite action) in this repository is held to besides its
 * secrets (those are `workflows.ts`): `permissions: {}` at the top and a grant per job, no
 * `pull_request_target`, third-party actions pinned by full commit SHA with the tag in a comment,
 * `environment:` on every job that deploys, the `@alokai` scope authenticated in every job that installs,
 * no `${{ github.event… }}` spliced into a shell script, `workflow_run` jobs that never check out or install
 * (they run with secrets next to artifacts PR code produced), `CLOUDFLARE_ACCOUNT_ID` beside every command
 * that talks to Cloudflare, `pnpm deploy:preflight` before a Worker deploy or a remote migration (so a
 * placeholder id fails early and clearly), and a Pages deploy of static files only (no `_worker.js`,
 * `functions/` or `_routes.json` from a PR build becomes server code). Each finding carries its line.
 */
import { LineCounter, parseDocument } from 'yaml'
import type { AuditCheck, AuditFinding } from './finding.ts'
import { guardedBy } from './workflow-guards.ts'
import { unreadableWorkflow } from './workflow-parse.ts'
import { unneededPermissions } from './workflow-permissions.ts'
import type { WorkflowFile } from './workflows.ts'

type Mapping = Record<string, unknown>
type Path = readonly (string | number)[]

const pinned = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/
const tagComment = /#\s*v\d+(\.\d+)*\s*$/
const installs = /\bpnpm (install|i)\b|\bnpm ci\b/
/** Commands that talk to a Cloudflare account: they need the environment and the account id. */
const cloudflare =
  /\bwrangler(@\S+)?\s+(deploy|pages\s+deploy|versions|secret)\b|migrations apply\b.*--remote|secrets:audit --remote/
/**
 * Commands that change the Worker or its database (`wrangler@4.86.0 deploy` through npx too): a placeholder
 * id, or a secret the new code needs and Cloudflare lacks, must stop them first.
 */
const workerChange = /\bwrangler(@\S+)?\s+(deploy|versions\s+(deploy|upload))\b|migrations apply\b.*--remote/
const injectable = /\$\{\{\s*(github\.event\.|github\.head_ref)/
const pagesDeploy = /pages deploy\s+(\S+)/
const registryEnv = ['NPM_CONFIG_USERCONFIG', 'ALOKAI_REGISTRY_URL', 'ALOKAI_REGISTRY_HOST']
/** The registry tokens registry.npmrc may read as VERDACCIO_AUTH_TOKEN: read-only for CI, publish for releases. */
const registryTokens = ['VERDACCIO_READ_TOKEN', 'VERDACCIO_PUBLISH_TOKEN']
// Built in two parts so no source line holds a literal "$" + "{" (a GitHub expression, not a template).
const secretExpression = (name: string): string => `${['$', '{{'].join('')} secrets.${name} }}`

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const asMapping = (value: unknown): Mapping => (isMapping(value) ? value : {})
const stepsOf = (holder: Mapping): Mapping[] =>
  Array.isArray(holder.steps) ? holder.steps.filter(isMapping) : []

/**
 * Lists every rule a workflow or composite action breaks, each with its line; empty when it passes.
 *
 * @example
 * ```ts
 * const findings = workflowHygiene({ path: '.github/workflows/ci.yml', source })
 * ```
 */
export function workflowHygiene(file: WorkflowFile): AuditFinding[] {
  const lines = new LineCounter()
  const doc = parseDocument(file.source, { lineCounter: lines })
  const unreadable = unreadableWorkflow(file, doc, lines)
  if (unreadable !== undefined) return [unreadable]
  const findings: AuditFinding[] = []
  const lineOf = (path: Path): number => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined
    return node?.range === undefined ? 1 : lines.linePos(node.range[0]).line
  }
  const report = (check: AuditCheck, path: Path, message: string): void => {
    findings.push({ check, file: file.path, line: lineOf(path), message })
  }
  checkPins(file, findings)
  const root = asMapping(doc.toJS())
  if (isMapping(root.runs)) {
    stepsOf(root.runs).forEach((step, i) => {
      checkStep(step, ['runs', 'steps', i], report)
    })
    return findings
  }
  const triggers = isMapping(root.on) ? Object.keys(root.on) : [root.on].flat().map(String)
  if (triggers.includes('pull_request_target'))
    report('workflow-trigger', ['on'], 'pull_request_target is not allowed')
  if (!isMapping(root.permissions) || Object.keys(root.permissions).length > 0) {
    report('workflow-permissions', ['permissions'], 'the top level must be `permissions: {}`')
  }
  const jobs = asMapping(root.jobs)
  if (Object.keys(jobs).length === 0) report('workflow-structure', ['jobs'], 'no jobs')
  for (const [id, value] of Object.entries(jobs)) {
    checkJob(id, asMapping(value), { workflowEnv: asMapping(root.env), triggers, report })
  }
  return findings
}

interface JobContext {
  readonly workflowEnv: Mapping
  readonly triggers: readonly string[]
  readonly report: (check: AuditCheck, path: Path, message: string) => void
}

function checkJob(id: string, job: Mapping, { workflowEnv, triggers, report }: JobContext): void {
  const at = ['jobs', id]
  const where = `jobs.${id}`
  const steps = stepsOf(job)
  const jobEnv = { ...workflowEnv, ...asMapping(job.env) }
  if (!isMapping(job.permissions))
    report('workflow-permissions', at, `${where} needs its own \`permissions:\` mapping`)
  for (const problem of unneededPermissions(job.permissions, steps)) {
    report('workflow-permissions', [...at, 'permissions'], `${where} grants ${problem}: remove it`)
  }
  const environment = isMapping(job.environment) ? job.environment.name : job.environment
  steps.forEach((step, i) => {
    checkStep(step, [...at, 'steps', i], report)
  })
  const script = steps.map((step) => String(step.run ?? '')).join('\n')
  if ((id.startsWith('deploy') || cloudflare.test(script)) && job.environment === undefined) {
    report('deploy-environment', at, `${where} deploys, so it needs \`environment:\``)
  }
  steps.forEach((step, i) => {
    const run = String(step.run ?? '')
    const env = { ...jobEnv, ...asMapping(step.env) }
    const path = [...at, 'steps', i]
    if (cloudflare.test(run) && env.CLOUDFLARE_ACCOUNT_ID !== secretExpression('CLOUDFLARE_ACCOUNT_ID')) {
      const message = `${where}.steps[${i}] talks to Cloudflare without CLOUDFLARE_ACCOUNT_ID from secrets.CLOUDFLARE_ACCOUNT_ID`
      report('cloudflare-account', path, message)
    }
    const earlier = steps.slice(0, i).map((s) => String(s.run ?? ''))
    if (workerChange.test(run)) {
      const env = typeof environment === 'string' ? environment : 'ENV'
      if (!guardedBy(steps.slice(0, i), 'pnpm deploy:preflight', environment)) {
        const message = `${where}.steps[${i}] deploys or migrates without an earlier step that fails the job on \`pnpm deploy:preflight --env ${env}\` (placeholder ids; no \`|| true\`, no continue-on-error)`
        report('deploy-preflight', path, message)
      }
      if (!guardedBy(steps.slice(0, i), 'pnpm secrets:audit --remote', environment)) {
        const message = `${where}.steps[${i}] deploys or migrates without an earlier step that fails the job on \`pnpm secrets:audit --remote --env ${env}\` (a Worker secret its code needs may be missing)`
        report('deploy-audit', path, message)
      }
    }
    const pages = pagesDeploy.exec(run)
    if (pages !== null && !earlier.some((text) => removesServerCode(text, pages[1]!))) {
      const message = `${where}.steps[${i}] deploys ${pages[1]} to Pages without first removing _worker.js, functions/ and _routes.json (server code from the build)`
      report('pages-static-only', path, message)
    }
  })
  const installing = installs.test(script) || steps.some((step) => step.uses === './.github/actions/setup')
  if (installing) {
    if (!registryTokens.map(secretExpression).includes(String(jobEnv.VERDACCIO_AUTH_TOKEN))) {
      const message = `${where} installs without VERDACCIO_AUTH_TOKEN from secrets.${registryTokens.join(' or secrets.')}`
      report('registry', at, message)
    }
    for (const name of registryEnv)
      if (!jobEnv[name]) report('registry', at, `${where} installs without ${name}`)
    if (!String(jobEnv.NPM_CONFIG_USERCONFIG ?? '').endsWith('/registry.npmrc')) {
      report('registry', at, `${where}: NPM_CONFIG_USERCONFIG must point at registry.npmrc`)
    }
  }
  if (triggers.includes('workflow_run')) {
    if (steps.some((step) => String(step.uses ?? '').startsWith('actions/checkout@'))) {
      report('workflow-run', at, `${where}: a workflow_run job must not check out code`)
    }
    if (installing)
      report('workflow-run', at, `${where}: a workflow_run job must not install or run repository code`)
  }
}

/** Whether a script removes every piece of server code Pages would run from `dir`. */
function removesServerCode(script: string, dir: string): boolean {
  const base = dir.replace(/\/+$/, '')
  return (
    /\brm -rf\b/.test(script) &&
    [`${base}/_worker.js`, `${base}/functions`, `${base}/_routes.json`].every((path) => script.includes(path))
  )
}

function checkStep(step: Mapping, path: Path, report: JobContext['report']): void {
  const where = path.join('.')
  if (typeof step.uses === 'string' && !step.uses.startsWith('./') && !pinned.test(step.uses)) {
    report('action-pin', path, `${where}: ${step.uses} is not pinned by a full commit SHA`)
  }
  if (typeof step.run === 'string' && injectable.test(step.run)) {
    report(
      'script-injection',
      path,
      `${where} splices github.event/head_ref into a script: pass it through env`,
    )
  }
}

/** Every pinned `uses:` line carries the tag it stands for, so a reviewer can check the SHA. */
function checkPins(file: WorkflowFile, findings: AuditFinding[]): void {
  file.source.split('\n').forEach((text, index) => {
    const match = /^\s*(?:-\s*)?uses:\s*(\S+)/.exec(text)
    if (match && !match[1]!.startsWith('./') && !tagComment.test(text)) {
      const message = `${match[1]} has no "# vX.Y.Z" comment naming its tag`
      findings.push({ check: 'action-pin', file: file.path, line: index + 1, message })
    }
  })
}
