// Playwright drives the real renderer: the "web" project in Chromium against the web host,
// the "electron" project in the desktop app, with the same specs. Without an Electron
// binary the electron project's tests are reported as skipped, with the reason.
import path from 'node:path'
import { defineConfig } from '@playwright/test'

const ROOT = path.resolve(import.meta.dirname, '..')

export default defineConfig({
  testDir: './e2e',
  outputDir: path.join(ROOT, 'test-results'),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  reporter: process.env.CRISIS_PW_JSON ? [['list'], ['json', { outputFile: process.env.CRISIS_PW_JSON }]] : [['list']],
  projects: [{ name: 'web' }, { name: 'electron' }]
})
