/** Tests of the workflow checks against the CMS inventory, each made to fail by one mutation. */
import { describe, expect, it } from 'vitest'
import { fixtures, mutate } from '../../test/fixtures/index.ts'
import { cmsProject } from '../cms-project.ts'
import { secretReferences } from './secret-references.ts'
import { auditWorkflows, type WorkflowFile } from './workflows.ts'

const declarationFile = 'apps/cms/src/config/github-secrets.ts'
const CI = '.github/workflows/ci.yml'
const files = (ci = fixtures.workflows.ci, prod = fixtures.workflows.deployProd): WorkflowFile[] => [
  { path: CI, source: ci },
  { path: '.github/workflows/deploy-prod.yml', source: prod },
  { path: '.github/workflows/docs-preview.yml', source: fixtures.workflows.docsPreview },
  { path: '.github/workflows/publish-packages.yml', source: fixtures.workflows.publishPackages },
]
const audit = (workflows: WorkflowFile[]) =>
  auditWorkflows({ github: cmsProject.github, workflows, declarationFile })
// Built from parts so no line holds a literal "$" + "{" (GitHub expressions, not JS templates).
const OPEN = ['$', '{{'].join('')
const expr = (inner: string) => `${OPEN} ${inner} }}`

describe('auditWorkflows', () => {
  it('finds nothing in the clean fixtures (GH_TOKEN reading GITHUB_TOKEN included)', () => {
    expect(audit(files())).toEqual([])
  })

  it('reports a secret the inventory does not declare, with its file, line and path', () => {
    const ci = mutate(
      fixtures.workflows.ci,
      `      - run: pnpm install --frozen-lockfile\n`,
      `      - run: pnpm install --frozen-lockfile\n        env:\n          NPM_TOKEN: ${expr('secrets.NPM_TOKEN')}\n`,
    )
    expect(audit(files(ci))).toEqual([
      {
        check: 'undeclared-secret',
        file: CI,
        line: 23,
        message:
          'jobs.verify.steps[0].env.NPM_TOKEN reads secrets.NPM_TOKEN, which the inventory does not declare',
      },
    ])
  })

  it('reports an environment-scoped secret in a job without environment:', () => {
    const ci = mutate(fixtures.workflows.ci, '    environment: staging\n', '')
    const findings = audit(files(ci))
    expect(findings).toContainEqual({
      check: 'secret-scope',
      file: CI,
      line: 50, // one line up: the environment line is gone
      message:
        'jobs.deploy-staging.steps[1].env.CLOUDFLARE_API_TOKEN reads secrets.CLOUDFLARE_API_TOKEN without an `environment:` (it is environment-scoped)',
    })
    // …and staging now has no reader at all.
    expect(findings.map((f) => f.message)).toContain(
      'CLOUDFLARE_API_TOKEN is declared for environment staging, but no job with `environment: staging` reads it',
    )
  })

  it('reports an environment-scoped secret at workflow level, in another environment, or in an expression environment', () => {
    const top = mutate(
      fixtures.workflows.ci,
      'env:\n  CI: "true"\n',
      `env:\n  CI: "true"\n  CLOUDFLARE_API_TOKEN: ${expr('secrets.CLOUDFLARE_API_TOKEN')}\n`,
    )
    expect(audit(files(top)).map((f) => f.message)).toContain(
      'env.CLOUDFLARE_API_TOKEN reads secrets.CLOUDFLARE_API_TOKEN without an `environment:` (it is environment-scoped)',
    )
    const other = mutate(fixtures.workflows.ci, 'environment: staging', 'environment: qa')
    expect(audit(files(other)).map((f) => f.message)).toContain(
      'jobs.deploy-staging.steps[1].env.CLOUDFLARE_API_TOKEN reads secrets.CLOUDFLARE_API_TOKEN in environment qa, which does not hold it',
    )
    const dynamic = mutate(
      fixtures.workflows.ci,
      'environment: staging',
      `environment: ${expr('inputs.target')}`,
    )
    expect(audit(files(dynamic)).map((f) => f.message)).toContain(
      'jobs.deploy-staging.steps[1].env.CLOUDFLARE_API_TOKEN reads secrets.CLOUDFLARE_API_TOKEN in a job whose environment is an expression',
    )
  })

  it('reports an env entry named differently from the secret it reads, but not for GITHUB_TOKEN', () => {
    const read = expr('secrets.CLOUDFLARE_API_TOKEN')
    const ci = mutate(fixtures.workflows.ci, `CLOUDFLARE_API_TOKEN: ${read}`, `CF_TOKEN: ${read}`)
    expect(audit(files(ci))).toEqual([
      {
        check: 'env-name-mismatch',
        file: CI,
        line: 51,
        message: 'CF_TOKEN reads secrets.CLOUDFLARE_API_TOKEN: name the env entry CLOUDFLARE_API_TOKEN',
      },
    ])
    expect(fixtures.workflows.deployProd).toContain(`GH_TOKEN: ${expr('secrets.GITHUB_TOKEN')}`)
  })

  it('reports a declared secret no workflow reads, and an environment no job reads it in', () => {
    const noPreview: WorkflowFile[] = files().filter((file) => !file.path.endsWith('docs-preview.yml'))
    expect(audit(noPreview).filter((f) => f.check === 'unused-secret')).toEqual([
      {
        check: 'unused-secret',
        file: declarationFile,
        line: 1,
        message:
          'CLOUDFLARE_API_TOKEN is declared for environment preview, but no job with `environment: preview` reads it',
      },
      {
        check: 'unused-secret',
        file: declarationFile,
        line: 1,
        message:
          'CLOUDFLARE_ACCOUNT_ID is declared for environment preview, but no job with `environment: preview` reads it',
      },
    ])
    const onlyCloudflare = files().map((file) => ({
      ...file,
      source: file.source.replace(/^.*VERDACCIO_READ_TOKEN.*\n/gm, ''),
    }))
    expect(audit(onlyCloudflare)).toEqual([
      {
        check: 'unused-secret',
        file: declarationFile,
        line: 1,
        message: 'VERDACCIO_READ_TOKEN is declared but no workflow reads it',
      },
    ])
  })

  it('reports secrets: inherit and a read of the whole secrets context', () => {
    const ci = mutate(
      fixtures.workflows.ci,
      '      - run: pnpm secrets:audit\n',
      `      - run: echo "$ALL"\n        env:\n          ALL: ${expr('toJSON(secrets)')}\n`,
    )
    expect(audit(files(ci)).map((f) => f.message)).toEqual([
      'jobs.verify.steps[1].env.ALL reads the whole secrets context',
    ])
    const inherit = `${fixtures.workflows.ci}  reuse:\n    uses: ./.github/workflows/x.yml\n    secrets: inherit\n`
    expect(audit(files(inherit)).map((f) => f.message)).toEqual([
      'jobs.reuse.secrets: `secrets: inherit` passes every secret; pass the declared ones by name',
    ])
  })

  it("reports YAML that does not parse as unreadable, with the parser's reason and line", () => {
    const broken = mutate(
      fixtures.workflows.ci,
      '    runs-on: ubuntu-latest\n',
      '    runs-on: [ubuntu-latest\n',
    )
    expect(audit([{ path: CI, source: broken }, ...files().slice(1)])).toContainEqual({
      check: 'unreadable',
      file: CI,
      line: 13,
      message:
        'is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    })
    expect(audit([{ path: CI, source: '- a list\n' }, ...files().slice(1)])).toContainEqual({
      check: 'unreadable',
      file: CI,
      line: 1,
      message: 'is not a workflow: a YAML mapping is expected',
    })
  })
})

describe('secretReferences', () => {
  it('finds dotted and indexed references, ignores other contexts and quoted text', () => {
    expect(secretReferences(`${expr('secrets.A')} and ${expr('secrets[\'B\'] || secrets["C"]')}`)).toEqual([
      'A',
      'B',
      'C',
    ])
    expect(secretReferences(expr("github.secrets.X == 'secrets.Y'"))).toEqual([])
    expect(secretReferences('secrets.NOT_IN_AN_EXPRESSION')).toEqual([])
    expect(secretReferences(expr('toJSON(secrets)'))).toEqual(['*'])
  })
})
