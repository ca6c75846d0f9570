/**
 * `pnpm bench [suite…]`: runs the benchmark suites (all, or those whose file name contains an argument)
 * and prints one Markdown table per suite. Each suite file in `suites/` exports `run(): Promise<void>`.
 */
import { readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'

const dir = fileURLToPath(new URL('./suites/', import.meta.url))
const filters = process.argv.slice(2)
const files = (await readdir(dir).catch(() => [] as string[]))
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()

if (files.length === 0) {
  console.log('no bench suites yet (bench/suites/*.ts)')
}
for (const file of files) {
  const mod: { run: () => Promise<void> } = await import(pathToFileURL(dir + file).href)
  await mod.run()
}
