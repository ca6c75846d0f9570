/**
 * Prints the CMS's OpenAPI document (`src/http/openapi/document.ts`) as the Worker serves it at
 * `GET /api/openapi.json`, for the committed copy the docs site renders:
 *
 *   pnpm --filter @alokai/cms openapi:write      # → docs/openapi.json
 *
 * A workerd test fails while the committed copy differs from what the Worker serves. It runs in Node
 * (tsx) but type-checks with the Worker's sources (tsconfig.json), so it writes to stdout, not a file.
 */
import { createApp } from '../src/app'
import { createOpenApiDocument } from '../src/http/openapi/document'

console.log(JSON.stringify(createOpenApiDocument(createApp().routes), null, 2))
