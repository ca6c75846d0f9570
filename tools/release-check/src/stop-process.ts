/**
 * Stops a child process this check started, by its pid: SIGTERM, then SIGKILL after 5 s, resolving when
 * it has exited. Used for Verdaccio and for the example service.
 */
import type { ChildProcess } from 'node:child_process'

/**
 * Stops `child` (whose pid is `pid`) and resolves once it has exited.
 *
 * @example
 * await stopProcess(child, child.pid)
 */
export function stopProcess(child: ChildProcess, pid: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }, 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    process.kill(pid, 'SIGTERM')
  })
}
