/**
 * The port `pnpm dev` serves on: `--port N` (or `--port=N`) first, then the `PORT` variable, then 8787;
 * a value that is not a port stops the script with a message naming where it came from.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_DEV_PORT, devPort } from '../../scripts/dev-port.mjs'

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
})
