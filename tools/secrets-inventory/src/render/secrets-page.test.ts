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
    ...(existing === undefined ? {} : { existing }),
  })

describe('renderSecretsPage', () => {
  const page = render()

  it('holds the Worker table, the GitHub tables per scope, per-space secrets and the checklist', () => {
    expect(page).toContain(renderSecretsTable(cmsProject.env).trimEnd())
    expect(page).toContain('### Repository secrets')
    expect(page).toMatch(/^\| `VERDACCIO_AUTH_TOKEN` \| Authenticates the `@alokai` scope/m)
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

  it('gives the exact wrangler commands, for production and with --env staging', () => {
    expect(page).toContain('npx wrangler secret put AUTH_JWT_SECRET --env staging')
    expect(page).toContain(
      `printf '{"TOKEN_ENCRYPTION_KEY":"%s","TOKEN_ENCRYPTION_KEY_PREVIOUS":"%s"}' "$NEW" "$OLD" \\`,
    )
    expect(page).toContain('npx wrangler secret list --format json [--env staging]')
    expect(page).toContain('npx wrangler secret delete TOKEN_ENCRYPTION_KEY_PREVIOUS [--env staging]')
    expect(page).toContain('npx wrangler secret delete AUTH_JWT_SECRET_PREVIOUS [--env staging]')
    expect(page).toContain('pnpm --filter @alokai/cms keys:rewrap -- --prod')
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
