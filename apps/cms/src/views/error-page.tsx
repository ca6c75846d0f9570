/**
 * The dashboard's error page: the status and a fixed, safe title (never an upstream message or a value),
 * and the request id to quote when reporting it.
 */
import type { FC } from 'hono/jsx'
import { Layout, type Viewer } from './layout'

/**
 * The page.
 * @example c.html(<ErrorPage status={403} title="Not allowed" />, 403)
 */
export const ErrorPage: FC<{
  status: number
  title: string
  detail?: string
  viewer?: Viewer | undefined
  /** The id an operator finds in the logs. */
  requestId?: string | undefined
}> = (p) => (
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
      <a href="/spaces">Back to spaces</a>
    </p>
    {p.requestId ? (
      <p class="hint">
        Request id: <code id="request-id">{p.requestId}</code>
      </p>
    ) : null}
  </Layout>
)
