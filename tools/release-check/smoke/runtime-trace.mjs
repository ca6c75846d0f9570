// Preloaded with `node --import ./runtime-trace.mjs smoke.mjs`: registers runtime-hooks.mjs and keeps the
// `#runtime` files it reports. `runtimeFiles()` waits for the loader thread's messages to arrive.
import { register } from 'node:module'
import { MessageChannel } from 'node:worker_threads'

const files = new Set()
const { port1, port2 } = new MessageChannel()
port1.on('message', (url) => files.add(url))
port1.unref()
register('./runtime-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] })

globalThis.runtimeFiles = async () => {
  // The hook posts before the import it resolved finishes loading; one macrotask lets the messages land.
  await new Promise((resolve) => setTimeout(resolve, 50))
  return [...files].sort()
}
