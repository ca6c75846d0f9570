// Copies the texts the site shows into src/content/docs, adding the frontmatter Starlight needs: the root
// README becomes the home page, each packages/*/README.md a page under /packages/, and every docs/*.md
// (the generated secrets page with its rotation runbooks, the storage schema, the release guide…) a page
// under /guides/. The first `# ` heading becomes the title. A file that does not exist yet is skipped.
// The CMS's OpenAPI document (docs/openapi.json) becomes the API reference page under /reference/, and is
// published beside it as /openapi.json.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderOpenApi } from './openapi-page.mjs'

const docsDir = fileURLToPath(new URL('..', import.meta.url))
const repoRoot = join(docsDir, '..')
const out = join(docsDir, 'src', 'content', 'docs')

/** Splits a Markdown text into its first H1 (the title) and the rest. */
function split(markdown, fallback) {
  const match = /^# (.+)\n/m.exec(markdown)
  if (!match) return { title: fallback, body: markdown }
  return { title: match[1].trim(), body: markdown.replace(match[0], '').trimStart() }
}

/**
 * Rewrites links between the guides (`key-rotation.md`, `./storage-schema.md#…`), which work on GitHub,
 * into the site's routes (`../key-rotation/`), where a page lives at /guides/<name>/.
 */
function guideLinks(markdown) {
  return markdown.replace(
    /\]\((?:\.\/)?([a-z0-9-]+)\.md(#[^)]*)?\)/g,
    (_, name, hash = '') => `](../${name}/${hash})`,
  )
}

function write(target, source, fallbackTitle, extra = '') {
  const { title, body: raw } = split(readFileSync(source, 'utf8'), fallbackTitle)
  const body = target.startsWith('guides/') ? guideLinks(raw) : raw
  const front = `---\ntitle: ${JSON.stringify(title)}\n${extra}---\n\n`
  const file = join(out, target)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, front + body)
  return target
}

rmSync(out, { recursive: true, force: true })
const written = []
written.push(write('index.md', join(repoRoot, 'README.md'), 'Alokai CMS platform', 'template: doc\n'))
const packagesDir = join(repoRoot, 'packages')
for (const name of readdirSync(packagesDir).sort()) {
  const readme = join(packagesDir, name, 'README.md')
  if (existsSync(readme)) written.push(write(`packages/${name}.md`, readme, `@alokai/${name}`))
}
for (const name of readdirSync(docsDir).sort()) {
  if (name.endsWith('.md'))
    written.push(write(`guides/${name}`, join(docsDir, name), name.replace(/\.md$/, '')))
}
const openapi = join(docsDir, 'openapi.json')
const reference = join(out, 'reference', 'cms-api.md')
mkdirSync(dirname(reference), { recursive: true })
writeFileSync(
  reference,
  `---\ntitle: "CMS API reference"\n---\n\n${renderOpenApi(JSON.parse(readFileSync(openapi, 'utf8')))}`,
)
written.push('reference/cms-api.md')
mkdirSync(join(docsDir, 'public'), { recursive: true })
copyFileSync(openapi, join(docsDir, 'public', 'openapi.json'))
console.log(`docs: ${written.length} pages synced (${written.join(', ')})`)
