/**
 * A scratch git repository built from the fixtures in a fresh temporary directory, for the tests that run
 * the CLI for real (in process or as a spawned command). Each test file makes its own and removes it.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fixtures } from './fixtures/index.ts'

/** The scratch repository: its root, a writer and git. */
export interface ScratchRepo {
  readonly root: string
  write(path: string, text: string): void
  git(...args: string[]): string
  remove(): void
}

/** Creates the repository with the fixture files, initialised but with nothing added yet. */
export function createScratchRepo(prefix: string): ScratchRepo {
  const root = mkdtempSync(join(tmpdir(), prefix))
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' })
  write('.gitignore', fixtures.gitignore)
  write('apps/cms/wrangler.jsonc', fixtures.wrangler)
  write('.github/workflows/ci.yml', fixtures.workflows.ci)
  write('.github/workflows/deploy-prod.yml', fixtures.workflows.deployProd)
  write('.github/workflows/docs-preview.yml', fixtures.workflows.docsPreview)
  write('.github/workflows/publish-packages.yml', fixtures.workflows.publishPackages)
  git('init', '-q')
  return { root, write, git, remove: () => rmSync(root, { recursive: true, force: true }) }
}
