#!/usr/bin/env node
// `npm test`: builds, checks and runs every suite, then prints one totals line
// ("N passed, N failed, N skipped") across all of them. The checks (typecheck, lint, the
// Electronegativity audit) count as one test each. Exit code 1 if anything failed.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { systemChromium } from './support/chromium.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-test-'))
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name)
const totals = { passed: 0, failed: 0, skipped: 0 }
const notes = []

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${label}\n`)
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status === 0
}

function check(label, cmd, args) {
  const ok = run(label, cmd, args)
  totals[ok ? 'passed' : 'failed']++
  if (!ok) notes.push(`${label} failed`)
  return ok
}

// 1. Build: the e2e and CLI tests run the built app, as users do.
if (!check('build (electron-vite)', bin('electron-vite'), ['build'])) finish()

// 2. Static checks.
for (const project of ['shared', 'electron', 'renderer', 'tests'])
  check(`typecheck ${project}`, bin('tsc'), ['-p', project])
check('lint (eslint: architecture boundaries)', bin('eslint'), ['.'])
check('format (prettier --check; npm run format fixes it)', bin('prettier'), [
  '--check',
  '--log-level',
  'warn',
  '**/*.{ts,tsx,js,mjs,cjs,css,html}'
])
electronegativity()

// 3. Unit + integration (Vitest).
const vitestJson = path.join(OUT, 'vitest.json')
run('unit + integration (vitest)', bin('vitest'), [
  'run',
  '--config',
  'tests/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`
])
countVitest(vitestJson)

// 4. End to end (Playwright): Debian's Chromium when present, else Playwright's own.
if (!systemChromium()) {
  process.stdout.write('\nNo system Chromium found: asking Playwright to install its own.\n')
  if (!run('playwright install chromium', bin('playwright'), ['install', 'chromium']))
    notes.push('playwright could not install Chromium')
}
const pwJson = path.join(OUT, 'playwright.json')
run('end to end (playwright)', bin('playwright'), ['test', '-c', 'tests/playwright.config.ts'], {
  CRISIS_PW_JSON: pwJson
})
countPlaywright(pwJson)
finish()

function electronegativity() {
  // Audit the Electron sources together with the page they load (its CSP lives there).
  const input = path.join(OUT, 'electronegativity-input')
  fs.cpSync(path.join(ROOT, 'electron'), path.join(input, 'electron'), { recursive: true })
  fs.copyFileSync(path.join(ROOT, 'renderer', 'index.html'), path.join(input, 'index.html'))
  const report = path.join(OUT, 'electronegativity.csv')
  const electronVersion = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')
  ).version
  process.stdout.write('\n=== electronegativity (fails on HIGH or CRITICAL findings)\n')
  const r = spawnSync(bin('electronegativity'), ['-i', input, '-o', report, '-r', '-e', electronVersion], {
    cwd: ROOT,
    encoding: 'utf8'
  })
  const csv = fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : ''
  const findings = csv.split('\n').filter((l) => /^[A-Z_]+,"(LOW|MEDIUM|HIGH|CRITICAL|INFORMATIONAL)"/.test(l))
  for (const f of findings) process.stdout.write(`  ${f.split(',').slice(0, 5).join(' ')}\n`)
  const severe = findings.filter((l) => /^[A-Z_]+,"(HIGH|CRITICAL)"/.test(l))
  const ok = r.status === 0 && csv.startsWith('issue') && severe.length === 0
  process.stdout.write(
    ok
      ? `  no high-severity findings (${findings.length} lower ones listed above)\n`
      : `  FAILED: ${severe.length} high-severity findings (exit ${r.status}) ${r.stderr ?? ''}\n`
  )
  totals[ok ? 'passed' : 'failed']++
  if (!ok) notes.push('electronegativity found high-severity issues')
}

function countVitest(file) {
  if (!fs.existsSync(file)) return void (totals.failed++, notes.push('vitest produced no report'))
  const r = JSON.parse(fs.readFileSync(file, 'utf8'))
  totals.passed += r.numPassedTests
  totals.failed += r.numFailedTests + filesFailedWithoutTests(r)
  totals.skipped += r.numPendingTests + r.numTodoTests
}

// A test file that failed to load has no tests of its own; count it once, as a failure.
// (Vitest's numFailedTestSuites can't serve: it counts each failing describe block too.)
function filesFailedWithoutTests(r) {
  return (r.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length
}

function countPlaywright(file) {
  if (!fs.existsSync(file)) return void (totals.failed++, notes.push('playwright produced no report'))
  const r = JSON.parse(fs.readFileSync(file, 'utf8'))
  totals.passed += r.stats.expected + r.stats.flaky
  totals.failed += r.stats.unexpected
  totals.skipped += r.stats.skipped
  const reasons = new Set()
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        for (const a of t.annotations ?? [])
          if (a.type === 'skip' && a.description) reasons.add(`${t.projectName}: ${a.description}`)
    for (const s of suite.suites ?? []) walk(s)
  }
  for (const s of r.suites ?? []) walk(s)
  for (const reason of reasons) notes.push(`skipped ${reason}`)
}

function finish() {
  process.stdout.write('\n')
  for (const n of notes) process.stdout.write(`note: ${n}\n`)
  fs.rmSync(OUT, { recursive: true, force: true })
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`)
  process.exit(totals.failed > 0 ? 1 : 0)
}
