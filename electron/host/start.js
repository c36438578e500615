#!/usr/bin/env node
// `npm start`: builds, then opens the desktop app on the live drill. Where Electron's
// binary can't be obtained (our machines cannot download it), says so in one line and
// serves the same console in browser mode instead.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)

const build = spawnSync(bin('electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

// require('electron') returns the binary's path, fetching it first if it is missing.
const probe = spawnSync(process.execPath, ['-e', "process.stdout.write('\\nELECTRON=' + require('electron'))"], {
  cwd: root,
  encoding: 'utf8',
  timeout: 10 * 60_000
})
const electronPath = /\nELECTRON=(.+)$/.exec(probe.stdout ?? '')?.[1]

if (probe.status === 0 && electronPath && existsSync(electronPath)) {
  const child = spawn(electronPath, ['.'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CRISIS_DEMO: process.env.CRISIS_DEMO ?? 'ash-cloud' }
  })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  const why =
    (probe.stderr || probe.error?.message || 'unknown reason')
      .trim()
      .split('\n')
      .find((l) => /error/i.test(l)) ?? 'download failed'
  process.stdout.write(
    `Electron's binary can't be obtained here (${why.trim()}); serving the console in browser mode instead.\n`
  )
  const child = spawn(
    process.execPath,
    [path.join(root, 'electron/host/bin.js'), 'serve', '--demo', 'ash-cloud', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: ['inherit', 'pipe', 'inherit']
    }
  )
  child.stdout.on('data', (d) => {
    const text = String(d)
    process.stdout.write(text)
    const m = /^ready (\S+)/m.exec(text)
    if (m) process.stdout.write(`Open ${m[1]}/ for the console and ${m[1]}/wall for the wall. Ctrl-C stops.\n`)
  })
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code) => process.exit(code ?? 0))
}
