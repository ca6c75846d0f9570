/**
 * A scratch copy of what the runbooks' commands touch (the root and CMS `package.json`, `wrangler.jsonc`)
 * with the stand-ins first on PATH, and the facts they check commands against, all read from this
 * repository's real files and definitions: a root script, binding, secret or environment renamed in the
 * code is renamed here too, and a runbook still using the old name fails.
 */
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AnyEnvEntry } from '@alokai/env'
import { parseJsonc } from '../../src/audit/jsonc.ts'
import { auditRemoteSecrets } from '../../src/audit/remote.ts'
import { cmsProject } from '../../src/cms-project.ts'

/**
 * The repository root (this file is tools/secrets-inventory/test/runbook/workspace.ts).
 *
 * @example
 * ```ts
 * readFileSync(join(REPO, 'docs/deploy.md'), 'utf8')
 * ```
 */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url))
const STAND_INS = fileURLToPath(new URL('./stand-ins.mjs', import.meta.url))
const TOOLS = ['wrangler', 'pnpm', 'npx', 'npm', 'gh', 'openssl', 'git']

/**
 * The scratch workspace: its root, the stand-ins' folder, and its removal.
 *
 * @example
 * ```ts
 * const ws: Workspace = await createWorkspace()
 * ws.remove()
 * ```
 */
export interface Workspace {
  readonly root: string
  readonly dir: string
  remove(): void
}

type Mapping = Record<string, unknown>
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): Mapping[] => (Array.isArray(v) ? v.filter(isMapping) : [])
const read = (path: string): string => readFileSync(join(REPO, path), 'utf8')

async function requiredSecrets(wranglerSource: string, environment: string): Promise<string[]> {
  const findings = await auditRemoteSecrets({
    def: cmsProject.env,
    wranglerSource,
    wranglerFile: 'wrangler.jsonc',
    environment,
    run: async () => ({ code: 0, stdout: '[]' }),
  })
  return findings.flatMap((f) =>
    f.check === 'remote-missing' ? [/required secret (\w+)/.exec(f.message)![1]!] : [],
  )
}

async function factsOf(root: string, wranglerSource: string): Promise<Mapping> {
  const config = parseJsonc(wranglerSource) as Mapping
  const envs = isMapping(config.env) ? config.env : {}
  const blockOf = (block: Mapping) => ({
    d1: list(block.d1_databases).map((db) => String(db.binding)),
    kv: list(block.kv_namespaces).map((kv) => String(kv.binding)),
  })
  const blocks: Record<string, unknown> = { production: blockOf(config) }
  for (const [name, block] of Object.entries(envs)) blocks[name] = blockOf(isMapping(block) ? block : {})
  const environments = Object.keys(blocks)
  const entries = Object.entries(cmsProject.env.entries as Readonly<Record<string, AnyEnvEntry>>)
  const workflows = readdirSync(join(REPO, '.github/workflows'))
  const workflowText = workflows.map((name) => read(`.github/workflows/${name}`)).join('\n')
  const required: Record<string, string[]> = {}
  for (const env of environments) required[env] = await requiredSecrets(wranglerSource, env)
  return {
    root,
    cmsDir: cmsProject.workerDir,
    cmsPackage: JSON.parse(read(`${cmsProject.workerDir}/package.json`)).name,
    wranglerEnvs: Object.keys(envs),
    environments,
    blocks,
    requiredSecrets: required,
    databaseNames: [config, ...Object.values(envs)].flatMap((b) =>
      list(isMapping(b) ? b.d1_databases : []).map((db) => String(db.database_name)),
    ),
    bucketNames: [config, ...Object.values(envs)].flatMap((b) =>
      list(isMapping(b) ? b.r2_buckets : []).map((r2) => String(r2.bucket_name)),
    ),
    workerSecrets: entries.filter(([, e]) => e.secret === true).map(([name]) => name),
    githubSecrets: cmsProject.github.secrets,
    githubEnvironments: [
      ...new Set(workflowText.match(/^\s*environment: (\w+)$/gm)?.map((l) => l.split(': ')[1])),
    ],
    githubVariables: [...new Set(workflowText.match(/vars\.[A-Z_]+/g)?.map((v) => v.slice(5)))],
    workflows,
    pagesProject: /--project-name (\S+)/.exec(workflowText)?.[1],
  }
}

/**
 * Creates the workspace; `edit` may change a copied file first (a renamed script or binding).
 *
 * @example
 * ```ts
 * const ws = await createWorkspace()
 * ```
 */
export async function createWorkspace(edit?: (path: string, text: string) => string): Promise<Workspace> {
  const root = mkdtempSync(join(tmpdir(), 'runbook-'))
  const dir = join(root, '.stand-ins')
  const copy = (path: string): string => {
    const text = edit === undefined ? read(path) : edit(path, read(path))
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
    return text
  }
  copy('package.json')
  copy(`${cmsProject.workerDir}/package.json`)
  const wrangler = copy(`${cmsProject.workerDir}/wrangler.jsonc`)
  mkdirSync(join(dir, 'bin'), { recursive: true })
  cpSync(STAND_INS, join(dir, 'stand-ins.mjs'))
  for (const tool of TOOLS) {
    const wrapper = join(dir, 'bin', tool)
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec "${process.execPath}" "${join(dir, 'stand-ins.mjs')}" ${tool} "$@"\n`,
    )
    chmodSync(wrapper, 0o755)
  }
  writeFileSync(join(dir, 'facts.json'), JSON.stringify(await factsOf(root, wrangler)))
  return { root, dir, remove: () => rmSync(root, { recursive: true, force: true }) }
}
