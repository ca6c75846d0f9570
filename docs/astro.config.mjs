// The docs site: Astro Starlight (astro 5.18, the last line that runs on Node 20). Its pages are generated
// into src/content/docs by scripts/sync-content.mjs from the package READMEs, docs/*.md and the CMS's
// OpenAPI document (docs/openapi.json), so each text has one home and the site never drifts from it.
import starlight from '@astrojs/starlight'
import { defineConfig } from 'astro/config'

export default defineConfig({
  // Pages previews and production both serve from the root; a site URL only feeds the sitemap.
  site: 'https://alokai-cms-docs.pages.dev',
  telemetry: false,
  integrations: [
    starlight({
      title: 'Alokai CMS platform',
      description: 'The secrets and auth packages and the CMS Worker that composes them.',
      sidebar: [
        { label: 'Overview', link: '/' },
        { label: 'Guides', autogenerate: { directory: 'guides' } },
        { label: 'Packages', autogenerate: { directory: 'packages' } },
        { label: 'Reference', autogenerate: { directory: 'reference' } },
      ],
    }),
  ],
})
