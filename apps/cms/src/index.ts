/**
 * The CMS Worker's entry points: every request goes through the Hono app built in `app.ts`; every cron
 * trigger (`triggers.crons` in wrangler.jsonc) runs the maintenance job of `jobs/scheduled.ts`, which
 * shares the services but not the HTTP edge.
 */
import { createApp } from './app'
import { runScheduled } from './jobs/scheduled'

const app = createApp()

/** Answers one request (the env is validated once per isolate inside the app). */
async function fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  return app.fetch(request, env, ctx)
}

/** Runs the maintenance job for one cron trigger (the env is validated the same way). */
async function scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  await runScheduled(env, controller)
}

export default { fetch, scheduled } satisfies ExportedHandler<Env>
