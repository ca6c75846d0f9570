/**
 * The CMS Worker's entry point: every request goes through the Hono app built in `app.ts`.
 */
import { createApp } from './app'

const app = createApp()

/** Answers one request (the env is validated once per isolate inside the app). */
async function fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  return app.fetch(request, env, ctx)
}

export default { fetch } satisfies ExportedHandler<Env>
