/**
 * The rules every GitHub workflow (and local composite action) in this repo is held to, checked on the
 * parsed YAML: `permissions: {}` at the top and a grant per job, no `pull_request_target`, third-party
 * actions pinned by full commit SHA with the tag in a comment, `environment:` on every deploy job, secrets
 * beyond the install token only in jobs with an environment, the `@alokai` scope authenticated in every job
 * that installs, no `${{ github.event… }}` spliced into a shell script, and `workflow_run` workflows that
 * never check out or install (they run with secrets next to artifacts PR code produced).
 */
import { parse } from 'yaml'

/** A workflow or action file: its repo-relative path and text. */
export interface WorkflowSource {
  path: string
  source: string
}

type Mapping = Record<string, unknown>

const pinned = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/
const tagComment = /#\s*v\d+(\.\d+)*\s*$/
const installs = /\bpnpm (install|i)\b|\bnpm ci\b/
const deploys = /wrangler (deploy|pages deploy)|migrations apply\b.*--remote|secrets:audit --remote/
const injectable = /\$\{\{\s*(github\.event\.|github\.head_ref)/
const secretRef = /\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/g
const unscopedSecrets = new Set(['VERDACCIO_AUTH_TOKEN', 'GITHUB_TOKEN'])
const registryEnv = ['NPM_CONFIG_USERCONFIG', 'ALOKAI_REGISTRY_URL', 'ALOKAI_REGISTRY_HOST']

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const asMapping = (value: unknown): Mapping => (isMapping(value) ? value : {})
const steps = (holder: Mapping): Mapping[] =>
  Array.isArray(holder.steps) ? holder.steps.filter(isMapping) : []
const runText = (list: Mapping[]): string => list.map((step) => String(step.run ?? '')).join('\n')

/**
 * Lists every rule a workflow or composite action breaks; an empty list means it passes.
 *
 * @example
 * const problems = workflowProblems({ path: '.github/workflows/ci.yml', source })
 */
export function workflowProblems(file: WorkflowSource): string[] {
  const problems: string[] = []
  const report = (where: string, problem: string) => problems.push(`${file.path}: ${where}: ${problem}`)
  let doc: unknown
  try {
    doc = parse(file.source)
  } catch {
    return [`${file.path}: not valid YAML`]
  }
  if (!isMapping(doc)) return [`${file.path}: not a YAML mapping`]
  checkPins(file, report)
  if (isMapping(doc.runs)) {
    for (const step of steps(doc.runs)) checkStep(step, 'runs', report)
    return problems
  }
  const triggers = isMapping(doc.on) ? Object.keys(doc.on) : [doc.on].flat().map(String)
  if (triggers.includes('pull_request_target')) report('on', 'pull_request_target is not allowed')
  if (!isMapping(doc.permissions) || Object.keys(doc.permissions).length > 0) {
    report('permissions', 'the top level must be `permissions: {}`')
  }
  const workflowEnv = asMapping(doc.env)
  checkEnvNames(workflowEnv, 'env', report)
  const jobs = asMapping(doc.jobs)
  if (Object.keys(jobs).length === 0) report('jobs', 'no jobs')
  for (const [id, value] of Object.entries(jobs)) {
    const job = asMapping(value)
    const where = `jobs.${id}`
    const jobSteps = steps(job)
    const env = { ...workflowEnv, ...asMapping(job.env) }
    if (!isMapping(job.permissions)) report(where, 'needs its own `permissions:` mapping')
    checkEnvNames(asMapping(job.env), `${where}.env`, report)
    jobSteps.forEach((step, index) => {
      checkStep(step, `${where}.steps[${index}]`, report)
    })
    const script = runText(jobSteps)
    const hasEnvironment = job.environment !== undefined
    if ((id.startsWith('deploy') || deploys.test(script)) && !hasEnvironment) {
      report(where, 'deploys, so it needs `environment:`')
    }
    for (const name of new Set([...JSON.stringify(job).matchAll(secretRef)].map((m) => m[1]!))) {
      if (!unscopedSecrets.has(name) && !hasEnvironment) {
        report(where, `reads secrets.${name} without an \`environment:\``)
      }
    }
    const installing =
      installs.test(script) || jobSteps.some((step) => step.uses === './.github/actions/setup')
    if (installing) {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
      if (env.VERDACCIO_AUTH_TOKEN !== '${{ secrets.VERDACCIO_AUTH_TOKEN }}') {
        report(where, 'installs without VERDACCIO_AUTH_TOKEN from secrets.VERDACCIO_AUTH_TOKEN')
      }
      for (const name of registryEnv) if (!env[name]) report(where, `installs without ${name}`)
      if (!String(env.NPM_CONFIG_USERCONFIG ?? '').endsWith('/registry.npmrc')) {
        report(where, 'NPM_CONFIG_USERCONFIG must point at registry.npmrc')
      }
    }
    if (triggers.includes('workflow_run')) {
      if (jobSteps.some((step) => String(step.uses ?? '').startsWith('actions/checkout@'))) {
        report(where, 'a workflow_run job must not check out code')
      }
      if (installing) report(where, 'a workflow_run job must not install or run repository code')
    }
  }
  return problems
}

function checkStep(step: Mapping, where: string, report: (where: string, problem: string) => void): void {
  if (typeof step.uses === 'string' && !step.uses.startsWith('./') && !pinned.test(step.uses)) {
    report(where, `${step.uses} is not pinned by a full commit SHA`)
  }
  if (typeof step.run === 'string' && injectable.test(step.run)) {
    report(where, 'splices github.event/head_ref into a script: pass it through env')
  }
  checkEnvNames(asMapping(step.env), `${where}.env`, report)
}

/** An env entry that reads a secret must carry the secret's own name (the audit matches them by name). */
function checkEnvNames(env: Mapping, where: string, report: (where: string, problem: string) => void): void {
  for (const [name, value] of Object.entries(env)) {
    const match = /^\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}$/.exec(String(value))
    if (match && match[1] !== name) report(where, `${name} reads secrets.${match[1]}: use the same name`)
  }
}

/** Every pinned `uses:` line carries the tag it stands for, so a reviewer can check the SHA. */
function checkPins(file: WorkflowSource, report: (where: string, problem: string) => void): void {
  file.source.split('\n').forEach((line, index) => {
    const match = /^\s*(?:-\s*)?uses:\s*(\S+)/.exec(line)
    if (match && !match[1]!.startsWith('./') && !tagComment.test(line)) {
      report(`line ${index + 1}`, `${match[1]} has no "# vX.Y.Z" comment naming its tag`)
    }
  })
}
