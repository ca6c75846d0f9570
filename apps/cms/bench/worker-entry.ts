/**
 * The Worker that `pnpm bench:worker` runs (`wrangler dev bench/worker-entry.ts`): the production app with
 * the two benchmark routes of `src/features/bench/api.ts` mounted at `/api/bench`. They exist only here, so
 * the deployed Worker (`src/index.ts`) cannot carry a route that authenticates nobody;
 * `test/node/bundle.test.ts` checks both bundles.
 */
import { createApp } from '../src/app'
import { benchApi } from '../src/features/bench/api'

const app = createApp()
// Added after the app's own routes: its middleware (env gate, scope, body limit, CSRF) still runs first.
app.route('/api/bench', benchApi)

export default { fetch: app.fetch } satisfies ExportedHandler<Env>
