/**
 * What the dashboard says when a form arrives without a valid form token (`csrf_failed`): the page was
 * open across a sign-out or sign-in (the token is bound to the session), the pre-login cookie is gone, or
 * the form was sent from another site. In every case nothing was changed, and resending the same stale
 * form (a reload of the error page) fails again, so the page says exactly that and offers the one next
 * step that works: open the form's page again. That page is known from the `Referer` a same-origin form
 * sends (pages answer `Referrer-Policy: same-origin`); only its path is used, and only when it is a path
 * of ours, else the next step is the spaces list.
 */
import type { Context } from 'hono'
import type { CmsHono } from '../../http/hono-types'
import { safeNext } from './page-kit'

/** The expired-form page's fixed words and its next link. */
export interface ExpiredFormPage {
  title: string
  detail: string
  next: { href: string; label: string }
}

const TITLE = 'This form has expired'
const DETAIL =
  'Nothing was changed. The form was sent without a valid form token, which happens when its page stays open while you sign out or in again. Open the page again and send the form from there.'

/**
 * The same-origin path of the page the form was on, from `Referer`, or `undefined` when not safely known.
 * @example formPagePath(c) // '/spaces/spc_…/rename'
 */
function formPagePath(c: Context<CmsHono>): string | undefined {
  const referer = c.req.header('referer')
  if (referer === undefined || !URL.canParse(referer)) return undefined
  const from = new URL(referer)
  if (from.origin !== new URL(c.req.url).origin) return undefined
  // `safeNext` refuses what a browser could read as another host (`//x`, `/\x`) and odd characters.
  const path = safeNext(from.pathname)
  return path === from.pathname ? path : undefined
}

/**
 * The page for a form refused by the CSRF guard.
 * @example const page = expiredFormPage(c); return renderErrorPage(c, 403, page.title, page)
 */
export function expiredFormPage(c: Context<CmsHono>): ExpiredFormPage {
  const path = formPagePath(c)
  const next =
    path === undefined || path === '/spaces'
      ? { href: '/spaces', label: 'Back to spaces' }
      : { href: path, label: 'Open the form’s page again' }
  return { title: TITLE, detail: DETAIL, next }
}
