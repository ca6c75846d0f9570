/**
 * What a name the CMS stores may contain. Every name or label a person types (token names and
 * descriptions, space names, MCP and preview labels) is shown back to other people: in the dashboard, in
 * the audit log, in a CSV export. A control character there (NUL, a newline, an escape) corrupts the line it
 * lands in, and a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069) makes the text display
 * in an order other than the one stored, so "Revoke “tok-prod‮ved”" can read as something else. Both are
 * refused by one refinement that every body schema with a name uses, so the rule is written once.
 */
import type * as z from 'zod'

// \p{Cc}: the C0 controls, DEL and the C1 controls (U+0000–U+001F, U+007F–U+009F); then the bidi
// embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u

/** The message a refused name shows (a form shows it beside the field; it names no character). */
const UNSAFE_NAME_MESSAGE = 'Remove control or text-direction characters'

/**
 * Whether `text` holds a character no stored name may contain.
 * @example hasUnsafeNameCharacters('prod\u202E') // true
 */
export function hasUnsafeNameCharacters(text: string): boolean {
  return UNSAFE.test(text)
}

/**
 * A string schema that also refuses control and bidi-override characters: wrap a field's own string
 * schema with it (its limits and messages stay as they are).
 * @example const name = safeName(z.string().trim().min(1).max(100))
 */
export function safeName<S extends z.ZodType<string>>(schema: S): S {
  return schema.refine((value) => !hasUnsafeNameCharacters(value), UNSAFE_NAME_MESSAGE) as S
}
