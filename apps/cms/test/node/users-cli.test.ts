/**
 * The users CLI against a real local D1 (a temporary `--persist-to` directory, the real migrations):
 * `grant --email … --role admin --invite` makes the first OIDC admin before their first sign-in, as a
 * pending invitation that sign-in claims, and never a local password account.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const cmsDir = resolve(import.meta.dirname, '../..')
const childEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }
let persist: string

async function d1(sql: string): Promise<Record<string, unknown>[]> {
  const { stdout } = await run(
    'wrangler',
    ['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--json', '--command', sql],
    { cwd: cmsDir, env: childEnv },
  )
  return (JSON.parse(stdout) as { results: Record<string, unknown>[] }[]).at(-1)?.results ?? []
}

const grant = (...args: string[]) =>
  run('tsx', ['scripts/users.ts', 'grant', '--local', '--persist-to', persist, ...args], {
    cwd: cmsDir,
    env: childEnv,
  })

beforeAll(async () => {
  persist = mkdtempSync(join(tmpdir(), 'cms-users-cli-'))
  await run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], {
    cwd: cmsDir,
    env: childEnv,
  })
})
afterAll(() => rmSync(persist, { recursive: true, force: true }))

describe('users:grant --invite', () => {
  it('invites an email that has no account, and creates no user', async () => {
    const { stdout } = await grant('--email', 'First.Admin@Example.com', '--role', 'admin', '--invite')
    expect(stdout).toContain('invited first.admin@example.com')
    expect(stdout).not.toContain('password')
    expect(await d1('SELECT email, space_id, role, invited_by FROM invitations')).toEqual([
      { email: 'first.admin@example.com', space_id: null, role: 'admin', invited_by: null },
    ])
    expect(await d1('SELECT count(*) AS n FROM users')).toEqual([{ n: 0 }])
  })

  it('grants at once to the user who has the email verified by their IdP', async () => {
    await d1(
      "INSERT INTO users (id, email, password_hash, status, created_at, updated_at, idp_email, idp_email_verified) VALUES ('usr_AAAAAAAAAAAAAAAAAAAAAA', NULL, NULL, 'active', 0, 0, 'known@example.com', 1)",
    )
    const { stdout } = await grant('--email', 'known@example.com', '--role', 'admin', '--invite')
    expect(stdout).toContain('granted admin to known@example.com (usr_AAAAAAAAAAAAAAAAAAAAAA)')
    expect(await d1('SELECT user_id FROM user_roles')).toEqual([{ user_id: 'usr_AAAAAAAAAAAAAAAAAAAAAA' }])
    expect(await d1("SELECT count(*) AS n FROM invitations WHERE email = 'known@example.com'")).toEqual([
      { n: 0 },
    ])
  })
})
