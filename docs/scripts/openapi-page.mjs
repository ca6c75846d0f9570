// Renders the CMS's OpenAPI 3.1 document (docs/openapi.json, the copy of what the Worker serves at
// `GET /api/openapi.json`, kept fresh by a CMS test) as one Markdown page: the authentication schemes, then
// per tag every operation with who may call it, its path and query parameters, its JSON body (and its
// answer, where the document gives one) as a field table, and its responses. Static Markdown, so the site stays offline: no viewer script and no CDN.

/** Escapes a table cell. */
function cell(text) {
  return String(text).replaceAll('|', '\\|').replaceAll('\n', ' ')
}

/** A JSON Schema's type in words: `string`, `"global"`, `string | null`, `object`. */
function typeOf(schema) {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``
  if (schema.enum) return schema.enum.map((value) => `\`${JSON.stringify(value)}\``).join(' | ')
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives) return alternatives.map(typeOf).join(' | ')
  if (schema.type === 'array') return `array of ${schema.items ? typeOf(schema.items) : 'any'}`
  if (Array.isArray(schema.type)) return schema.type.join(' | ')
  return schema.type ?? 'any JSON'
}

/** The constraints of a schema in words (lengths, bounds, patterns), its alternatives' included. */
function rules(schema) {
  const found = schema.description ? [schema.description] : []
  if (schema.minLength !== undefined) found.push(`min length ${schema.minLength}`)
  if (schema.maxLength !== undefined) found.push(`max length ${schema.maxLength}`)
  // 2^53 − 1 is zod's "safe integer" bound, not a rule a reader needs.
  if (schema.minimum !== undefined && schema.minimum > -Number.MAX_SAFE_INTEGER)
    found.push(`≥ ${schema.minimum}`)
  if (schema.exclusiveMinimum !== undefined) found.push(`> ${schema.exclusiveMinimum}`)
  if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER)
    found.push(`≤ ${schema.maximum}`)
  if (schema.pattern !== undefined) found.push(`matches \`${schema.pattern}\``)
  if (schema.default !== undefined) found.push(`default \`${JSON.stringify(schema.default)}\``)
  for (const alternative of schema.anyOf ?? schema.oneOf ?? []) found.push(...rules(alternative))
  return found
}

/** A body or answer schema as field tables (one per alternative of a `oneOf`); `closed` ends a closed one. */
function bodyTables(schema, closed = 'No other field is accepted.') {
  if (schema.oneOf)
    return schema.oneOf.map((one, i) => `Alternative ${i + 1}:\n\n${bodyTables(one, closed)}`).join('\n\n')
  if (schema.type !== 'object' || !schema.properties)
    return `\`\`\`json\n${JSON.stringify(schema, null, 2)}\n\`\`\``
  const required = new Set(schema.required ?? [])
  const rows = Object.entries(schema.properties).map(
    ([name, field]) =>
      `| \`${name}\` | ${cell(typeOf(field))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(rules(field).join(', '))} |`,
  )
  const end = schema.additionalProperties === false ? `\n\n${closed}` : ''
  return `| field | type | required | rules |\n| --- | --- | --- | --- |\n${rows.join('\n')}${end}`
}

function operationSection(method, path, op) {
  const lines = [`### \`${method.toUpperCase()} ${path}\``, '', op.summary, '']
  if (op.description) lines.push(op.description, '')
  const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => `\`${p.name}\``)
  if (params.length > 0) lines.push(`**Path parameters:** ${params.join(', ')}.`, '')
  const query = (op.parameters ?? []).filter((p) => p.in === 'query')
  if (query.length > 0) {
    lines.push('**Query parameters:**', '', '| name | type | required | rules |', '| --- | --- | --- | --- |')
    for (const p of query) {
      lines.push(
        `| \`${p.name}\` | ${cell(typeOf(p.schema))} | ${p.required ? 'yes' : 'no'} | ${cell(rules(p.schema).join(', '))} |`,
      )
    }
    lines.push('')
  }
  const body = op.requestBody?.content?.['application/json']?.schema
  if (body) lines.push('**Body** (`application/json`):', '', bodyTables(body), '')
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const answer = response.content?.['application/json']?.schema
    if (answer)
      lines.push(
        `**Answer** (\`${status}\`, \`application/json\`):`,
        '',
        bodyTables(answer, 'No other field is sent.'),
        '',
      )
  }
  const responses = Object.entries(op.responses ?? {}).map(
    ([status, response]) =>
      `\`${status}\` ${response.description.replace(/^Problem: /, '').replace(/\.$/, '')}`,
  )
  lines.push(`**Responses:** ${responses.join(' · ')}`, '')
  return lines.join('\n')
}

/**
 * The Markdown of the API reference page, frontmatter excluded.
 * @param {Record<string, any>} doc the OpenAPI 3.1 document
 * @returns {string}
 */
export function renderOpenApi(doc) {
  const out = [
    'The CMS Worker serves its OpenAPI 3.1 document at `GET /api/openapi.json` (public, no credentials):',
    'methods, paths and bodies come from the route declarations, who may call a route from the policy',
    'table. This page renders its committed copy, `docs/openapi.json`, which a CMS test keeps equal to what',
    'the Worker serves. Give the document to any OpenAPI tool to generate a client: [openapi.json](/openapi.json).',
    '',
    doc.info.description,
    '',
    '## Authentication',
    '',
    '| scheme | how | what |',
    '| --- | --- | --- |',
    ...Object.entries(doc.components.securitySchemes).map(
      ([name, s]) =>
        `| \`${name}\` | ${s.type === 'apiKey' ? `cookie \`${s.name}\`` : `\`Authorization: Bearer\``} | ${cell(s.description)} |`,
    ),
    '',
    'Every failure is a problem (`application/problem+json`): `type`, `title`, `status`, a stable `code`, and',
    'where it helps a fixed `reason` or the validation `issues` (paths and messages, never a submitted value).',
    '',
  ]
  for (const tag of doc.tags) {
    out.push(`## ${tag.name}`, '', tag.description, '')
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (op.tags?.includes(tag.name)) out.push(operationSection(method, path, op))
      }
    }
  }
  return out.join('\n')
}
