/** Tests of the secrets page: its sections, its commands, and prose that survives regeneration. */
import { describe, expect, it } from 'vitest'
import { cmsProject } from '../cms-project.ts'
import { renderSecretsPage } from './secrets-page.ts'
import { renderSecretsTable } from './secrets-table.ts'

const render = (existing?: string) =>
  renderSecretsPage({
    env: cmsProject.env,
    github: cmsProject.github,
    sealed: cmsProject.sealed,
    environments: cmsProject.environments,
    githubTokenUses: cmsProject.githubTokenUses,
    ...(existing === undefined ? {} : { existing }),
  })

describe('renderSecretsPage', () => {
  const page = render()

  it('holds the Worker table, the GitHub tables per scope, per-space secrets and the checklist', () => {
    expect(page).toContain(renderSecretsTable(cmsProject.env).trimEnd())
    expect(page).toContain('### Repository secrets')
    expect(page).toMatch(/^\| `VERDACCIO_READ_TOKEN` \| A read-only Verdaccio token/m)
    expect(page).toMatch(/^\| `VERDACCIO_PUBLISH_TOKEN` \| publish \|/m)
    expect(page).toMatch(/^\| `CLOUDFLARE_API_TOKEN` \| staging, production, preview \|/m)
    for (const column of [
      'api_tokens.token_sealed',
      'mcp_integrations.bearer_sealed',
      'preview_urls.probe_secret_sealed',
    ]) {
      expect(page).toContain(`\`${column}\``)
    }
    for (const heading of ['## Local development', '## Removing a secret', '## Inventory and audit']) {
      expect(page).toContain(heading)
    }
    expect(page).toContain('`pnpm dev` creates `apps/cms/.dev.vars`')
  })

  it('says plainly that rotating the encryption key invalidates nothing unless the previous key is dropped', () => {
    expect(page).toContain('**Rotating the encryption key no longer invalidates stored secrets.**')
    expect(page).toContain('only when you drop the previous key')
    expect(page).toContain('[key-rotation.md](key-rotation.md)')
  })

  it('gives the exact wrangler commands, and rotation runbooks whose old value has a source', () => {
    expect(page).toContain('npx wrangler secret put AUTH_JWT_SECRET --env staging')
    expect(page).toContain('npx wrangler secret list --format json [--env staging]')
    expect(page).toContain('read -rs OLD_KEY    # paste: TOKEN_ENCRYPTION_KEY')
    expect(page).toContain(
      `printf '{"TOKEN_ENCRYPTION_KEY":"%s","TOKEN_ENCRYPTION_KEY_PREVIOUS":"%s"}' "$NEW_KEY" "$OLD_KEY" \\`,
    )
    expect(page).toContain('read -rs OLD_SESSION    # paste: AUTH_JWT_SECRET')
    expect(page).toContain('wrangler secret delete TOKEN_ENCRYPTION_KEY_PREVIOUS $WRANGLER_ENV')
    expect(page).toContain('wrangler secret delete AUTH_JWT_SECRET_PREVIOUS $WRANGLER_ENV')
    expect(page).toContain('pnpm --filter @alokai/cms keys:rewrap -- $CMS_TARGET')
    expect(page).toContain('/api/admin/keys/rewrap')
  })

  it('is stable: rendering over its own output changes nothing', () => {
    expect(render(page)).toBe(page)
    expect(page.endsWith('\n')).toBe(true)
  })

  it('keeps hand-written prose between markers and everything outside them generated', () => {
    const edited = page
      .replace('<!-- prose:rotation:start -->\n', '<!-- prose:rotation:start -->\nPage #sec-oncall first.\n')
      .replace('## Local development', '## Local dev (edited by hand)')
    const again = render(edited)
    expect(again).toContain(
      '<!-- prose:rotation:start -->\nPage #sec-oncall first.\n<!-- prose:rotation:end -->',
    )
    expect(again).toContain('## Local development')
    expect(again).not.toContain('edited by hand')
  })

  it('never drops a prose block whose section is gone', () => {
    const old = `${page}\n<!-- prose:legacy:start -->\nKept.\n<!-- prose:legacy:end -->\n`
    const again = render(old)
    expect(again).toContain('## Other notes')
    expect(again).toContain('<!-- prose:legacy:start -->\nKept.\n<!-- prose:legacy:end -->')
    expect(render(again)).toBe(again)
  })
})

describe('renderSecretsPage: descriptions and deployment facts', () => {
  const page = render()

  it('renders each Worker secret description and each GitHub secret description', () => {
    for (const entry of Object.values(cmsProject.env.entries)) expect(page).toContain(entry.description)
    for (const entry of Object.values(cmsProject.github.secrets)) expect(page).toContain(entry.description)
    expect(page).toContain('| Name | Description | Required | Format | Used by |')
  })

  it('states the account_id pin and its override, and lists CLOUDFLARE_ACCOUNT_ID in every environment', () => {
    expect(page).toContain('pins `account_id`')
    expect(page).toContain('The `CLOUDFLARE_ACCOUNT_ID` environment variable overrides the pin')
    expect(page).toMatch(/^\| `CLOUDFLARE_ACCOUNT_ID` \| staging, production, preview \|/m)
  })

  it('lists each environment with its protection and what GITHUB_TOKEN does in the release jobs', () => {
    expect(page).toContain(
      '| `production` | required reviewers; deployment branches and tags: branch `main` and tags `cms@*` |',
    )
    expect(page).toContain('| `staging` | deployment branches: `main` only;')
    expect(page).toContain(
      '| `publish` | deployment branches: `main` only; holds the only token that can publish |',
    )
    expect(page).toContain('`gh release create` tags `cms@<version>`')
  })

  it('provisions both required secrets from variables the operator keeps, never piped from openssl', () => {
    expect(page).toContain(
      'V0=$(openssl rand -hex 32)   # TOKEN_ENCRYPTION_KEY: into the password manager now',
    )
    expect(page).toContain('V1=$(openssl rand -base64 48)   # AUTH_JWT_SECRET: into the password manager now')
    expect(page).toContain(`printf '{"TOKEN_ENCRYPTION_KEY":"%s","AUTH_JWT_SECRET":"%s"}' "$V0" "$V1"`)
    expect(page).not.toMatch(/openssl rand[^\n|]*\|[^\n]*wrangler/)
  })

  it('states the two seed rules: no production value in .dev.vars, no old secret names in runbooks', () => {
    expect(page).toContain('**Never copy a production (or staging) value into `.dev.vars`**')
    expect(page).toContain('**Remove old `wrangler secret put` references from runbooks**')
  })

  it('names the UI paths and the storefront probe where the sealed secrets come from', () => {
    expect(page).toContain('Settings → MCP Integrations')
    expect(page).toContain('Settings → Preview URLs')
    expect(page).toContain('`/api/cms-probe`')
  })

  it('says where it deliberately differs from the original documentation, and why', () => {
    expect(page).toContain('## Where this differs from the original secrets documentation')
    for (const point of ['has its own workflow', 'no longer invalidates', 'The version bump']) {
      expect(page).toContain(point)
    }
  })
})
