// The console under test, as a user meets it: the web host in Chromium ("web" project) or
// the desktop app ("electron" project). Each test gets its own data directory and ports.
import { _electron, chromium, test as base, type Page } from '@playwright/test'
import path from 'node:path'
import mqtt from 'mqtt'
import { CHROMIUM_ARGS, systemChromium } from '../support/chromium.js'
import { electronBinary } from '../support/electron-binary'
import { freePort } from '../support/free-port'
import { ROOT, startServe } from '../support/serve-process'
import { makeTempDir } from '../support/temp-dir'
import type { Mention } from '../../shared/mention'

export interface ConsoleApp {
  page: Page
  /** where sources publish mentions */
  mqttUrl: string
  openWall(): Promise<void>
  openConsole(): Promise<void>
  publish(mentions: Mention[]): Promise<void>
  /** stops the engine the page talks to, the way a crash would */
  killEngine(): Promise<void>
}

export interface AppOptions {
  demo: 'ash-cloud' | 'none'
}

export const test = base.extend<{ app: ConsoleApp } & AppOptions>({
  demo: ['none', { option: true }],
  app: async ({ demo }, use, testInfo) => {
    const tmp = makeTempDir('e2e')
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
          env: { ...process.env, CRISIS_DATA_DIR: tmp.dir, CRISIS_HTTP_PORT: '0', CRISIS_MQTT_PORT: String(mqttPort), CRISIS_DEMO: demo }
        })
        cleanups.push(() => electronApp.close())
        const page = await electronApp.firstWindow()
        publisher.url = `mqtt://127.0.0.1:${mqttPort}`
        await use({
          page,
          mqttUrl: publisher.url,
          openWall: async () => void (await page.evaluate(() => (window.location.hash = '#/wall')), await page.reload()),
          openConsole: async () => void (await page.evaluate(() => (window.location.hash = '')), await page.reload()),
          publish,
          async killEngine() {
            const pids = await electronApp.evaluate(({ app }) => app.getAppMetrics().filter((m) => m.type === 'Utility' && m.serviceName === 'Crisis Console engine').map((m) => m.pid))
            for (const pid of pids) process.kill(pid, 'SIGKILL')
          }
        })
        return
      }
      const serve = await startServe(['--data', tmp.dir, '--http', '127.0.0.1:0', '--mqtt', '127.0.0.1:0', '--demo', demo])
      cleanups.push(() => serve.kill('SIGKILL'))
      const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS })
      cleanups.push(() => browser.close())
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      const pageErrors: string[] = []
      page.on('pageerror', (e) => pageErrors.push(e.message))
      publisher.url = serve.mqttUrl
      await use({
        page,
        mqttUrl: serve.mqttUrl,
        openWall: async () => void (await page.goto(`${serve.httpUrl}/wall`)),
        openConsole: async () => void (await page.goto(`${serve.httpUrl}/`)),
        publish,
        killEngine: () => serve.kill('SIGKILL')
      })
      await testInfo.attach('screenshot', { body: await page.screenshot(), contentType: 'image/png' })
      if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join('; ')}`)
    } finally {
      for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined)
    }
  }
})

export { expect } from '@playwright/test'

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
