/**
 * Finds tracked files that point outside the repository: a relative path into a `shared` folder beside
 * the clone (what a fresh clone does not have), or an absolute path of some machine (home folders, a
 * workplace mount, system program folders). A clone must build and test wherever it sits, so such a
 * reference is a bug even in a comment: the next reader follows it. `/tmp` (a temp-folder default) and
 * an `env` shebang on a file's first line are not references to anything a clone lacks, so they pass.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** One reference found: where, and the text that matched. */
export interface OutsideReference {
  path: string
  line: number
  match: string
}

// Built from pieces so that this file does not match itself.
const SHARED = ['\\.\\.', 'shared'].join('/')
const PATTERNS: readonly RegExp[] = [
  new RegExp(`(?:\\.\\./)*${SHARED}\\b`, 'g'),
  // Not after a word character, `.`, `~`, `$`, `}` or `-`: `example.com/home/…`, `~/x`, `${HOME}/x` and
  // `${TMPDIR:-/tmp}` are not absolute paths of this machine.
  /(?<![\w.~$}-])\/(?:work|home|root|Users|mnt|srv|opt|usr)\/[\w.@+-]*/g,
  /\b[A-Za-z]:\\(?:Users|work)\\/g,
]
const SHEBANG = /^#!\/usr\/bin\/env\b/

/**
 * The references in one file's text.
 * @example scanText('notes.md', text).map((r) => `${r.path}:${r.line}: ${r.match}`)
 */
export function scanText(path: string, text: string): OutsideReference[] {
  const found: OutsideReference[] = []
  const lines = text.split('\n')
  for (const [i, line] of lines.entries()) {
    if (i === 0 && SHEBANG.test(line)) continue
    for (const pattern of PATTERNS) {
      for (const m of line.matchAll(pattern)) found.push({ path, line: i + 1, match: m[0] })
    }
  }
  return found
}

/**
 * Every tracked file of the git work tree at `root`, relative to it.
 * @example trackedFiles(process.cwd()) // ['README.md', 'package.json', …]
 */
function trackedFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
  return out.split('\0').filter((path) => path.length > 0)
}

/**
 * The references in every tracked text file under `root` (binary files, those holding a NUL byte, are
 * skipped; a tracked file deleted from the work tree is skipped too).
 * @example findOutsideReferences(process.cwd()).length === 0
 */
export function findOutsideReferences(root: string): OutsideReference[] {
  const found: OutsideReference[] = []
  for (const path of trackedFiles(root)) {
    let bytes: Buffer
    try {
      bytes = readFileSync(join(root, path))
    } catch {
      continue
    }
    if (bytes.includes(0)) continue
    found.push(...scanText(path, bytes.toString('utf8')))
  }
  return found
}
