/**
 * A short-lived MCP Streamable HTTP client session: every message is a POST to the integration's URL with
 * `Accept: application/json, text/event-stream` and the bearer; the `Mcp-Session-Id` the server hands out
 * on `initialize` and the negotiated `MCP-Protocol-Version` are sent on every later message. All traffic
 * goes through `outboundFetch`, so the URL policy, timeout and size cap apply to each message.
 */
import type { OutboundPolicy } from '../../domain/outbound-policy'
import { outboundFetch } from '../../outbound/outbound-fetch'
import type { OutboundFailureReason } from '../../outbound/reasons'
import type { JsonRpcRequest, JsonRpcResponse } from './json-rpc'
import { readMcpResponse } from './read-response'

/** The MCP protocol revision the CMS speaks first (servers may answer with another they support). */
const MCP_PROTOCOL_VERSION = '2025-06-18'

/** Where and as whom to connect. */
export interface McpTarget {
  url: string
  /** The bearer secret, opened just for this call; absent when none is stored. */
  bearer: string | undefined
}

/** A value, or the fixed reason it could not be had. */
export type McpOutcome<T> = { ok: true; value: T } | { ok: false; reason: OutboundFailureReason }

// Session ids are visible ASCII per the spec; anything else is not echoed into a header.
const SESSION_ID = /^[\x21-\x7e]{1,256}$/

/**
 * One client session against one MCP server.
 * @example
 * const session = new McpSession(policy, { url, bearer })
 * const init = await session.initialize()
 * if (init.ok) await session.request({ jsonrpc: '2.0', id: 1, method: 'tools/list' })
 */
export class McpSession {
  readonly #policy: OutboundPolicy
  readonly #target: McpTarget
  #sessionId: string | undefined
  #protocolVersion: string | undefined

  constructor(policy: OutboundPolicy, target: McpTarget) {
    this.#policy = policy
    this.#target = target
  }

  #headers(): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
    }
    if (this.#target.bearer !== undefined) headers.authorization = `Bearer ${this.#target.bearer}`
    if (this.#sessionId !== undefined) headers['mcp-session-id'] = this.#sessionId
    if (this.#protocolVersion !== undefined) headers['mcp-protocol-version'] = this.#protocolVersion
    return headers
  }

  async #post(message: object): ReturnType<typeof outboundFetch> {
    return outboundFetch(this.#policy, {
      url: this.#target.url,
      method: 'POST',
      headers: this.#headers(),
      body: JSON.stringify(message),
    })
  }

  /** Sends a request and waits for its response (JSON or SSE). */
  async request(message: JsonRpcRequest): Promise<McpOutcome<JsonRpcResponse> & { headers?: Headers }> {
    const res = await this.#post(message)
    if (!res.ok) return res
    const reply = readMcpResponse(res.headers.get('content-type'), res.body, message.id)
    if (!reply) return { ok: false, reason: 'bad_response' }
    return { ok: true, value: reply, headers: res.headers }
  }

  /** Sends a notification (the server answers 202 with no body). */
  async notify(method: string, params?: Record<string, unknown>): Promise<McpOutcome<undefined>> {
    const res = await this.#post(
      params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params },
    )
    return res.ok ? { ok: true, value: undefined } : res
  }

  /**
   * The handshake: `initialize` (keeping the session id and protocol version the server answers with),
   * then `notifications/initialized`. Resolves to the server's `serverInfo.name` when it gives one.
   */
  async initialize(): Promise<McpOutcome<{ serverName: string | undefined }>> {
    const init = await this.request({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: MCP_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'alokai-cms', version: '1.0.0' },
      },
    })
    if (!init.ok) return init
    if (!('result' in init.value)) return { ok: false, reason: 'bad_response' }
    const result = init.value.result as { protocolVersion?: unknown; serverInfo?: { name?: unknown } } | null
    if (typeof result !== 'object' || result === null || typeof result.protocolVersion !== 'string') {
      return { ok: false, reason: 'bad_response' }
    }
    const sessionId = init.headers?.get('mcp-session-id') ?? undefined
    if (sessionId !== undefined && !SESSION_ID.test(sessionId)) return { ok: false, reason: 'bad_response' }
    this.#sessionId = sessionId
    this.#protocolVersion = /^[0-9A-Za-z.-]{1,32}$/.test(result.protocolVersion)
      ? result.protocolVersion
      : undefined
    const initialized = await this.notify('notifications/initialized')
    if (!initialized.ok) return initialized
    const name = result.serverInfo?.name
    return { ok: true, value: { serverName: typeof name === 'string' ? name.slice(0, 200) : undefined } }
  }
}
