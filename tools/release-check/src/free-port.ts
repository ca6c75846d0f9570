/**
 * Picks a free TCP port on 127.0.0.1 for a server that cannot listen on port 0 and report back (Verdaccio
 * takes its address from a config file).
 */
import { createServer } from 'node:net'

/**
 * Resolves with a port that was free a moment ago on 127.0.0.1.
 *
 * @example
 * const port = await freePort()
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))))
    })
  })
}
