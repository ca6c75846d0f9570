import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { findOutsideReferences, scanText } from '../src/outside-references.ts'

// Planted references are built from pieces, so this file itself stays clean.
const SHARED = ['..', 'shared'].join('/')
const WORK = ['', 'work', 'shared', 'vectors'].join('/')
const abs = (...parts: string[]): string => ['', ...parts].join('/')
// Shell variables (`${HOME}`) written without a template-literal placeholder.
const $ = '$'

describe('scanText', () => {
  it('finds relative paths into a shared folder beside the repository', () => {
    const text = `import v from '${SHARED}/vectors/a.json'\n// see ../${SHARED}/TOOLCHAIN.md`
    expect(scanText('a.ts', text)).toEqual([
      { path: 'a.ts', line: 1, match: SHARED },
      { path: 'a.ts', line: 2, match: `../${SHARED}` },
    ])
  })

  it('finds absolute paths of a machine: workplace, home folders, system programs, Windows', () => {
    const lines = [
      WORK,
      `\`${abs('usr', 'bin', 'chromium')}\``,
      `'${abs('home', 'ada', 'x')}'`,
      `"${abs('Users', 'ada', 'x')}"`,
      'C:\\Users\\ada',
    ]
    expect(scanText('b.md', lines.join('\n')).map((r) => r.line)).toEqual([1, 2, 3, 4, 5])
  })

  it('leaves URLs, home-relative paths, variables, /tmp and the env shebang alone', () => {
    const text = [
      `#!${abs('usr', 'bin', 'env')} bash`,
      'https://example.com/home/page and https://x.test/usr/lib',
      `~/work/x and ${$}{HOME}/work and $HOME/work`,
      `"${$}{TMPDIR:-/tmp}/fresh clone/repo" and /tmp/x and /dev/null`,
      `packages/shared/x and ./shared/x and ${SHARED}ness`,
    ].join('\n')
    expect(scanText('c.sh', text)).toEqual([])
  })
})

describe('findOutsideReferences', () => {
  let repo: string | undefined
  afterEach(() => {
    if (repo) rmSync(repo, { recursive: true, force: true })
    repo = undefined
  })

  function gitRepo(files: Record<string, string | Uint8Array>): string {
    const dir = mkdtempSync(join(tmpdir(), 'repo checks '))
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true })
      writeFileSync(join(dir, path), content)
    }
    execFileSync('git', ['init', '-q'], { cwd: dir })
    execFileSync('git', ['add', '.'], { cwd: dir })
    return dir
  }

  it('catches a reference planted in a tracked file, and only in tracked text files', () => {
    repo = gitRepo({
      'packages/x/src/a.test.ts': `import v from '../../../${SHARED}/vectors/a.json'\n`,
      'docs/clean.md': 'nothing to see\n',
      'bin/blob.bin': Uint8Array.of(0, ...new TextEncoder().encode(WORK)),
    })
    writeFileSync(join(repo, 'untracked.md'), `${WORK}\n`)
    expect(findOutsideReferences(repo)).toEqual([
      { path: 'packages/x/src/a.test.ts', line: 1, match: `../../../${SHARED}` },
    ])
  })

  it('finds none in this repository', () => {
    expect(findOutsideReferences(resolve(import.meta.dirname, '../../..'))).toEqual([])
  })
})
