// The console under test, as a user meets it: the web host in Chromium ("web" project) or
// the desktop app ("electron" project). Each test gets its own data directory and ports.
import { _electron, chromium, expect, test as base, type Page } from '@playwright/test'
import path from 'node:path'
import mqtt from 'mqtt'
import { CHROMIUM_ARGS, systemChromium } from '../support/chromium.js'
import { electronBinary } from '../support/electron-binary'
import { freePort } from '../support/free-port'
import { ROOT, runCli, startServe } from '../support/serve-process'
import { TestIds } from '../../shared/test-ids'
import { makeTempDir } from '../support/temp-dir'
import type { Mention } from '../../shared/mention'

export interface ConsoleApp {
  page: Page
  /** a team member (from the `team` option) signed in, in a browser context of their own */
  signIn(name: string): Promise<Page>
  /** where sources publish mentions */
  mqttUrl: string
  /** the console's data folder (gateways sign in with DATA/gateways.json) */
  dataDir: string
  openWall(): Promise<void>
  openConsole(): Promise<void>
  publish(mentions: Mention[]): Promise<void>
  /** stops the engine the page talks to, the way a crash would */
  killEngine(): Promise<void>
  /** starts it again on the same data and ports (web project) */
  restartEngine(): Promise<void>
  /** the web host's address (web project) */
  httpUrl: string
  /** a fresh browser page with no session: another screen in the room (web project) */
  newScreen(viewport: { width: number; height: number }): Promise<Page>
}

export interface AppOptions {
  demo: 'ash-cloud' | 'none'
  /** team members (name -> roles) created with `crisis-console users add` before the console starts */
  team: Record<string, string[]>
}

export const MEMBER_PASSWORD = 'a long password for tests'

export const test = base.extend<{ app: ConsoleApp } & AppOptions>({
  demo: ['none', { option: true }],
  team: [{}, { option: true }],
  app: async ({ demo, team }, use, testInfo) => {
    const tmp = makeTempDir('e2e')
    for (const [name, roles] of Object.entries(team)) {
      const r = await runCli(['users', 'add', name, '--role', roles.join(','), '--data', tmp.dir], MEMBER_PASSWORD)
      if (r.code !== 0) throw new Error(`users add ${name}: ${r.stderr}`)
    }
    const cleanups: (() => Promise<unknown> | unknown)[] = [tmp.remove]
    const publisher = { url: '' }
    const publish = async (mentions: Mention[]) => {
      const c = await mqtt.connectAsync(publisher.url)
      await c.publishAsync('crisis/in/mentions', JSON.stringify(mentions), { qos: 1 })
      await c.endAsync()
    }
    try {
      if (testInfo.project.name === 'electron') {
        const bin = electronBinary()
        test.skip('missing' in bin, 'missing' in bin ? bin.missing : '')
        const mqttPort = await freePort()
        const electronApp = await _electron.launch({
          executablePath: 'path' in bin ? bin.path : undefined,
          args: [path.join(ROOT, 'out/main/index.js'), '--no-sandbox'],
          env: {
            ...process.env,
            CRISIS_DATA_DIR: tmp.dir,
            CRISIS_HTTP_PORT: '0',
            CRISIS_MQTT_PORT: String(mqttPort),
            CRISIS_DEMO: demo
          }
        })
        cleanups.push(() => electronApp.close())
        const page = await electronApp.firstWindow()
        publisher.url = `mqtt://127.0.0.1:${mqttPort}`
        await use({
          page,
          signIn: async () => test.skip(true, 'signing in as members is a browser (web project) flow') as never,
          mqttUrl: publisher.url,
          dataDir: tmp.dir,
          openWall: async () =>
            void (await page.evaluate(() => (window.location.hash = '#/wall')), await page.reload()),
          openConsole: async () => void (await page.evaluate(() => (window.location.hash = '')), await page.reload()),
          publish,
          httpUrl: '',
          newScreen: async () => test.skip(true, 'a second screen is a browser (web project) flow') as never,
          restartEngine: async () =>
            test.skip(true, 'restarting the engine is driven through serve (web project)') as never,
          async killEngine() {
            const pids = await electronApp.evaluate(({ app }) =>
              app
                .getAppMetrics()
                .filter((m) => m.type === 'Utility' && m.serviceName === 'Crisis Console engine')
                .map((m) => m.pid)
            )
            for (const pid of pids) process.kill(pid, 'SIGKILL')
          }
        })
        return
      }
      let serve = await startServe([
        '--data',
        tmp.dir,
        '--http',
        '127.0.0.1:0',
        '--mqtt',
        '127.0.0.1:0',
        '--demo',
        demo
      ])
      cleanups.push(() => serve.kill('SIGKILL'))
      const ports = { http: new URL(serve.httpUrl).port, mqtt: new URL(serve.mqttUrl).port }
      const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS })
      cleanups.push(() => browser.close())
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      const pageErrors: string[] = []
      const members: { name: string; page: Page }[] = []
      page.on('pageerror', (e) => pageErrors.push(e.message))
      publisher.url = serve.mqttUrl
      await use({
        page,
        async signIn(name) {
          const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
          const member = await context.newPage()
          member.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`))
          await member.goto(`${serve.httpUrl}/`)
          await member.getByTestId(TestIds.consoleSignIn).click()
          await member.getByTestId(TestIds.loginUser).fill(name)
          await member.getByTestId(TestIds.loginPassword).fill(MEMBER_PASSWORD)
          await member.getByTestId(TestIds.loginSubmit).click()
          await member.getByTestId(TestIds.consoleMe).filter({ hasText: name }).waitFor()
          members.push({ name, page: member })
          return member
        },
        mqttUrl: serve.mqttUrl,
        dataDir: tmp.dir,
        openWall: async () => void (await page.goto(`${serve.httpUrl}/wall`)),
        openConsole: async () => void (await page.goto(`${serve.httpUrl}/`)),
        publish,
        httpUrl: serve.httpUrl,
        newScreen: async (viewport) => {
          const screen = await (await browser.newContext({ viewport })).newPage()
          screen.on('pageerror', (e) => pageErrors.push(`screen: ${e.message}`))
          return screen
        },
        killEngine: () => serve.kill('SIGKILL'),
        async restartEngine() {
          serve = await startServe([
            '--data',
            tmp.dir,
            '--http',
            `127.0.0.1:${ports.http}`,
            '--mqtt',
            `127.0.0.1:${ports.mqtt}`,
            '--demo',
            demo
          ])
          cleanups.push(() => serve.kill('SIGKILL'))
        }
      })
      await testInfo.attach('screenshot', { body: await page.screenshot(), contentType: 'image/png' })
      for (const m of members)
        await testInfo.attach(`screenshot-${m.name}`, { body: await m.page.screenshot(), contentType: 'image/png' })
      if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join('; ')}`)
    } finally {
      for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined)
    }
  }
})

export { expect }

/** Mentions stamped now, so they land in the wall's live window. */
export function liveMentions(n: number, overrides: Partial<Mention> = {}, prefix = 'e2e'): Mention[] {
  const channels = ['twitter', 'facebook', 'sms'] as const
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    channel: channels[i % channels.length],
    author: { handle: `traveller${i}`, followers: 100 + i },
    text: `Stranded at AMS, flight ${i} cancelled`,
    ts: new Date().toISOString(),
    ...overrides
  }))
}

/** A lead opens an incident from the Incidents tab and waits until its timeline shows it. */
export async function openIncident(lead: Page, leadName: string, name: string): Promise<void> {
  await lead.getByTestId(TestIds.tab('incidents')).click()
  await lead.getByTestId(TestIds.incidentCreateName).fill(name)
  await lead.getByTestId(TestIds.incidentCreateSubmit).click()
  await expect(lead.getByTestId(TestIds.incidentTimeline)).toContainText(`${leadName} · Incident opened`)
}

/**
 * Calls the API from a signed-in member's page, with their session, the way the console
 * does; for setting up what a test doesn't exercise through the UI.
 */
export function apiAs<T = unknown>(member: Page, verb: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  return member.evaluate(
    async ({ verb, path, body }) => {
      const { token } = JSON.parse(sessionStorage.getItem('crisis-console-session') ?? '{}')
      const res = await fetch(path, {
        method: verb,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body)
      })
      return res.json()
    },
    { verb, path, body }
  ) as Promise<T>
}
