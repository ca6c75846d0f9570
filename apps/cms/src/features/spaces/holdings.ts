/**
 * What a space holds, as its overview page shows it: how many entries, live API tokens, MCP integrations
 * and preview URLs, each counted only when the viewer's roles may list that kind of thing in this space
 * (`can` over the role matrix; an editor never learns how many API tokens exist). Each count is asked of
 * the service of the feature that owns the table.
 */
import { can } from '../../domain/policy'
import type { UserRoles } from '../../domain/roles'
import type { Scope } from '../../domain/scope'
import { countLiveApiTokens } from '../api-tokens/service'
import { countEntries } from '../entries/service'
import { countMcpIntegrations } from '../mcp-integrations/service'
import { countPreviewUrls } from '../preview-urls/service'

/** The counts a viewer may see; a kind they may not list is absent. */
export interface SpaceHoldings {
  entries?: number
  liveTokens?: number
  mcpIntegrations?: number
  previewUrls?: number
}

/**
 * The counts of space `spaceId` that `roles` may see.
 * @example const holdings = await spaceHoldings(scope, caller.roles, space.id)
 */
export async function spaceHoldings(scope: Scope, roles: UserRoles, spaceId: string): Promise<SpaceHoldings> {
  const may = (action: Parameters<typeof can>[1]) => can(roles, action, spaceId)
  const [entries, liveTokens, mcpIntegrations, previewUrls] = await Promise.all([
    may('content.read') ? countEntries(scope, spaceId) : undefined,
    may('tokens.list') ? countLiveApiTokens(scope, spaceId) : undefined,
    may('mcp.list') ? countMcpIntegrations(scope, spaceId) : undefined,
    may('preview.list') ? countPreviewUrls(scope, spaceId) : undefined,
  ])
  return {
    ...(entries === undefined ? {} : { entries }),
    ...(liveTokens === undefined ? {} : { liveTokens }),
    ...(mcpIntegrations === undefined ? {} : { mcpIntegrations }),
    ...(previewUrls === undefined ? {} : { previewUrls }),
  }
}
