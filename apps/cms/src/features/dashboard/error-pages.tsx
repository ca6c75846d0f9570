/**
 * How the dashboard answers errors: as an HTML page for a browser, with the viewer's frame when signed in
 * and the request id (also in the log line of an unexpected error and in `X-Request-Id`), never a message
 * or a value from the error. A missing session redirects to sign-in. Unknown addresses outside `/api/`
 * get the same page when the client asks for HTML (`Accept: text/html`); API clients keep problem+json.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError } from '../../domain/errors'
import type { CmsHono } from '../../http/hono-types'
import { getCaller } from '../../http/identify'
import { HttpProblem, problemOf } from '../../http/problem'
import { requestId } from '../../http/request-id'
import { ErrorPage, type ErrorPageProps } from '../../views/error-page'
import { expiredFormPage } from './expired-form'
import { viewerOf } from './page-kit'

const TITLES: Record<number, string> = {
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  415: 'Only forms can be sent to these pages',
}

/**
 * Whether the client asked for a page: a browser's navigation sends `Accept: text/html…`; `fetch`, curl
 * and API clients send `*\/*` or JSON.
 * @example if (wantsHtml(c)) return renderErrorPage(c, 404, 'Not found')
 */
function wantsHtml(c: Context): boolean {
  return (c.req.header('accept') ?? '').toLowerCase().includes('text/html')
}

/**
 * The error page with `status`, `title`, the viewer's frame and the request id (and, for pages that know
 * better than the default, a `detail` sentence and the `next` link).
 * @example return renderErrorPage(c, 404, 'Not found')
 */
async function renderErrorPage(
  c: Context<CmsHono>,
  status: ContentfulStatusCode,
  title: string,
  more: Pick<ErrorPageProps, 'detail' | 'next'> = {},
): Promise<Response> {
  // The frame is a nicety: an error page must render even when the session or D1 is what failed.
  const viewer = await getCaller(c)
    .then((caller) => (caller && caller.via !== 'api_token' ? viewerOf(c, caller) : undefined))
    .catch(() => undefined)
  const id = requestId(c)
  c.header('X-Request-Id', id)
  return c.html(<ErrorPage status={status} title={title} viewer={viewer} requestId={id} {...more} />, status)
}

/**
 * The dashboard's error handler: pages for problems, sign-in for a missing session, a logged 500 else.
 * @example dashboardPages.onError(dashboardError)
 */
export async function dashboardError(thrown: Error, c: Context<CmsHono>): Promise<Response> {
  // A domain error a page did not turn into a field error gets the page of its HTTP status (a 404 for
  // `NotFound`), exactly as the JSON API would answer it.
  const err = thrown instanceof DomainError ? problemOf(thrown) : thrown
  if (!(err instanceof HttpProblem)) {
    console.error(
      JSON.stringify({ level: 'error', event: 'unhandled_error', error: err.name, requestId: requestId(c) }),
    )
    return renderErrorPage(c, 500, 'Something went wrong')
  }
  if (err.status === 401) {
    const next = c.req.method === 'GET' ? new URL(c.req.url).pathname : '/spaces'
    return c.redirect(`/login?next=${encodeURIComponent(next)}`, 303)
  }
  if (err.code === 'csrf_failed') {
    const page = expiredFormPage(c)
    return renderErrorPage(c, err.status, page.title, page)
  }
  return renderErrorPage(c, err.status, TITLES[err.status] ?? 'Error')
}

/**
 * The app's answer to an unknown address: the HTML page for a browser outside `/api/`, else problem+json.
 * @example app.notFound(notFound)
 */
export async function notFound(c: Context<CmsHono>): Promise<Response> {
  if (!c.req.path.startsWith('/api/') && wantsHtml(c)) return renderErrorPage(c, 404, 'Not found')
  return new HttpProblem(404, 'not_found', 'Not found').toResponse()
}
