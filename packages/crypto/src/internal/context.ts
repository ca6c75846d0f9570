/**
 * The data part's associated data (docs/design.md, Associated data): `"alokai/crypto/v1/data"`, a 0x00 byte, then for each
 * context key in UTF-8 byte order `u16be(len key) key u32be(len value) value`. Length prefixes make the
 * encoding injective (`{a:"b,c"}` and `{a:"b",c:""}` differ), sorting makes key order irrelevant, and
 * sorting by UTF-8 bytes (not JavaScript's UTF-16 order) keeps it identical in every language.
 */
import type { SealContext } from '../seal-context.ts'
import { encodeUtf8 } from './utf8.ts'

const label = new TextEncoder().encode('alokai/crypto/v1/data')

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

/** Encodes a context as the data part's associated data; an omitted context equals `{}`. */
export function encodeContext(context: SealContext | undefined): Uint8Array {
  if (context === undefined) context = {}
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw new TypeError('context must be a plain object of strings')
  }
  const entries: [Uint8Array, Uint8Array][] = []
  let size = label.length + 1
  for (const key of Object.keys(context)) {
    const value = context[key]
    if (typeof value !== 'string') throw new TypeError('context values must be strings')
    const k = encodeUtf8(key, 'context keys')
    const v = encodeUtf8(value, 'context values')
    if (k.length > 0xffff) throw new RangeError('a context key must be at most 65535 UTF-8 bytes')
    entries.push([k, v])
    size += 6 + k.length + v.length
  }
  entries.sort((a, b) => compareBytes(a[0], b[0]))
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  out.set(label)
  let o = label.length + 1 // the 0x00 separator is already zero
  for (const [k, v] of entries) {
    view.setUint16(o, k.length)
    out.set(k, o + 2)
    o += 2 + k.length
    view.setUint32(o, v.length)
    out.set(v, o + 4)
    o += 4 + v.length
  }
  return out
}
