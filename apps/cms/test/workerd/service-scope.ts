/**
 * A service scope for tests that call services without HTTP: built the way a scheduled job builds one,
 * from the test env, so the services run against the same D1 and keys as the app does.
 */
import { env } from 'cloudflare:test'
import { loadEnv } from '../../src/config/load-config'
import type { Scope } from '../../src/domain/scope'
import { createJobScope } from '../../src/jobs/job-scope'

/**
 * A scope over the test env, with the real clock.
 * @example const { session } = await openSession(serviceScope(), userId, 'password')
 */
export function serviceScope(): Scope {
  const loaded = loadEnv(env)
  if (!loaded.ok) throw new Error('The test env does not validate')
  return createJobScope(env, loaded.config, { now: Date.now })
}
