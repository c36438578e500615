// Which Chromium the browser tests drive: Debian's (or any system one) when installed,
// since Playwright can't download its own browser on our machines; otherwise undefined,
// meaning Playwright's own (tests/run-all.js installs it first on such a machine).
// Plain JS: tests/run-all.js uses it before anything is compiled.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']

/** @returns {string | undefined} */
export function systemChromium() {
  const fromEnv = process.env.CRISIS_CHROMIUM
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv
  for (const name of CANDIDATES) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' })
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim()
  }
  return undefined
}

/** Flags for Chromium on a closed network, as root, without a GPU (DESIGN 6). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]
