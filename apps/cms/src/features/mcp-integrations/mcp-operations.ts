/**
 * What the CMS does with an MCP integration: test the connection (`initialize`, `notifications/initialized`,
 * `tools/list`) and forward one JSON-RPC request after the same handshake. Each runs a fresh session, so
 * nothing of an upstream session outlives the request that made it.
 */
import type { OutboundPolicy } from '../../domain/outbound-policy'
import type { JsonRpcRequest, JsonRpcResponse } from './json-rpc'
import { type McpOutcome, McpSession, type McpTarget } from './mcp-session'

/** The result of a connection test. */
export interface McpTestSuccess {
  toolCount: number
  serverName: string | undefined
}

/**
 * Tests an MCP integration: handshake, then `tools/list`, which must answer with a `tools` array.
 * @example const outcome = await testMcpConnection(policy, { url, bearer })
 */
export async function testMcpConnection(
  policy: OutboundPolicy,
  target: McpTarget,
): Promise<McpOutcome<McpTestSuccess>> {
  const session = new McpSession(policy, target)
  const init = await session.initialize()
  if (!init.ok) return init
  const list = await session.request({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} })
  if (!list.ok) return list
  if (!('result' in list.value)) return { ok: false, reason: 'bad_response' }
  const tools = (list.value.result as { tools?: unknown } | null)?.tools
  if (!Array.isArray(tools)) return { ok: false, reason: 'bad_response' }
  return { ok: true, value: { toolCount: tools.length, serverName: init.value.serverName } }
}

/**
 * Forwards one JSON-RPC request and returns the upstream response to it. An `initialize` is forwarded
 * as-is; any other method runs after a handshake of the CMS's own, as servers require.
 * @example const reply = await forwardMcpRpc(policy, { url, bearer }, { jsonrpc: '2.0', id: 7, method: 'tools/call', params })
 */
export async function forwardMcpRpc(
  policy: OutboundPolicy,
  target: McpTarget,
  message: JsonRpcRequest,
): Promise<McpOutcome<JsonRpcResponse>> {
  const session = new McpSession(policy, target)
  if (message.method !== 'initialize') {
    const init = await session.initialize()
    if (!init.ok) return init
  }
  const reply = await session.request(message)
  return reply.ok ? { ok: true, value: reply.value } : reply
}
