/**
 * Finds the secrets a GitHub Actions string reads: `secrets.NAME`, `secrets['NAME']` and
 * `secrets["NAME"]` inside `${{ … }}` expressions. A bare `secrets` (as in `toJSON(secrets)`) reads the
 * whole context and is returned as `*`.
 */

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g
const REFERENCE = /\bsecrets\b\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\])?/g

/**
 * The secret names a string reads through expressions, in order, with `*` for the whole context.
 *
 * @example
 * ```ts
 * secretReferences('${{ secrets.CLOUDFLARE_API_TOKEN }}') // ['CLOUDFLARE_API_TOKEN']
 * secretReferences('${{ toJSON(secrets) }}') // ['*']
 * ```
 */
export function secretReferences(text: string): string[] {
  const names: string[] = []
  for (const expression of text.matchAll(EXPRESSION)) {
    // Quoted literals inside an expression are not references ('secrets.X' as a string is just text).
    const code = expression[1]!.replace(/'(?:[^']|'')*'(?!\s*\])/g, "''")
    for (const match of code.matchAll(REFERENCE)) {
      const before = code.slice(0, match.index)
      // `github.secrets` or `env.secrets` are properties of other contexts, not the secrets context.
      if (/[.\w]\s*$/.test(before)) continue
      names.push(match[1] ?? match[2] ?? match[3] ?? '*')
    }
  }
  return names
}
