/**
 * Recording stand-ins for `wrangler`, `pnpm`, `npx`, `npm`, `gh`, `openssl` and `git`, for the runbook test.
 * Each tool's wrapper on PATH runs `node stand-ins.mjs <tool> …args`. A stand-in refuses what the real
 * tool (run against this repository) would refuse: a root script that does not exist, a wrangler binding,
 * database, environment or secret name that `wrangler.jsonc` or the env definition does not have, a
 * GitHub secret or environment the declaration does not list. It appends one JSON event per line to
 * `events.log` (values included: they are this run's random test values, in a temporary folder) and keeps
 * the Worker secrets per environment in `secrets.json`, so `secret list` and the remote audit answer from
 * what the runbook stored. Nothing here talks to a network.
 */
import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const dir = process.env.STANDINS_DIR
const facts = JSON.parse(readFileSync(join(dir, 'facts.json'), 'utf8'))
const [tool, ...argv] = process.argv.slice(2)

function record(event) {
  const cwd = relative(facts.root, process.cwd()) || '.'
  appendFileSync(
    join(dir, 'events.log'),
    `${JSON.stringify({ ...event, block: Number(process.env.RUNBOOK_BLOCK ?? -1), cwd })}\n`,
  )
}

function refuse(message) {
  process.stderr.write(`${tool} (stand-in): ${message}\n`)
  process.exit(1)
}

const readStdin = () => readFileSync(0, 'utf8')
const secretsFile = join(dir, 'secrets.json')
const loadSecrets = () => (existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {})
const saveSecrets = (all) => writeFileSync(secretsFile, JSON.stringify(all))

/** Removes `--name value` (or `--name=value`) from args and answers the value. */
function take(args, name) {
  const at = args.findIndex((a) => a === name || a.startsWith(`${name}=`))
  if (at === -1) return undefined
  const [flag] = args.splice(at, 1)
  return flag.includes('=') ? flag.slice(name.length + 1) : args.splice(at, 1)[0]
}

function wrangler(args) {
  const rest = [...args]
  const env = take(rest, '--env')
  if (env !== undefined && !facts.wranglerEnvs.includes(env)) refuse(`wrangler.jsonc has no env.${env}`)
  const environment = env ?? 'production'
  const block = facts.blocks[environment]
  const [a, b, c] = rest
  if (a === 'login' || a === 'whoami') return record({ type: 'wrangler', args })
  if (!existsSync(join(process.cwd(), 'wrangler.jsonc'))) refuse('no wrangler.jsonc in the working directory')
  const secretName = (name) => {
    if (!facts.workerSecrets.includes(name)) refuse(`${name} is not a Worker secret of the env definition`)
    return name
  }
  if (a === 'd1' && b === 'create') {
    if (!facts.databaseNames.includes(c)) refuse(`no d1_databases entry is named ${c}`)
    return process.stdout.write(`database_id = "${randomBytes(16).toString('hex')}"\n`)
  }
  if (a === 'kv' && b === 'namespace' && c === 'create') {
    if (!block.kv.includes(rest[3])) refuse(`${environment} has no KV binding ${rest[3]}`)
    return process.stdout.write(`id = "${randomBytes(16).toString('hex')}"\n`)
  }
  if (a === 'r2' && b === 'bucket' && c === 'create') {
    if (!facts.bucketNames.includes(rest[3])) refuse(`no r2_buckets entry is named ${rest[3]}`)
    return record({ type: 'r2-bucket', name: rest[3] })
  }
  if (a === 'd1' && (b === 'migrations' || b === 'execute')) {
    const binding = b === 'migrations' ? rest[3] : c
    if (!block.d1.includes(binding)) refuse(`${environment} has no D1 binding ${binding}`)
    const remote = rest.includes('--remote')
    return record({ type: b === 'migrations' ? 'migrate' : 'd1-execute', env: environment, remote })
  }
  if (a === 'deploy') return record({ type: 'deploy', env: environment, dryRun: rest.includes('--dry-run') })
  if (a === 'pages' && b === 'project' && c === 'create') {
    if (rest[3] !== facts.pagesProject)
      refuse(`the docs preview deploys to ${facts.pagesProject}, not ${rest[3]}`)
    if (take(rest, '--production-branch') === undefined) refuse('without --production-branch it prompts')
    return record({ type: 'pages-project', name: rest[3] })
  }
  if (a !== 'secret') refuse(`\`wrangler ${rest.join(' ')}\` is not modelled`)
  const all = loadSecrets()
  all[environment] = all[environment] ?? {}
  const stored = all[environment]
  if (b === 'list')
    return process.stdout.write(
      JSON.stringify(Object.keys(stored).map((name) => ({ name, type: 'secret_text' }))),
    )
  if (b === 'delete') {
    delete stored[secretName(c)]
    saveSecrets(all)
    return record({ type: 'delete', env: environment, name: c })
  }
  const input = readStdin()
  const values =
    b === 'bulk' ? JSON.parse(input) : b === 'put' ? { [c]: input.replace(/\n$/, '') } : refuse(`secret ${b}`)
  const before = { ...stored }
  for (const [name, value] of Object.entries(values)) stored[secretName(name)] = value
  saveSecrets(all)
  record({ type: 'store', env: environment, values, before })
}

function pnpm(args) {
  // pnpm's own options come before the command; a later `--filter` belongs to the command (turbo's).
  const start = args.findIndex((a, i) => !a.startsWith('--') && args[i - 1] !== '--filter')
  const own = args.slice(0, start)
  const rest = args.slice(start)
  const filter = take(own, '--filter')
  if (filter !== undefined && filter !== facts.cmsPackage) refuse(`no package ${filter}`)
  const pkgDir = filter === undefined ? process.cwd() : join(facts.root, facts.cmsDir)
  const [command, ...more] = rest
  if (command === 'install' || command === 'i') return record({ type: 'install' })
  if (command === 'exec') {
    const [bin, ...binArgs] = more
    if (bin === 'wrangler') {
      process.chdir(pkgDir)
      return wrangler(binArgs)
    }
    if (bin === 'turbo' && binArgs[0] === 'run' && binArgs[1] === 'build') {
      return record({ type: 'build', packages: binArgs.includes('--filter=./packages/*') })
    }
    refuse(`\`pnpm exec ${bin}\` is not modelled`)
  }
  const manifest = join(pkgDir, 'package.json')
  const scripts = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {}) : {}
  const script = command === 'run' ? more.shift() : command
  if (!(script in scripts))
    refuse(`ERR_PNPM_NO_SCRIPT Missing script: ${script} (in ${relative(facts.root, pkgDir) || 'the root'})`)
  const scriptArgs = more.filter((a) => a !== '--')
  const env = take(scriptArgs, '--env')
  if (script === 'deploy:preflight') {
    if (!facts.environments.includes(env)) refuse(`preflight: no environment ${env}`)
    return record({ type: 'preflight', env })
  }
  if (script === 'secrets:audit' && scriptArgs.includes('--remote')) {
    if (!facts.environments.includes(env)) refuse(`audit: no environment ${env}`)
    const stored = loadSecrets()[env] ?? {}
    const missing = facts.requiredSecrets[env].filter((name) => !(name in stored))
    record({ type: 'audit', env, missing })
    if (missing.length > 0) refuse(`${env} lacks ${missing.join(', ')}`)
    return
  }
  if (script === 'keys:rewrap' || script === 'users:grant') {
    const target = scriptArgs.includes('--prod') ? 'production' : env
    if (!facts.environments.includes(target)) refuse(`${script}: choose --env staging or --prod`)
    if (script === 'keys:rewrap' && !/^https:\/\//.test(process.env.CMS_URL ?? ''))
      refuse('set CMS_URL (https)')
    return record({ type: script === 'keys:rewrap' ? 'rewrap' : 'grant', env: target })
  }
  record({ type: 'script', script })
}

function gh(args) {
  record({ type: 'gh', args })
  const [a, b] = args
  if (a === 'repo' && b === 'view') return process.stdout.write('alokai/secrets-platform\n')
  if (a === 'secret' && b === 'set') {
    const rest = args.slice(2)
    const env = take(rest, '--env')
    const entry = facts.githubSecrets[rest[0]]
    if (entry === undefined) refuse(`the workflows read no secret ${rest[0]}`)
    if ((env === undefined) !== (entry.scope === 'repository') || (env && !entry.environments.includes(env)))
      refuse(
        `${rest[0]} is declared ${entry.scope}-wide${entry.environments ? ` in ${entry.environments}` : ''}`,
      )
    return
  }
  if (a === 'variable' && b === 'set' && !facts.githubVariables.includes(args[2]))
    refuse(`no workflow reads vars.${args[2]}`)
  if (a === 'workflow' && b === 'run' && !facts.workflows.includes(args[2])) refuse(`no workflow ${args[2]}`)
  if (a !== 'api') return
  if (args.includes('--input')) readStdin()
  const env = /environments\/([^/]+)/.exec(args.find((x) => x.startsWith('repos/')) ?? '')?.[1]
  if (env !== undefined && !facts.githubEnvironments.includes(env)) refuse(`no job names environment ${env}`)
  if (args.some((x) => x.startsWith('users/'))) process.stdout.write('4242\n')
}

function openssl(args) {
  const [sub, format, size] = args
  if (sub !== 'rand' || !['-hex', '-base64'].includes(format)) refuse(`openssl ${args.join(' ')}`)
  const bytes = randomBytes(Number(size))
  const value = format === '-hex' ? bytes.toString('hex') : bytes.toString('base64')
  record({ type: 'generated', value })
  process.stdout.write(`${value}\n`)
}

function npx(args) {
  const rest = args.filter((a) => a !== '--yes' && a !== '-y')
  if (!/^wrangler(@[\d.]+)?$/.test(rest[0] ?? '')) refuse(`npx ${rest[0]} is not modelled`)
  return wrangler(rest.slice(1))
}

const tools = {
  wrangler,
  pnpm,
  gh,
  openssl,
  npx,
  npm: (args) => record({ type: 'npm', args }),
  git: (args) => record({ type: 'git', args }),
}
if (!(tool in tools)) refuse('unknown tool')
if (tool === 'wrangler' || tool === 'npx') record({ type: 'call', tool, args: argv })
tools[tool](argv)
