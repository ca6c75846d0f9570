/**
 * Test helpers: a client that calls the app in-process (with injectable deps and env overrides) and keeps
 * cookies like a browser would for one origin, plus direct D1 setup of users and roles.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { createApp } from '../../src/app'
import type { SpaceRole } from '../../src/domain/roles'
import { createSpace } from '../../src/features/spaces/store'
import { hashPassword } from '../../src/features/users/password'
import { createLocalUser } from '../../src/features/users/store'
import { grantGlobalRole, grantSpaceRole } from '../../src/features/users/store-roles'
import type { AppDeps } from '../../src/http/hono-types'

/** The origin the tests pretend the CMS is served from. */
export const ORIGIN = 'https://cms.test'

/** A browser-like client for one origin. */
export interface Client {
  cookies: Map<string, string>
  fetch(path: string, init?: RequestInit & { json?: unknown; sameOrigin?: boolean }): Promise<Response>
  env: Env
}

/**
 * A client over a fresh app. `sameOrigin` (default true) adds `Origin: https://cms.test` to unsafe methods.
 */
export function client(options: { deps?: AppDeps; env?: Record<string, unknown> } = {}): Client {
  const app = createApp(options.deps)
  // One env object per client: the app memoises validation per env identity, as workerd does per isolate.
  const testEnv = (options.env ? { ...env, ...options.env } : env) as Env
  const cookies = new Map<string, string>()
  return {
    cookies,
    env: testEnv,
    async fetch(path, init = {}) {
      const { json, sameOrigin = true, ...rest } = init
      const headers = new Headers(rest.headers)
      const method = (rest.method ?? (json !== undefined ? 'POST' : 'GET')).toUpperCase()
      if (json !== undefined) {
        headers.set('content-type', 'application/json')
        rest.body = JSON.stringify(json)
      }
      if (sameOrigin && !['GET', 'HEAD'].includes(method) && !headers.has('origin'))
        headers.set('origin', ORIGIN)
      if (cookies.size > 0 && !headers.has('cookie')) {
        headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '))
      }
      const ctx = createExecutionContext()
      const res = await app.fetch(new Request(`${ORIGIN}${path}`, { ...rest, method, headers }), testEnv, ctx)
      await waitOnExecutionContext(ctx)
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const eq = pair?.indexOf('=') ?? -1
        if (!pair || eq < 0) continue
        const name = pair.slice(0, eq)
        const value = pair.slice(eq + 1)
        if (value === '' || /max-age=0/i.test(line)) cookies.delete(name)
        else cookies.set(name, value)
      }
      return res
    },
  }
}

let counter = 0
/** A unique email per call (test files share one D1). */
export function uniqueEmail(label: string): string {
  counter++
  return `${label}-${counter}-${crypto.randomUUID().slice(0, 8)}@example.com`
}

/** Test password: long enough for the admin API too. */
export const PASSWORD = 'correct horse battery staple'

/**
 * Creates a local user directly in D1 with optional roles. Low PBKDF2 iterations keep setup fast unless
 * `fullCost` is set (the stored iteration count is what login uses).
 */
export async function makeUser(
  options: {
    label?: string
    globalAdmin?: boolean
    spaces?: { spaceId: string; role: SpaceRole }[]
    fullCost?: boolean
  } = {},
): Promise<{ id: string; email: string }> {
  const email = uniqueEmail(options.label ?? 'user')
  const passwordHash = await hashPassword(PASSWORD, options.fullCost ? {} : { iterations: 1_000 })
  const user = await createLocalUser(env.DB, { email, passwordHash, now: Date.now() })
  if (!user) throw new Error('test user exists')
  if (options.globalAdmin)
    await grantGlobalRole(env.DB, { userId: user.id, role: 'admin', grantedBy: null, now: Date.now() })
  for (const s of options.spaces ?? []) {
    await grantSpaceRole(env.DB, {
      userId: user.id,
      spaceId: s.spaceId,
      role: s.role,
      grantedBy: null,
      now: Date.now(),
    })
  }
  return { id: user.id, email }
}

/** Creates a space directly in D1. */
export async function makeSpace(name = 'Test space'): Promise<string> {
  return (await createSpace(env.DB, { name, createdBy: null, now: Date.now() })).id
}

/** A client already logged in as a new user with the given roles. */
export async function loggedIn(
  options: Parameters<typeof makeUser>[0] = {},
  clientOptions: Parameters<typeof client>[0] = {},
): Promise<Client & { user: { id: string; email: string } }> {
  const user = await makeUser(options)
  const c = client(clientOptions)
  const res = await c.fetch('/api/auth/login', { json: { email: user.email, password: PASSWORD } })
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`)
  return Object.assign(c, { user })
}
