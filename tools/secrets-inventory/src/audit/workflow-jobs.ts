/**
 * What the secret-reach checks need to know about each job of a workflow: where it is, its environment,
 * and whether it runs pull-request code. A job runs pull-request code when its workflow is triggered by
 * `pull_request` (or `pull_request_target`), its `if:` does not restrict it to pushes, and it checks the
 * code out: whatever that code does then runs with every secret the job can reach.
 */
import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml'

/**
 * One job of a workflow file.
 *
 * @example
 * ```ts
 * const job: WorkflowJob = { file: '.github/workflows/ci.yml', id: 'verify', line: 28, environment: undefined, runsPullRequestCode: true }
 * ```
 */
export interface WorkflowJob {
  readonly file: string
  readonly id: string
  readonly line: number
  /** Its `environment:` name; `null` for an expression, `undefined` for none. */
  readonly environment: string | null | undefined
  readonly runsPullRequestCode: boolean
}

const PULL_REQUEST_TRIGGERS = ['pull_request', 'pull_request_target']
/**
 * An `if:` that keeps a job off pull requests: it requires a push, or a branch or tag ref (a PR's ref is
 * `refs/pull/…`). An `||` could open it again, so such a condition is not trusted.
 */
const PUSH_ONLY =
  /github\.event_name\s*==\s*'push'|github\.ref\s*==\s*'refs\/(heads|tags)\/|github\.event_name\s*!=\s*'pull_request'/

function triggersOf(doc: Document.Parsed): string[] {
  const on = doc.get('on', true) as Node | undefined
  if (isMap(on)) return on.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''))
  if (isSeq(on)) return on.items.map((item) => (isScalar(item) ? String(item.value) : ''))
  return isScalar(on) ? [String(on.value)] : []
}

/**
 * A job's `environment:` name (a string or `{ name }`); `null` when it is an expression.
 *
 * @example
 * ```ts
 * environmentOf(jobNode) // 'staging'
 * ```
 */
export function environmentOf(job: Node | null | undefined): string | null | undefined {
  if (!isMap(job)) return undefined
  let env = job.get('environment', true) as Node | undefined
  if (isMap(env)) env = env.get('name', true) as Node | undefined
  if (!isScalar(env) || typeof env.value !== 'string') return undefined
  return env.value.includes('${{') ? null : env.value
}

function checksOut(job: Node): boolean {
  const steps = isMap(job) ? (job.get('steps', true) as Node | undefined) : undefined
  if (!isSeq(steps)) return false
  return steps.items.some((step) => {
    const uses = isMap(step) ? step.get('uses') : undefined
    return typeof uses === 'string' && uses.startsWith('actions/checkout@')
  })
}

function keptOffPullRequests(job: Node): boolean {
  const condition = isMap(job) ? job.get('if') : undefined
  return typeof condition === 'string' && !condition.includes('||') && PUSH_ONLY.test(condition)
}

/**
 * The jobs of a parsed workflow, with the facts the secret-reach checks use.
 *
 * @example
 * ```ts
 * readJobs('.github/workflows/ci.yml', doc, lines).filter((job) => job.runsPullRequestCode)
 * ```
 */
export function readJobs(file: string, doc: Document.Parsed, lines: LineCounter): WorkflowJob[] {
  const jobs = doc.get('jobs', true) as Node | undefined
  if (!isMap(jobs)) return []
  const pullRequests = triggersOf(doc).some((trigger) => PULL_REQUEST_TRIGGERS.includes(trigger))
  return jobs.items.map((pair) => {
    const id = isScalar(pair.key) ? String(pair.key.value) : '?'
    const node = pair.value as Node
    const at = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0
    return {
      file,
      id,
      line: lines.linePos(at).line,
      environment: environmentOf(node),
      runsPullRequestCode: pullRequests && !keptOffPullRequests(node) && checksOut(node),
    }
  })
}
