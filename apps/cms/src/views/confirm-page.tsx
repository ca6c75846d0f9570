/**
 * The one confirmation step of every destructive dashboard action (revoking a token or a role, deleting an
 * MCP integration or a preview URL, resealing): a GET page that names the thing and what confirming does,
 * with a form that POSTs the action and a way back. Destructive links lead here instead of acting in one
 * click; the action's POST stays the only place that changes anything.
 */
import type { Child, FC } from 'hono/jsx'
import { DangerButton } from './components/danger'
import { CsrfField, Notice } from './components/form'
import { Layout, type Viewer } from './layout'

/** Props of {@link ConfirmPage}. */
export interface ConfirmPageProps {
  viewer: Viewer
  /** The document title, e.g. `Revoke token`. */
  title: string
  /** The question, naming the thing: `Revoke “Website”?`. */
  heading: string
  /** What confirming does, in plain words. */
  consequence: Child
  /** A stronger warning above the button (e.g. revoking your own global admin role). */
  warning?: Child
  /** The POST address of the action. */
  action: string
  /** Hidden fields the action needs besides the form token. @default {} */
  fields?: Record<string, string>
  /** The button's text, a verb: `Revoke token`. */
  confirmLabel: string
  /** Where Cancel goes. */
  cancelHref: string
  /** What sits above the heading (a space's tabs). */
  context?: Child
  /** Inputs the person fills in before confirming (typing a space's name back), above the button. */
  children?: Child
}

/**
 * The page.
 * @example c.html(<ConfirmPage viewer={v} title="Delete" heading="Delete “Search”?" consequence="…" action={url} confirmLabel="Delete" cancelHref={back} />)
 */
export const ConfirmPage: FC<ConfirmPageProps> = (p) => (
  <Layout title={p.title} viewer={p.viewer}>
    {p.context}
    <h1>{p.heading}</h1>
    <p>{p.consequence}</p>
    {p.warning ? <Notice tone="bad">{p.warning}</Notice> : null}
    <form method="post" action={p.action}>
      <CsrfField token={p.viewer.csrf} />
      {Object.entries(p.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {p.children}
      <DangerButton>{p.confirmLabel}</DangerButton> <a href={p.cancelHref}>Cancel</a>
    </form>
  </Layout>
)
