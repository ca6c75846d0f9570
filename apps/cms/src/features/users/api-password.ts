/**
 * `POST /api/auth/password`: a signed-in local user changes their own password (`204`); the current
 * password is checked first (401 `invalid_credentials`), the user's other sessions end, this one stays.
 * No role is needed, so no policy action guards it: only a signed-in user with a password can pass.
 */
import { Hono } from 'hono'
import { audited } from '../../http/audit-declaration'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { requireCaller } from '../../http/identify'
import { HttpProblem } from '../../http/problem'
import { changeOwnPassword, passwordChangeBody } from './service-password'

/** The password route, mounted at `/api/auth/password`. */
export const passwordApi: Hono<CmsHono> = new Hono<CmsHono>()

passwordApi.post('/', requestBody(passwordChangeBody))
passwordApi.post('/', audited({ action: 'auth.password_change' }), async (c) => {
  if (c.var.config.authProvider !== 'local') {
    throw new HttpProblem(404, 'wrong_auth_provider', 'Passwords belong to the IdP in oidc mode')
  }
  const caller = await requireCaller(c)
  await changeOwnPassword(c.var.scope, caller, await readBody(c, passwordChangeBody))
  return c.body(null, 204)
})
