/**
 * Settings → MCP Integrations. Each integration shows its name, URL, the secret only as `••••` + last 4,
 * and its last connection test; "Test connection" answers inline on the integration. Space admins add and
 * change integrations: the secret field is write-only (empty keeps the stored one) and says that moving the
 * URL to another origin drops the stored secret unless it is entered again.
 */
import type { FC } from 'hono/jsx'
import { Badge, When } from '../../views/components/badge'
import { DangerLink } from '../../views/components/danger'
import { CsrfField, Field, type FieldErrors, Notice } from '../../views/components/form'
import { SpaceTabs } from '../../views/components/space-tabs'
import { ConfirmPage } from '../../views/confirm-page'
import { Layout, type Viewer } from '../../views/layout'
import { failureText } from '../../views/outbound-messages'
import type { SpaceRow } from '../spaces/store'
import type { McpIntegrationView } from './model'
import type { McpTestResult } from './service'

/** A form being redisplayed with its errors (never with a secret). */
export interface McpFormState {
  id?: string
  name?: string
  url?: string
  errors?: FieldErrors
}

/** Props of {@link McpIntegrationsPage}. */
export interface McpIntegrationsProps {
  viewer: Viewer
  space: SpaceRow
  integrations: McpIntegrationView[]
  canManage: boolean
  tested?: { id: string; result: McpTestResult }
  notice?: { tone: 'ok' | 'warn'; text: string }
  createForm?: McpFormState
  editForm?: McpFormState
}

const ORIGIN_WARNING =
  'Changing the URL to another origin (scheme, host or port) discards the stored secret unless you enter it again here.'

const TestBadge: FC<{ result: 'ok' | 'failed'; reason: string | null }> = ({ result, reason }) =>
  result === 'ok' ? (
    <Badge tone="ok">connected</Badge>
  ) : (
    <>
      <Badge tone="bad">failed</Badge> {failureText(reason)}
    </>
  )

/**
 * The page.
 * @example c.html(<McpIntegrationsPage viewer={viewer} space={space} integrations={list} canManage />)
 */
export const McpIntegrationsPage: FC<McpIntegrationsProps> = (p) => {
  const base = `/spaces/${p.space.id}/settings/mcp`
  return (
    <Layout title={`MCP Integrations · ${p.space.name}`} viewer={p.viewer}>
      <SpaceTabs space={p.space} current="mcp" roles={p.viewer.roles} />
      <h1>MCP Integrations</h1>
      {p.notice ? <Notice tone={p.notice.tone}>{p.notice.text}</Notice> : null}
      {p.integrations.length === 0 ? (
        <p class="empty">No MCP servers are connected to this space yet.</p>
      ) : null}
      {p.integrations.map((m) => {
        const edit = p.editForm?.id === m.id ? p.editForm : undefined
        const tested = p.tested?.id === m.id ? p.tested.result : undefined
        return (
          <section class="card" aria-labelledby={`mcp-${m.id}`} id={`card-${m.id}`}>
            <h2 id={`mcp-${m.id}`}>{m.name}</h2>
            <p>
              <code>{m.url}</code>
            </p>
            <p>
              Secret: {m.secretHint ? <code>{m.secretHint}</code> : <span class="empty">none</span>} · Last
              test:{' '}
              {m.lastTest ? (
                <>
                  <TestBadge result={m.lastTest.result} reason={m.lastTest.reason} />{' '}
                  <When at={m.lastTest.at} />
                </>
              ) : (
                <span class="empty">never</span>
              )}
            </p>
            {tested ? (
              <Notice tone={tested.result === 'ok' ? 'ok' : 'bad'}>
                {tested.result === 'ok'
                  ? `Connected${tested.serverName ? ` to ${tested.serverName}` : ''}: ${tested.toolCount} tool${tested.toolCount === 1 ? '' : 's'} available.`
                  : `Connection failed. ${failureText(tested.reason)}`}
              </Notice>
            ) : null}
            <form method="post" action={`${base}/${m.id}/test`}>
              <CsrfField token={p.viewer.csrf} />
              <button type="submit">Test connection</button>
            </form>
            {p.canManage ? (
              <details open={edit !== undefined}>
                <summary>Edit {m.name}</summary>
                <form method="post" action={`${base}/${m.id}`} novalidate>
                  <CsrfField token={p.viewer.csrf} />
                  <Field
                    name="name"
                    idSuffix={m.id}
                    label="Name"
                    value={edit?.name ?? m.name}
                    error={edit?.errors?.name}
                  />
                  <Field
                    name="url"
                    idSuffix={m.id}
                    label="URL"
                    type="url"
                    value={edit?.url ?? m.url}
                    error={edit?.errors?.url}
                    hint={ORIGIN_WARNING}
                  />
                  <Field
                    name="secret"
                    idSuffix={m.id}
                    label="Secret (bearer token)"
                    type="password"
                    autocomplete="off"
                    placeholder={m.secretHint ?? 'none'}
                    error={edit?.errors?.secret}
                    hint={
                      m.secretHint
                        ? `Stored: ${m.secretHint}. Leave empty to keep it.`
                        : 'Leave empty for none.'
                    }
                  />
                  <button class="primary" type="submit">
                    Save changes
                  </button>
                </form>
                <p>
                  <DangerLink href={`${base}/${m.id}/delete`}>Delete {m.name}…</DangerLink>
                </p>
              </details>
            ) : null}
          </section>
        )
      })}
      {p.canManage ? (
        <section class="card" aria-labelledby="add-mcp">
          <h2 id="add-mcp">Add an MCP server</h2>
          <form method="post" action={base} novalidate>
            <CsrfField token={p.viewer.csrf} />
            <Field
              name="name"
              label="Name"
              value={p.createForm?.name}
              error={p.createForm?.errors?.name}
              required
            />
            <Field
              name="url"
              label="URL"
              type="url"
              value={p.createForm?.url}
              error={p.createForm?.errors?.url}
              hint="The server's Streamable HTTP endpoint, https only."
              required
            />
            <Field
              name="secret"
              label="Secret (bearer token, optional)"
              type="password"
              autocomplete="off"
              error={p.createForm?.errors?.secret}
              hint="Write-only: after saving, only its last 4 characters are shown."
            />
            <button class="primary" type="submit">
              Add integration
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  )
}

/**
 * The delete confirmation.
 * @example c.html(<DeleteMcpPage viewer={viewer} space={space} integration={mcpView(row)} />)
 */
export const DeleteMcpPage: FC<{ viewer: Viewer; space: SpaceRow; integration: McpIntegrationView }> = (
  p,
) => {
  const base = `/spaces/${p.space.id}/settings/mcp`
  return (
    <ConfirmPage
      viewer={p.viewer}
      title="Delete MCP integration"
      context={<SpaceTabs space={p.space} current="mcp" roles={p.viewer.roles} />}
      heading={`Delete “${p.integration.name}”?`}
      consequence={
        <>
          This space disconnects from the MCP server at <code>{p.integration.url}</code>
          {p.integration.hasSecret ? ' and its stored secret is erased' : ''}. Anything that uses its tools
          through this space stops working. This cannot be undone: to connect again, add it anew.
        </>
      }
      action={`${base}/${p.integration.id}/delete`}
      confirmLabel="Delete integration"
      cancelHref={base}
    />
  )
}
