/**
 * The scratch copy of the repository the release check versions and publishes, so the real checkout's
 * versions, CHANGELOGs and `.changeset/` are never touched: every file git would commit (tracked or new,
 * not ignored) plus each package's built `dist/`, committed in a fresh git repo with its own identity
 * (changesets creates no tags without one).
 */
import { existsSync } from 'node:fs'
import { cp, mkdir, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ReleaseCheckError } from './errors.ts'
import { run } from './exec.ts'
import type { ReleasedPackage } from './packages.ts'

/**
 * Copies the repository at `repoRoot` into `dir` and commits it there.
 *
 * @example
 * await createScratchRepo(process.cwd(), join(tmpdir(), 'scratch', 'repo'), releasedPackages)
 */
export async function createScratchRepo(
  repoRoot: string,
  dir: string,
  packages: readonly ReleasedPackage[],
): Promise<void> {
  for (const pkg of packages) {
    if (!existsSync(join(repoRoot, pkg.dir, 'dist'))) {
      throw new ReleaseCheckError(
        'ERR_RELEASE_PRECONDITION',
        `${pkg.name} has no dist/: run pnpm build first`,
      )
    }
  }
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
  })
  const files = stdout.split('\0').filter((file) => file.length > 0 && existsSync(join(repoRoot, file)))
  await mkdir(dir, { recursive: true })
  for (const file of files) {
    await mkdir(dirname(join(dir, file)), { recursive: true })
    await cp(join(repoRoot, file), join(dir, file))
  }
  for (const pkg of packages) {
    await cp(join(repoRoot, pkg.dir, 'dist'), join(dir, pkg.dir, 'dist'), { recursive: true })
  }
  // changesets resolves its changelog generator from the repo: lend it the real install's modules.
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir')
  const git = (args: string[]) => run('git', args, { cwd: dir })
  await git(['init', '-q', '-b', 'main'])
  await git(['config', 'user.name', 'alokai-release-check'])
  await git(['config', 'user.email', 'release-check@alokai.invalid'])
  await git(['config', 'commit.gpgsign', 'false'])
  await git(['config', 'tag.gpgsign', 'false'])
  await git(['add', '-A'])
  await git(['commit', '-q', '-m', 'chore: scratch copy for the release check'])
}

/**
 * Writes a changeset that bumps every package by a patch, as a developer's `pnpm changeset` would.
 *
 * @example
 * await addTestChangeset(dir, releasedPackages)
 */
export async function addTestChangeset(dir: string, packages: readonly ReleasedPackage[]): Promise<void> {
  const front = packages.map((pkg) => `'${pkg.name}': patch`).join('\n')
  const body = 'Release check: proves the packages publish to Verdaccio and install from it.'
  await writeFile(join(dir, '.changeset', 'release-check-smoke.md'), `---\n${front}\n---\n\n${body}\n`)
}
