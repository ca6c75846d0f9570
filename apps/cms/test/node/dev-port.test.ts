/**
 * The port `pnpm dev` serves on: `--port N` (or `--port=N`) first, then the `PORT` variable, then 8787;
 * a value that is not a port stops the script with a message naming where it came from. The script itself
 * reads `PORT` (a bad one stops it before it touches anything) and serves with `wranglerDevArgs(port)`,
 * which `test/node/done-when-e2e.test.ts` runs on a free port.
 */
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DEV_PORT, devPort, wranglerDevArgs } from '../../scripts/dev-port.mjs'

describe('the dev server port', () => {
  it('is 8787 without --port or PORT', () => {
    expect(devPort([], {})).toBe(DEFAULT_DEV_PORT)
    expect(DEFAULT_DEV_PORT).toBe(8787)
  })

  it('comes from PORT', () => {
    expect(devPort([], { PORT: '8899' })).toBe(8899)
  })

  it('comes from --port, in either spelling, before PORT', () => {
    expect(devPort(['--port', '9001'], { PORT: '8899' })).toBe(9001)
    expect(devPort(['--port=9002'], {})).toBe(9002)
  })

  it('refuses what is not a port, naming the source', () => {
    expect(() => devPort([], { PORT: 'http' })).toThrow(/PORT/)
    expect(() => devPort(['--port', '70000'], {})).toThrow(/--port/)
    expect(() => devPort(['--port'], {})).toThrow(/--port/)
    expect(() => devPort(['--port=0'], {})).toThrow(/--port/)
    expect(() => devPort([], { PORT: '80.5' })).toThrow(/PORT/)
  })

  it('ignores an empty PORT', () => {
    expect(devPort([], { PORT: '' })).toBe(DEFAULT_DEV_PORT)
  })

  it('is what the dev script serves on: wrangler dev on 127.0.0.1 and that port', () => {
    expect(wranglerDevArgs(devPort([], { PORT: '8899' }))).toEqual([
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      '8899',
    ])
  })

  it('is read from PORT by the dev script itself, which stops on a bad one before touching anything', async () => {
    const script = resolve(import.meta.dirname, '../../scripts/dev.mjs')
    const run = promisify(execFile)(process.execPath, [script], { env: { ...process.env, PORT: 'http' } })
    const failure = await run.then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    )
    expect(failure?.code).toBe(1)
    expect(failure?.stderr).toContain('dev: PORT must be a port from 1 to 65535')
  })
})
