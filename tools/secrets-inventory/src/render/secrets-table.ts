/**
 * `renderSecretsTable`: the Markdown table of the secrets page (Name, Required, Format, Used by), made from
 * a definition so the docs cannot drift from what the code validates. It reads only the definition: no
 * env, so no value, can reach it.
 */
import type { AnyEnvEntry, EnvDefinition, EnvEntries } from '@alokai/env'
import { formatText, presenceOf, presenceText } from '../internal/describe-entry.ts'
import { cell, code } from '../internal/markdown.ts'

/**
 * Renders the definition as a Markdown table, one row per entry in definition order, ending with a
 * newline. Secret entries say so in the Format column.
 *
 * @example
 * ```ts
 * import { renderSecretsTable } from '@alokai/env'
 * import { cmsEnv } from '@alokai/env/cms'
 *
 * renderSecretsTable(cmsEnv)
 * // | Name | Required | Format | Used by |
 * // | --- | --- | --- | --- |
 * // | `AUTH_JWT_SECRET` | always | secret: at least 32 characters | apps/cms, @alokai/auth-jwt |
 * // ...
 * ```
 */
export function renderSecretsTable<D extends EnvEntries<D>>(def: EnvDefinition<D>): string {
  const rows = ['| Name | Required | Format | Used by |', '| --- | --- | --- | --- |']
  for (const [name, entry] of Object.entries(def.entries as Readonly<Record<string, AnyEnvEntry>>)) {
    const required = presenceText(presenceOf(entry), code)
    const format = (entry.secret === true ? 'secret: ' : '') + formatText(entry, code)
    const usedBy = entry.usedBy !== undefined && entry.usedBy.length > 0 ? entry.usedBy.join(', ') : '—'
    rows.push(`| ${code(name)} | ${cell(required)} | ${cell(format)} | ${cell(usedBy)} |`)
  }
  return `${rows.join('\n')}\n`
}
