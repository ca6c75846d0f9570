/**
 * Finds the JSON-RPC response to one request in an MCP Streamable HTTP answer, which is either
 * `application/json` (one message or a batch) or `text/event-stream` (SSE events whose `data` carries
 * messages; the server may interleave notifications and its own requests before the response). Anything
 * else, or no matching response, is `bad_response`.
 */
import { asResponseFor, type JsonRpcId, type JsonRpcResponse } from './json-rpc'

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function fromJson(text: string, id: JsonRpcId): JsonRpcResponse | undefined {
  const value = parseJson(text)
  const candidates = Array.isArray(value) ? value : [value]
  for (const candidate of candidates) {
    const reply = asResponseFor(candidate, id)
    if (reply) return reply
  }
  return undefined
}

function fromEventStream(text: string, id: JsonRpcId): JsonRpcResponse | undefined {
  let data: string[] = []
  // A trailing blank line dispatches the last event even when the server omitted it.
  for (const line of [...text.split(/\r\n|\r|\n/), '']) {
    if (line === '') {
      if (data.length > 0) {
        const reply = fromJson(data.join('\n'), id)
        if (reply) return reply
      }
      data = []
    } else if (line.startsWith('data:')) {
      data.push(line.slice(line.startsWith('data: ') ? 6 : 5))
    }
    // `event:`, `id:`, `retry:` and comments carry nothing we need.
  }
  return undefined
}

/**
 * The response to request `id` in a body of the given content type, or `undefined`.
 * @example const reply = readMcpResponse(res.headers.get('content-type'), res.body, 1)
 */
export function readMcpResponse(
  contentType: string | null,
  body: Uint8Array,
  id: JsonRpcId,
): JsonRpcResponse | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase()
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body)
  } catch {
    return undefined
  }
  if (type === 'application/json') return fromJson(text, id)
  if (type === 'text/event-stream') return fromEventStream(text, id)
  return undefined
}
