/**
 * Settings → MCP Integrations. Each integration shows its name, URL, the secret only as `••••` + last 4,
 * and its last connection test; "Test connection" answers on the integration's card, which says why a
 * test failed once. Space admins add and change integrations: the secret field is write-only (empty keeps
 * the stored one) and says that moving the URL to another origin drops the stored secret unless it is
 * entered again. An editor may only test them, and is told to ask a space admin where a fix is an edit.
 * The page itself is the shared one (`space-endpoints/view-endpoints-page.tsx`); this module gives its
 * words and what a card shows.
 */
import type { FC } from 'hono/jsx'
import { Badge } from '../../views/components/badge'
import { Field } from '../../views/components/form'
import { failureText, readerOf } from '../../views/outbound-messages'
import { EditSecretField, EditUrlField, LastCall } from '../space-endpoints/view-endpoint'
import type { CardContext, EndpointFormState, EndpointLabels } from '../space-endpoints/view-endpoints-page'
import type { McpIntegrationView } from './model'
import type { McpTestResult } from './service'

type McpForm = EndpointFormState<'name'>

/** A test's badge, and for a failure the sentence saying why (left out where the card says it already). */
const TestBadge: FC<{ result: 'ok' | 'failed'; why: string | undefined }> = ({ result, why }) =>
  result === 'ok' ? (
    <Badge tone="ok">connected</Badge>
  ) : (
    <>
      <Badge tone="bad">failed</Badge>
      {why === undefined ? null : ` ${why}`}
    </>
  )

const EditFields: FC<{ m: McpIntegrationView; edit: McpForm | undefined }> = ({ m, edit }) => (
  <>
    <Field name="name" idSuffix={m.id} label="Name" value={edit?.name ?? m.name} error={edit?.errors?.name} />
    <EditUrlField id={m.id} value={edit?.url ?? m.url} error={edit?.errors?.url} secretName="secret" />
    <EditSecretField
      id={m.id}
      label="Secret (bearer token)"
      placeholder={m.secretHint ?? 'none'}
      error={edit?.errors?.secret}
      hint={m.secretHint ? `Stored: ${m.secretHint}. Leave empty to keep it.` : 'Leave empty for none.'}
      again={edit?.secretTyped}
    />
  </>
)

/**
 * What a card says about an integration: its URL, its secret's hint, its last test (why it failed, unless
 * the card's fresh result says so already).
 */
const CardBody: FC<{ m: McpIntegrationView; context: CardContext<'name'> }> = ({ m, context }) => {
  const last = m.lastTest
  const why = last === null ? undefined : context.lastWhy(last.reason)
  return (
    <>
      <p>
        <code>{m.url}</code>
      </p>
      <p>
        Secret: {m.secretHint ? <code>{m.secretHint}</code> : <span class="empty">none</span>} · Last test:{' '}
        <LastCall at={last?.at}>{last ? <TestBadge result={last.result} why={why} /> : null}</LastCall>
      </p>
    </>
  )
}

/**
 * The MCP Integrations page's words and cards.
 * @example c.html(<EndpointsListPage viewer={viewer} space={space} items={list} anchor="mcp" canManage labels={mcpLabels} />)
 */
export const mcpLabels: EndpointLabels<McpIntegrationView, McpTestResult, 'name'> = {
  tab: 'mcp',
  path: 'mcp',
  title: 'MCP Integrations',
  empty: 'No MCP servers are connected to this space yet.',
  readOnly: 'You can test these connections. A space admin adds, changes and removes them.',
  call: { path: 'test', label: 'Test connection' },
  card: (m, context) => ({
    heading: m.name,
    edit: {
      summary: `Edit ${m.name}`,
      fields: <EditFields m={m} edit={context.edit} />,
      deleteLabel: `Delete ${m.name}…`,
    },
    body: <CardBody m={m} context={context} />,
  }),
  result: (tested, canManage) =>
    tested.result === 'ok'
      ? {
          tone: 'ok',
          text: `Connected${tested.serverName ? ` to ${tested.serverName}` : ''}: ${tested.toolCount} tool${tested.toolCount === 1 ? '' : 's'} available.`,
        }
      : { tone: 'bad', text: `Connection failed. ${failureText(tested.reason, readerOf(canManage))}` },
  unreadable: (m, canManage) =>
    canManage
      ? `The stored secret of “${m.name}” cannot be opened with the configured keys: enter it again.`
      : `The stored secret of “${m.name}” cannot be opened with the configured keys. Ask a space admin to enter it again.`,
  add: {
    anchor: 'add-mcp',
    heading: 'Add an MCP server',
    submit: 'Add integration',
    name: { field: 'name', label: 'Name', required: true },
    url: { label: 'URL', hint: "The server's Streamable HTTP endpoint, https only." },
    secret: {
      label: 'Secret (bearer token, optional)',
      hint: 'Write-only: after saving, only its last 4 characters are shown.',
    },
  },
  remove: {
    title: 'Delete MCP integration',
    heading: (m) => `Delete “${m.name}”?`,
    consequence: (m) => (
      <>
        This space disconnects from the MCP server at <code>{m.url}</code>
        {m.hasSecret ? ' and its stored secret is erased' : ''}. Anything that uses its tools through this
        space stops working. This cannot be undone: to connect again, add it anew.
      </>
    ),
    confirmLabel: 'Delete integration',
  },
}
