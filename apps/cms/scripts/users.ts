/**
 * The users CLI: bootstraps admins and the development admin by writing to D1 with `wrangler d1 execute`.
 * Password hashes come from the Worker's own `src/features/users/password.ts`, so the format has one implementation.
 *
 *   pnpm --filter @alokai/cms users:grant -- --local|--env staging|--prod --email a@b.c --role admin
 *   pnpm --filter @alokai/cms users:grant -- --prod --user usr_… --role editor --space spc_…
 *   pnpm --filter @alokai/cms users:grant -- --prod --email a@b.c --role admin --invite   (OIDC mode)
 *   tsx scripts/users.ts dev-admin [--persist-to DIR]        (used by `pnpm dev`; local only)
 *
 * `grant --email` creates a missing local user with a generated password and prints it once. With
 * `--invite` (OIDC mode) it creates no user: the role goes at once to the user who has the email (their
 * login email, or the verified email of their last IdP sign-in), else into a pending invitation that the
 * first dashboard sign-in with that verified email claims — how the first OIDC admin is made.
 */
import { parseArgs } from 'node:util'
import { isId, newId } from '../src/domain/ids.ts'
import { generatePassword, hashPassword } from '../src/features/users/password.ts'
import { executeSql, sqlString, type Target } from './wrangler-d1.ts'

const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/
/** The development admin's login name. */
export const DEV_ADMIN_EMAIL = 'dev-admin@example.com'

function fail(message: string): never {
  console.error(`users: ${message}`)
  process.exit(1)
}

function targetOf(values: { local?: boolean; env?: string; prod?: boolean; 'persist-to'?: string }): Target {
  const chosen = [values.local, values.env !== undefined, values.prod].filter(Boolean).length
  if (chosen !== 1) fail('choose exactly one of --local, --env staging, --prod')
  if (values.local)
    return { kind: 'local', ...(values['persist-to'] ? { persistTo: values['persist-to'] } : {}) }
  if (values.prod) return { kind: 'production' }
  if (values.env !== 'staging') fail('--env must be staging (production is the top level: use --prod)')
  return { kind: 'staging' }
}

/** Creates the local user if missing (returning its new password), or resets its password when asked. */
async function upsertLocalUser(
  target: Target,
  email: string,
  options: { resetPassword: boolean; role?: string; spaceId?: string },
): Promise<{ userId: string; password?: string }> {
  const password = generatePassword()
  const hash = await hashPassword(password)
  const now = Date.now()
  const e = sqlString(email.toLowerCase())
  const statements = [
    `INSERT INTO users (id, email, password_hash, status, created_at, updated_at)
     VALUES (${sqlString(newId('usr'))}, ${e}, ${sqlString(hash)}, 'active', ${now}, ${now})
     ON CONFLICT (email) DO ${options.resetPassword ? `UPDATE SET password_hash = excluded.password_hash, status = 'active', updated_at = ${now}` : 'NOTHING'};`,
    ...grantStatements(`(SELECT id FROM users WHERE email = ${e})`, options.role, options.spaceId, now),
    `SELECT id, password_hash = ${sqlString(hash)} AS fresh FROM users WHERE email = ${e};`,
  ]
  const [row] = executeSql(target, statements.join('\n'))
  if (!row || typeof row.id !== 'string') fail('the user could not be written')
  return { userId: row.id, ...(row.fresh === 1 ? { password } : {}) }
}

function grantStatements(
  userExpr: string,
  role: string | undefined,
  spaceId: string | undefined,
  now: number,
): string[] {
  if (role === undefined) return []
  if (spaceId === undefined) {
    if (role !== 'admin') fail('the only global role is admin (use --space for editor)')
    return [
      `INSERT INTO user_roles (user_id, role, granted_by, granted_at) SELECT ${userExpr}, 'admin', NULL, ${now}
       WHERE ${userExpr} IS NOT NULL ON CONFLICT (user_id, role) DO NOTHING;`,
    ]
  }
  if (role !== 'admin' && role !== 'editor') fail('a space role is admin or editor')
  if (!isId('spc', spaceId)) fail('--space must be a space id (spc_…)')
  return [
    `INSERT INTO space_roles (user_id, space_id, role, granted_by, granted_at)
     SELECT ${userExpr}, id, ${sqlString(role)}, NULL, ${now} FROM spaces WHERE id = ${sqlString(spaceId)}
     AND ${userExpr} IS NOT NULL ON CONFLICT (user_id, space_id) DO UPDATE SET role = excluded.role;`,
  ]
}

/** Grants the role to the user who has `email`, else records an invitation for it; who got it. */
function grantOrInvite(
  target: Target,
  email: string,
  role: string,
  spaceId: string | undefined,
): string | null {
  const e = sqlString(email.toLowerCase())
  const now = Date.now()
  const holder = `(SELECT id FROM users WHERE email = ${e} OR (idp_email = ${e} AND idp_email_verified = 1)
    ORDER BY created_at, id LIMIT 1)`
  const grants = grantStatements(holder, role, spaceId, now)
  const space = spaceId === undefined ? 'NULL' : sqlString(spaceId)
  const spaceExists = spaceId === undefined ? '' : `AND EXISTS (SELECT 1 FROM spaces WHERE id = ${space})`
  const statements = [
    ...grants,
    `INSERT INTO invitations (id, email, space_id, role, invited_by, created_at)
     SELECT ${sqlString(newId('inv'))}, ${e}, ${space}, ${sqlString(role)}, NULL, ${now}
     WHERE ${holder} IS NULL ${spaceExists}
     ON CONFLICT (email, coalesce(space_id, '')) DO UPDATE SET role = excluded.role, created_at = excluded.created_at;`,
    `SELECT ${holder} AS id, (SELECT count(*) FROM invitations WHERE email = ${e}) AS invited;`,
  ]
  const [row] = executeSql(target, statements.join('\n'))
  if (!row || (row.id === null && row.invited === 0)) fail('no such space')
  return typeof row.id === 'string' ? row.id : null
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2).filter((a) => a !== '--')
  const { values } = parseArgs({
    args: rest,
    options: {
      local: { type: 'boolean' },
      env: { type: 'string' },
      prod: { type: 'boolean' },
      'persist-to': { type: 'string' },
      email: { type: 'string' },
      user: { type: 'string' },
      role: { type: 'string' },
      space: { type: 'string' },
      invite: { type: 'boolean' },
    },
  })
  if (command === 'dev-admin') {
    const { userId, password } = await upsertLocalUser(
      { kind: 'local', ...(values['persist-to'] ? { persistTo: values['persist-to'] } : {}) },
      DEV_ADMIN_EMAIL,
      { resetPassword: true, role: 'admin' },
    )
    console.log(JSON.stringify({ email: DEV_ADMIN_EMAIL, password, userId }))
    return
  }
  if (command !== 'grant') fail('usage: users.ts grant|dev-admin [options]')
  const target = targetOf(values)
  if (values.role === undefined) fail('--role is required')
  if (values.user !== undefined) {
    if (!isId('usr', values.user)) fail('--user must be a user id (usr_…)')
    const userExpr = `(SELECT id FROM users WHERE id = ${sqlString(values.user)})`
    const sql = [
      ...grantStatements(userExpr, values.role, values.space, Date.now()),
      `SELECT ${userExpr} AS id;`,
    ]
    const [row] = executeSql(target, sql.join('\n'))
    if (!row || row.id === null) fail('no such user')
    console.log(`granted ${values.role} to ${values.user}`)
    return
  }
  if (values.email === undefined || !EMAIL.test(values.email)) fail('--email must be an email address')
  if (values.invite) {
    const email = values.email.toLowerCase()
    const userId = grantOrInvite(target, email, values.role, values.space)
    if (userId) console.log(`granted ${values.role} to ${email} (${userId})`)
    else console.log(`invited ${email}: their first sign-in with this verified email takes ${values.role}`)
    return
  }
  const { userId, password } = await upsertLocalUser(target, values.email, {
    resetPassword: false,
    role: values.role,
    ...(values.space ? { spaceId: values.space } : {}),
  })
  console.log(`granted ${values.role} to ${values.email} (${userId})`)
  if (password) console.log(`created the user; its password (shown once): ${password}`)
}

await main()
