/**
 * The workflow rules as other tools import them (`@alokai/secrets-inventory/workflow-rules`):
 * tools/release-check's workflow test holds `.github/` to exactly the rules `pnpm secrets:audit` runs, with
 * the CMS's GitHub secrets declaration, so the two can never disagree again.
 */
import type { AuditFinding } from './audit/finding.ts'
import { workflowFindings } from './audit/workflow-rules.ts'
import type { WorkflowFile } from './audit/workflows.ts'
import { cmsProject } from './cms-project.ts'

export { type AuditFinding, formatFindings } from './audit/finding.ts'
export type { WorkflowFile } from './audit/workflows.ts'

/**
 * Every finding of the repository's workflows and local actions, against the CMS's GitHub secrets.
 *
 * @example
 * ```ts
 * const findings = checkWorkflows([{ path: '.github/workflows/ci.yml', source }])
 * ```
 */
export function checkWorkflows(workflows: readonly WorkflowFile[]): AuditFinding[] {
  return workflowFindings({
    github: cmsProject.github,
    workflows,
    declarationFile: cmsProject.declarationFile,
  })
}
