/**
 * The one rule set for this repository's GitHub workflows, used by `pnpm secrets:audit` and by
 * tools/release-check's workflow test alike: the secrets rules (`workflows.ts`: declared, scoped, named,
 * used) and the hygiene rules (`workflow-hygiene.ts`: pins, permissions, environments, the account id,
 * the deploy preflight, static-only Pages deploys). Each rule exists once; both tools import this file.
 */
import type { AuditFinding } from './finding.ts'
import { workflowHygiene } from './workflow-hygiene.ts'
import { auditWorkflows, type WorkflowAuditInput } from './workflows.ts'

/**
 * Every finding the workflows (and local actions) give, secrets rules and hygiene rules together.
 *
 * @example
 * ```ts
 * const findings = workflowFindings({ github: cmsProject.github, workflows, declarationFile })
 * ```
 */
export function workflowFindings(input: WorkflowAuditInput): AuditFinding[] {
  const hygiene = input.workflows.flatMap((file) => workflowHygiene(file))
  // A file that does not parse is reported once (by the secrets rules), not twice.
  const unreadable = new Set(hygiene.filter((f) => f.check === 'unreadable').map((f) => f.file))
  return [...auditWorkflows(input), ...hygiene.filter((f) => !unreadable.has(f.file))]
}
