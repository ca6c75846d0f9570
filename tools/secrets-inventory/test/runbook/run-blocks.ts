/**
 * Runs a runbook's shell blocks, in order, in one bash (`set -euo pipefail`, as an operator's shell keeps
 * its variables from block to block) inside a scratch workspace with the stand-ins first on PATH. After
 * each block it records the values the shell still holds, the model of "what the operator kept", so the
 * judge can tell a key captured in a variable from one piped straight into wrangler. A `read -rs VAR  #
 * paste: NAME` line is answered with the stored value of NAME, but only when the operator kept it.
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Workspace } from './workspace.ts'

/** One line of the stand-ins' `events.log`. */
export interface RunbookEvent {
  readonly type: string
  readonly block: number
  readonly cwd: string
  readonly env?: string
  readonly values?: Readonly<Record<string, string>>
  readonly before?: Readonly<Record<string, string>>
  readonly value?: string
  readonly name?: string
  readonly missing?: readonly string[]
  readonly packages?: boolean
  readonly args?: readonly string[]
}

/** What a run gave: bash's exit status and stderr, the events, and the values held after each block. */
export interface RunbookRun {
  readonly status: number | null
  readonly stderr: string
  readonly events: RunbookEvent[]
  /** Per block index, every shell variable's value after that block ran. */
  readonly kept: ReadonlyMap<number, ReadonlySet<string>>
}

/**
 * The ```sh blocks of a Markdown text (indented ones inside list items too), optionally only those under
 * the heading `section` (until the next heading of the same level).
 *
 * @example
 * ```ts
 * shellBlocks(readFileSync('docs/deploy.md', 'utf8')).length // 17
 * ```
 */
export function shellBlocks(markdown: string, section?: string): string[] {
  let text = markdown
  if (section !== undefined) {
    const start = text.indexOf(`\n${section}\n`)
    if (start === -1) throw new Error(`no section ${section}`)
    const level = /^#+/.exec(section)![0]
    const rest = text.slice(start + section.length + 2)
    const end = rest.search(new RegExp(`^${level} `, 'm'))
    text = end === -1 ? rest : rest.slice(0, end)
  }
  const blocks: string[] = []
  const fence = /^( *)```sh\n([\s\S]*?)^\1```$/gm
  for (const match of text.matchAll(fence)) {
    const indent = match[1]!.length
    blocks.push(
      match[2]!
        .split('\n')
        .map((line) => line.slice(Math.min(indent, line.search(/\S|$/))))
        .join('\n'),
    )
  }
  return blocks
}

/**
 * The names the blocks' `read -rs VAR  # paste: NAME` lines ask for, in order.
 *
 * @example
 * ```ts
 * pastedNames(['read -rs OLD_KEY    # paste: TOKEN_ENCRYPTION_KEY']) // ['TOKEN_ENCRYPTION_KEY']
 * ```
 */
export function pastedNames(blocks: readonly string[]): string[] {
  return blocks.flatMap((block) =>
    [...block.matchAll(/^\s*read -rs? \w+\s+# paste: (\w+)/gm)].map((m) => m[1]!),
  )
}

/**
 * The Worker secrets stored so far, per environment (the stand-ins' `secrets.json`).
 *
 * @example
 * ```ts
 * Object.keys(storedSecrets(ws).staging ?? {}) // ['TOKEN_ENCRYPTION_KEY', 'AUTH_JWT_SECRET']
 * ```
 */
export function storedSecrets(ws: Workspace): Record<string, Record<string, string>> {
  const file = join(ws.dir, 'secrets.json')
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
}

/**
 * Runs the blocks with `env` added to a clean environment and `answers` on stdin.
 *
 * @example
 * ```ts
 * const run = runBlocks(ws, shellBlocks(deployGuide), {})
 * ```
 */
export function runBlocks(
  ws: Workspace,
  blocks: readonly string[],
  env: Readonly<Record<string, string>>,
  answers: readonly string[] = [],
): RunbookRun {
  const tag = randomUUID()
  const dump = (i: number) =>
    `for __v in $(compgen -v); do case $__v in __*|BASH*|FUNCNAME|PIPESTATUS|GROUPS|DIRSTACK|PATH|PWD|OLDPWD|HOME) continue;; esac; printf '%s\\0' "\${!__v}"; done > "$STANDINS_DIR/vars-${tag}-${i}"`
  const script = [
    'set -euo pipefail',
    ...blocks.flatMap((block, i) => [`export RUNBOOK_BLOCK=${i}`, block, dump(i)]),
  ].join('\n')
  const eventsBefore = existsSync(join(ws.dir, 'events.log'))
    ? readFileSync(join(ws.dir, 'events.log'), 'utf8').length
    : 0
  const result = spawnSync('bash', ['-c', script], {
    cwd: ws.root,
    input: answers.map((a) => `${a}\n`).join(''),
    encoding: 'utf8',
    env: {
      PATH: `${join(ws.dir, 'bin')}:${process.env.PATH ?? ''}`,
      HOME: ws.root,
      STANDINS_DIR: ws.dir,
      LANG: 'C',
      ...env,
    },
    timeout: 120_000,
  })
  const log = existsSync(join(ws.dir, 'events.log')) ? readFileSync(join(ws.dir, 'events.log'), 'utf8') : ''
  const events = log
    .slice(eventsBefore)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RunbookEvent)
  const kept = new Map<number, Set<string>>()
  blocks.forEach((_, i) => {
    const file = join(ws.dir, `vars-${tag}-${i}`)
    if (existsSync(file))
      kept.set(
        i,
        new Set(
          readFileSync(file, 'utf8')
            .split('\0')
            .filter((v) => v !== ''),
        ),
      )
  })
  return { status: result.status, stderr: result.stderr, events, kept }
}
