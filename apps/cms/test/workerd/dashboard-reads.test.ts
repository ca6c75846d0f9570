/**
 * What a dashboard page costs in D1: the session lookup is one batch that already reads the viewer's
 * roles and the name the header shows, so a page does not go back for the viewer's user row (on D1 each
 * extra read is a round trip to the database's region). The SQL each request prepares is recorded by a
 * wrapper around the real binding.
 */
import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { client, makeSpace, makeUser, PASSWORD } from './helpers'

/** The real D1 binding, recording the SQL of every statement prepared through it. */
function recordingDb(prepared: string[]): D1Database {
  return new Proxy(env.DB, {
    get(target, key) {
      if (key === 'prepare')
        return (sql: string) => {
          prepared.push(sql.replace(/\s+/g, ' '))
          return target.prepare(sql)
        }
      const value: unknown = Reflect.get(target, key)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** A read of the users table keyed by a user id (not through the session, as the lookup's batch reads it). */
const readsUserById = (sql: string): boolean => /\bFROM users (?:\w+ )?WHERE (?:\w+\.)?id = \?\d/i.test(sql)

describe('a dashboard page and the viewer’s user row', () => {
  const prepared: string[] = []
  let web: ReturnType<typeof client>
  let spaceId = ''
  let email = ''

  beforeEach(async () => {
    spaceId = await makeSpace('Reads')
    const user = await makeUser({ label: 'reads', spaces: [{ spaceId, role: 'admin' }] })
    email = user.email
    web = client({ env: { DB: recordingDb(prepared) } })
    const login = await web.fetch('/api/auth/login', { json: { email, password: PASSWORD } })
    expect(login.status).toBe(200)
    prepared.length = 0
  })

  it.each([
    ['the spaces list', () => '/spaces'],
    ['a space’s overview', () => `/spaces/${spaceId}`],
    ['a space’s API tokens', () => `/spaces/${spaceId}/settings/tokens`],
  ])('%s names the viewer in its header without reading their user row again', async (_, path) => {
    const res = await web.fetch(path())
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(email)
    expect(prepared.length).toBeGreaterThan(0)
    expect(prepared.filter(readsUserById)).toEqual([])
  })
})
