/**
 * The dashboard's error page: the status and a fixed, safe title (never an upstream message or a value),
 * the next step (a link back to the spaces list, or to a page of ours the caller names), and the request
 * id to quote when reporting it.
 */
import type { FC } from 'hono/jsx'
import { Layout, type Viewer } from './layout'

/** Props of {@link ErrorPage}. */
export interface ErrorPageProps {
  status: number
  title: string
  detail?: string | undefined
  /** Where to go next; the spaces list when absent. Always a path of ours (the caller checks it). */
  next?: { href: string; label: string } | undefined
  viewer?: Viewer | undefined
  /** The id an operator finds in the logs. */
  requestId?: string | undefined
}

/**
 * The page.
 * @example c.html(<ErrorPage status={403} title="Not allowed" />, 403)
 */
export const ErrorPage: FC<ErrorPageProps> = (p) => (
  <Layout title={p.title} viewer={p.viewer}>
    <h1>{p.title}</h1>
    <p>
      {p.detail
        ? p.detail
        : p.status === 403
          ? 'Your roles do not allow this. Ask a global admin if you need access.'
          : p.status === 404
            ? 'There is nothing here, or it was removed.'
            : 'Something went wrong. Try again; if it keeps happening, tell an operator.'}
    </p>
    <p>
      <a href={p.next?.href ?? '/spaces'} id="error-next">
        {p.next?.label ?? 'Back to spaces'}
      </a>
    </p>
    {p.requestId ? (
      <p class="hint">
        Request id: <code id="request-id">{p.requestId}</code>
      </p>
    ) : null}
  </Layout>
)
