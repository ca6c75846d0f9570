/**
 * JSON-RPC 2.0 shapes the CMS sends and accepts on behalf of MCP. Requests forwarded by `/rpc` are
 * validated (a request with an id, a bounded method name, object or array params); upstream answers are
 * validated before anything of them is passed back (one `result` or one well-formed `error`).
 */
import * as z from 'zod'

/** A JSON-RPC id: a string or an integer (`null` ids are for parse errors and never sent by us). */
export type JsonRpcId = string | number

/** A JSON-RPC request. */
export interface JsonRpcRequest {
  jsonrpc: '2.0'
  id: JsonRpcId
  method: string
  params?: Record<string, unknown> | unknown[] | undefined
}

/** A JSON-RPC response: exactly one of `result` and `error`. */
export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId; error: { code: number; message: string; data?: unknown } }

/** The body `/rpc` accepts: one request (notifications and batches are not forwarded). */
export const jsonRpcRequestSchema: z.ZodType<JsonRpcRequest> = z.strictObject({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string().min(1).max(128), z.number().int().safe()]),
  method: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_./:-]+$/, 'Unsupported method name'),
  params: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
})

const responseSchema = z.union([
  z.object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.string(), z.number()]),
    result: z.unknown().refine((v) => v !== undefined),
    error: z.undefined().optional(),
  }),
  z.object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.string(), z.number()]),
    result: z.undefined().optional(),
    error: z.object({ code: z.number().int(), message: z.string().max(4096), data: z.unknown().optional() }),
  }),
])

/**
 * The response to request `id` if `value` is one (a well-formed JSON-RPC response with that id), else
 * `undefined` (notifications, server requests, other ids, junk).
 * @example const reply = asResponseFor(JSON.parse(text), 1)
 */
export function asResponseFor(value: unknown, id: JsonRpcId): JsonRpcResponse | undefined {
  const parsed = responseSchema.safeParse(value)
  if (!parsed.success || parsed.data.id !== id) return undefined
  const { jsonrpc, id: replyId } = parsed.data
  if (parsed.data.error !== undefined) {
    const { code, message, data } = parsed.data.error
    return { jsonrpc, id: replyId, error: data === undefined ? { code, message } : { code, message, data } }
  }
  return { jsonrpc, id: replyId, result: parsed.data.result }
}
