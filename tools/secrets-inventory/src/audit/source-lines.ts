/**
 * Line numbers for findings, found in the text the finding is about: a key of a wrangler.jsonc
 * environment, or a name in a declaration file. The search is textual on purpose (the JSONC reader keeps
 * no positions); when a key cannot be found the finding still names the block, or line 1.
 */

/**
 * The 1-based line of a character offset.
 *
 * @example
 * ```ts
 * lineAt('a\nb', 2) // 2
 * ```
 */
export function lineAt(source: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < source.length; i++) if (source[i] === '\n') line++
  return line
}

/** The offset where an environment's block starts: 0 for the top level, else its key inside `"env"`. */
function blockStart(source: string, environment: string | undefined): number {
  if (environment === undefined) return 0
  const env = source.indexOf('"env"')
  if (env === -1) return 0
  const at = source.indexOf(`"${environment}"`, env)
  return at === -1 ? env : at
}

/**
 * The line of `"key"` in a wrangler.jsonc environment (`undefined` = the top level), searched from the
 * block's start (and, for the top level, before `"env"`); the block's own line when the key is absent.
 *
 * @example
 * ```ts
 * wranglerLine(source, 'staging', 'ENVIRONMENT') // the line of "ENVIRONMENT" in env.staging
 * ```
 */
export function wranglerLine(source: string, environment: string | undefined, key: string): number {
  const start = blockStart(source, environment)
  const envAt = source.indexOf('"env"')
  const end = environment === undefined && envAt !== -1 ? envAt : source.length
  const at = source.slice(start, end).indexOf(`"${key}"`)
  return lineAt(source, at === -1 ? start : start + at)
}

/**
 * The line where a declaration file names `name` as a key (`NAME:` or `"NAME":`), else 1.
 *
 * @example
 * ```ts
 * declarationLine('export const s = {\n  NPM_TOKEN: {…}\n}', 'NPM_TOKEN') // 2
 * ```
 */
export function declarationLine(source: string | undefined, name: string): number {
  if (source === undefined) return 1
  const match = new RegExp(`^\\s*["']?${name}["']?\\s*:`, 'm').exec(source)
  return match === null ? 1 : lineAt(source, match.index + match[0].indexOf(name))
}
