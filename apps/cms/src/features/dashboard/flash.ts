/**
 * Post/redirect/get for the dashboard. A form POST never renders its result: it stores what the result page
 * must show once (a notice, field errors with the typed values, a newly created or revealed token) as a
 * flash and answers 303 to a GET page, which takes the flash as it renders. So a reload or Back repeats no
 * action and shows no secret again, and the result never travels in a URL (where history, logs and
 * `Referer` keep it). The flash is a `dashboard_flashes` row (`service.ts`) found by a random id in an
 * HttpOnly cookie, bound to the session and to the page, sealed with the app's keyring (it may hold a
 * token), gone after two minutes or its first read. Before sign-in there is no session: the sign-in form's result (the problem
 * and the typed email, never the password) is bound to the visitor's pre-login form-token cookie instead
 * (`redirectWithVisitorFlash`, `takeVisitorFlash`).
 */
import type { Context } from 'hono'
import type { UserCaller } from '../../domain/caller'
import { cookieNaming, readCookie } from '../../http/cookies'
import { formTokenBinding } from '../../http/csrf'
import type { CmsHono } from '../../http/hono-types'
import { requireCaller } from '../../http/identify'
import { FLASH_TTL_MS, saveFlash, takeSavedFlash } from './service'

const COOKIE = 'cms_flash'
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/

// Without a session (an IdP bearer caller) the user is the owner: the flash still cannot cross users.
function ownerOf(caller: UserCaller): string {
  return caller.sid ?? caller.userId
}

function setCookie(c: Context<CmsHono>, value: string, maxAgeSeconds: number): void {
  const { name, secure } = cookieNaming(c, COOKIE)
  c.header(
    'Set-Cookie',
    `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`,
    { append: true },
  )
}

async function storeFlash(
  c: Context<CmsHono>,
  owner: string,
  location: string,
  payload: object,
): Promise<Response> {
  const path = new URL(location, c.req.url).pathname
  const id = await saveFlash(c.var.scope, { owner, path, payload })
  setCookie(c, id, FLASH_TTL_MS / 1000)
  return c.redirect(location, 303)
}

async function takeFlashOf<T extends object>(c: Context<CmsHono>, owner: string): Promise<Partial<T>> {
  const id = readCookie(c, cookieNaming(c, COOKIE).name)
  if (id === undefined || !ID_PATTERN.test(id)) return {}
  const taken = await takeSavedFlash(c.var.scope, { id, owner, path: c.req.path })
  if (taken === null) return {}
  setCookie(c, '', 0)
  // Only `storeFlash` writes this value, and the seal authenticates it (bound to owner and id), so it is
  // the `T` the POST handler of this same page stored.
  return taken.payload as Partial<T>
}

/**
 * Stores `payload` for the page at `location` (a path of ours) and answers 303 to it.
 * @example return redirectWithFlash<Extra>(c, `/spaces/${space.id}/settings/tokens`, { shown })
 */
export async function redirectWithFlash<T extends object>(
  c: Context<CmsHono>,
  location: string,
  payload: T,
): Promise<Response> {
  return storeFlash(c, ownerOf(await requireCaller(c)), location, payload)
}

/**
 * Takes (reads and deletes) the flash stored for this page by this caller's session, or answers `{}`.
 * A flash that no configured key opens any more (a key removed within its two minutes) reads as none.
 * @example const extra = await takeFlash<Extra>(c, caller)
 */
export async function takeFlash<T extends object>(
  c: Context<CmsHono>,
  caller: UserCaller,
): Promise<Partial<T>> {
  return takeFlashOf<T>(c, ownerOf(caller))
}

/**
 * For a visitor who may not be signed in (the sign-in form): stores `payload` bound to what the form token
 * was bound to (`formTokenBinding`: the session, else the pre-login cookie) and answers 303 to `location`.
 * Without either (the CSRF guard refuses such a form first) it only redirects.
 * @example return redirectWithVisitorFlash(c, '/login', { email, problem })
 */
export async function redirectWithVisitorFlash<T extends object>(
  c: Context<CmsHono>,
  location: string,
  payload: T,
): Promise<Response> {
  const owner = await formTokenBinding(c)
  return owner === undefined ? c.redirect(location, 303) : storeFlash(c, owner, location, payload)
}

/**
 * Takes the flash a visitor's form stored for this page (see `redirectWithVisitorFlash`), or `{}`.
 * @example const extra = await takeVisitorFlash<SignInFlash>(c)
 */
export async function takeVisitorFlash<T extends object>(c: Context<CmsHono>): Promise<Partial<T>> {
  const owner = await formTokenBinding(c)
  return owner === undefined ? {} : takeFlashOf<T>(c, owner)
}
