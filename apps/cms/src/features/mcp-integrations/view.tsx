/**
 * Settings → MCP Integrations. Each integration shows its name, URL, the secret only as `••••` + last 4,
 * and its last connection test; "Test connection" answers inline on the integration. Space admins add and
 * change integrations: the secret field is write-only (empty keeps the stored one) and says that moving the
 * URL to another origin drops the stored secret unless it is entered again.
 */
import type { FC } from 'hono/jsx'
import { Badge, When } from '../../views/components/badge'
import { Field, type FieldErrors, Notice } from '../../views/components/form'
import type { Viewer } from '../../views/layout'
import { failureText } from '../../views/outbound-messages'
import {
  AddEndpointCard,
  DeleteEndpointPage,
  EditUrlField,
  EndpointCard,
  EndpointsPage,
} from '../space-endpoints/view-endpoint'
import type { SpaceRow } from '../spaces/service'
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

const TestBadge: FC<{ result: 'ok' | 'failed'; reason: string | null }> = ({ result, reason }) =>
  result === 'ok' ? (
    <Badge tone="ok">connected</Badge>
  ) : (
    <>
      <Badge tone="bad">failed</Badge> {failureText(reason)}
    </>
  )

const EditFields: FC<{ m: McpIntegrationView; edit: McpFormState | undefined }> = ({ m, edit }) => (
  <>
    <Field name="name" idSuffix={m.id} label="Name" value={edit?.name ?? m.name} error={edit?.errors?.name} />
    <EditUrlField id={m.id} value={edit?.url ?? m.url} error={edit?.errors?.url} secretName="secret" />
    <Field
      name="secret"
      idSuffix={m.id}
      label="Secret (bearer token)"
      type="password"
      autocomplete="off"
      placeholder={m.secretHint ?? 'none'}
      error={edit?.errors?.secret}
      hint={m.secretHint ? `Stored: ${m.secretHint}. Leave empty to keep it.` : 'Leave empty for none.'}
    />
  </>
)

/**
 * The page.
 * @example c.html(<McpIntegrationsPage viewer={viewer} space={space} integrations={list} canManage />)
 */
export const McpIntegrationsPage: FC<McpIntegrationsProps> = (p) => {
  const base = `/spaces/${p.space.id}/settings/mcp`
  return (
    <EndpointsPage
      viewer={p.viewer}
      space={p.space}
      tab="mcp"
      title="MCP Integrations"
      notice={p.notice}
      empty={p.integrations.length === 0 ? 'No MCP servers are connected to this space yet.' : undefined}
    >
      {p.integrations.map((m) => {
        const edit = p.editForm?.id === m.id ? p.editForm : undefined
        const tested = p.tested?.id === m.id ? p.tested.result : undefined
        return (
          <EndpointCard
            base={base}
            id={m.id}
            anchor="mcp"
            csrf={p.viewer.csrf}
            heading={m.name}
            call={{ path: 'test', label: 'Test connection' }}
            edit={
              p.canManage
                ? {
                    open: edit !== undefined,
                    summary: `Edit ${m.name}`,
                    fields: <EditFields m={m} edit={edit} />,
                    deleteLabel: `Delete ${m.name}…`,
                  }
                : undefined
            }
          >
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
          </EndpointCard>
        )
      })}
      {p.canManage ? (
        <AddEndpointCard
          base={base}
          anchor="add-mcp"
          heading="Add an MCP server"
          csrf={p.viewer.csrf}
          submit="Add integration"
        >
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
        </AddEndpointCard>
      ) : null}
    </EndpointsPage>
  )
}

/**
 * The delete confirmation.
 * @example c.html(<DeleteMcpPage viewer={viewer} space={space} integration={mcpView(row)} />)
 */
export const DeleteMcpPage: FC<{ viewer: Viewer; space: SpaceRow; integration: McpIntegrationView }> = (
  p,
) => (
  <DeleteEndpointPage
    viewer={p.viewer}
    space={p.space}
    tab="mcp"
    base={`/spaces/${p.space.id}/settings/mcp`}
    id={p.integration.id}
    title="Delete MCP integration"
    heading={`Delete “${p.integration.name}”?`}
    consequence={
      <>
        This space disconnects from the MCP server at <code>{p.integration.url}</code>
        {p.integration.hasSecret ? ' and its stored secret is erased' : ''}. Anything that uses its tools
        through this space stops working. This cannot be undone: to connect again, add it anew.
      </>
    }
    confirmLabel="Delete integration"
  />
)
