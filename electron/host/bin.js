#!/usr/bin/env node
// The `crisis-console` command: runs the built CLI (out/main/cli.js).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
if (!existsSync(built)) {
  process.stderr.write('crisis-console: not built yet; run `npm run build` in the project first\n')
  process.exit(2)
}
const { main } = await import(pathToFileURL(built).href)
process.exitCode = await main(process.argv.slice(2))
