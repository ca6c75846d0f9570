/**
 * Immutable, prefixed random ids (`usr_…`, `ses_…`, `spc_…`). 16 random bytes (128 bits) in base64url,
 * so they are unguessable as well as unique. They never change: sealed columns bind their row's id into
 * the seal context (`crypto/contexts.ts`), so a changed id would leave the value unopenable.
 * They are domain vocabulary: the edge checks a route's id with `isId` before any query, stores mint them.
 */
import { encodeBase64url } from '@alokai/internal'

/** The id prefixes in use. */
export type IdPrefix =
  | 'usr' // users
  | 'ses' // sessions
  | 'spc' // spaces
  | 'ent' // content entries
  | 'tok' // API tokens
  | 'mcp' // MCP integrations
  | 'pvu' // preview URLs
  | 'inv' // invitations (a role granted to an email)

const ID_PATTERN = /^(usr|ses|spc|ent|tok|mcp|pvu|inv)_[A-Za-z0-9_-]{22}$/

/**
 * A fresh id with the given prefix.
 * @example newId('spc') // 'spc_q3H0v6y1tZ8xWJk2nB7c9A'
 */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${encodeBase64url(crypto.getRandomValues(new Uint8Array(16)))}`
}

/**
 * Whether `value` looks like an id with `prefix` (checked before any query, so junk never reaches D1).
 * @example isId('spc', 'spc_q3H0v6y1tZ8xWJk2nB7c9A') // true
 */
export function isId(prefix: IdPrefix, value: string): boolean {
  return ID_PATTERN.test(value) && value.startsWith(`${prefix}_`)
}
