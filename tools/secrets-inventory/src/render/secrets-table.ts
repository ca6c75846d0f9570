/**
 * `renderSecretsTable`: the Markdown table of the secrets page (Name, Description, Required, Format, Used by), made from
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
 * renderSecretsTable(cmsEnv)
 * // | Name | Description | Required | Format | Used by |
 * // | --- | --- | --- | --- | --- |
 * // | `AUTH_JWT_SECRET` | Signs the CMS's session JWTs. … | always | secret: at least 32 characters | apps/cms, … |
 * // ...
 * ```
 */
export function renderSecretsTable<D extends EnvEntries<D>>(def: EnvDefinition<D>): string {
  const rows = ['| Name | Description | Required | Format | Used by |', '| --- | --- | --- | --- | --- |']
  for (const [name, entry] of Object.entries(def.entries as Readonly<Record<string, AnyEnvEntry>>)) {
    const required = presenceText(presenceOf(entry), code)
    const format = (entry.secret === true ? 'secret: ' : '') + formatText(entry, code)
    const usedBy = entry.usedBy !== undefined && entry.usedBy.length > 0 ? entry.usedBy.join(', ') : '—'
    const cells = [entry.description, required, format, usedBy].map(cell)
    rows.push(`| ${code(name)} | ${cells.join(' | ')} |`)
  }
  return `${rows.join('\n')}\n`
}
