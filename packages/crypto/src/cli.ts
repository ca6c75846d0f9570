#!/usr/bin/env node
/**
 * The `alokai-crypto` bin: a thin shell over `runCli` with Node's `process` streams (no `node:`
 * imports, so the package stays runtime-agnostic).
 */
import { runCli } from './cli-run.ts'

process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
})
