// The war-room wall as a display: every tile of the default layout at 1080p, 4K and in
// portrait, no text under the minimum size, no tiles over each other (screenshots attached);
// honest when the hub goes away and back; a paired screen with its own layout that can't
// write and goes dark when revoked; a severe alert held on the wall until a console
// acknowledges it.
import type { TestInfo } from '@playwright/test'
import { TestIds } from '../../shared/test-ids'
import { WALL_TILES } from '../../shared/wall'
import { expect, liveMentions, test, type ConsoleApp } from './fixtures'

/** The wall's smallest text, as a share of the viewport's shorter side: 0.85 rem of a 2.2 vmin root (20 px at 1080p). */
const MIN_TEXT_VMIN = 1.85

async function checkDisplay(app: ConsoleApp, testInfo: TestInfo, width: number, height: number) {
  await app.page.setViewportSize({ width, height })
  await app.openWall()
  await app.publish([
    ...liveMentions(12),
    ...liveMentions(
      3,
      {
        text: 'Vlucht geannuleerd, gestrand op Schiphol',
        lang: 'nl',
        author: { handle: 'reiziger', followers: 250_000 }
      },
      'loud'
    )
  ])
  await expect(app.page.getByTestId(TestIds.wallTotal)).toHaveText('15')
  for (const tile of WALL_TILES) await expect(app.page.getByTestId(TestIds.wallTile(tile))).toBeVisible()

  const smallest = await app.page.getByTestId(TestIds.wall).evaluate((wall) => {
    let min = Infinity
    let where = ''
    for (const el of Array.from(wall.querySelectorAll<HTMLElement | SVGElement>('*'))) {
      const hasText = Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''
      )
      const box = el.getBoundingClientRect()
      if (!hasText || box.width === 0 || box.height === 0) continue
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (size < min)
        [min, where] = [size, `${el.tagName}.${el.getAttribute('class') ?? ''}: ${el.textContent!.slice(0, 30)}`]
    }
    return { min, where }
  })
  expect(smallest.min, `smallest text: ${smallest.where}`).toBeGreaterThanOrEqual(
    (Math.min(width, height) * MIN_TEXT_VMIN) / 100
  )

  const boxes = await app.page
    .locator('.tile-slot')
    .evaluateAll((slots) =>
      slots.map((s) => ({ tile: s.getAttribute('data-tile'), ...s.getBoundingClientRect().toJSON() }))
    )
  expect(boxes).toHaveLength(WALL_TILES.length)
  for (const [i, a] of boxes.entries()) {
    expect(a.right <= width + 1 && a.bottom <= height + 1, `${a.tile} is inside the screen`).toBe(true)
    for (const b of boxes.slice(i + 1)) {
      const overlap =
        Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
        Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top))
      expect(overlap, `${a.tile} and ${b.tile} overlap`).toBeLessThanOrEqual(1)
    }
  }
  await testInfo.attach(`wall-${width}x${height}`, { body: await app.page.screenshot(), contentType: 'image/png' })
}

test('1920x1080: every tile, readable, none over another', async ({ app }, testInfo) => {
  await checkDisplay(app, testInfo, 1920, 1080)
})

test('3840x2160: every tile, readable, none over another', async ({ app }, testInfo) => {
  await checkDisplay(app, testInfo, 3840, 2160)
})

test('portrait 1080x1920: every tile, readable, none over another', async ({ app }, testInfo) => {
  await checkDisplay(app, testInfo, 1080, 1920)
})

test('the engine stops: a banner within 3 s; it comes back: the banner goes and the data is current', async ({
  app
}) => {
  await app.openWall()
  await app.publish(liveMentions(3))
  await expect(app.page.getByTestId(TestIds.wallTotal)).toHaveText('3')
  await expect(app.page.getByTestId(TestIds.wallConnectionBanner)).toHaveCount(0)
  await app.killEngine()
  await expect(app.page.getByTestId(TestIds.wallConnectionBanner)).toBeVisible({ timeout: 3000 })
  await expect(app.page.getByTestId(TestIds.wallConnectionBanner)).toContainText('Reconnecting by itself')
  await expect(app.page.locator('.tile__age--old').first()).toContainText('as of')
  await app.restartEngine()
  await expect(app.page.getByTestId(TestIds.wallConnectionBanner)).toHaveCount(0, { timeout: 15_000 })
  await app.publish(liveMentions(2, {}, 'after'))
  await expect(app.page.getByTestId(TestIds.wallTotal)).toHaveText('5')
  await expect(app.page.locator('.tile__age').first()).toHaveText('live')
})

test.describe('paired screens', () => {
  test.use({ team: { lars: ['lead'] } })

  test('a screen paired with its own layout shows it without signing in, cannot write, and goes dark when revoked', async ({
    app
  }) => {
    const lars = await app.signIn('lars')
    await lars.getByTestId(TestIds.tab('walls')).click()
    // a layout of two tiles, in this order
    await lars.getByRole('button', { name: 'New layout' }).click()
    await lars.getByTestId(TestIds.wallLayoutName).fill('Press office')
    for (const t of WALL_TILES)
      if (t !== 'statement' && t !== 'alerts') await lars.getByTestId(TestIds.wallLayoutTile(t)).uncheck()
    await lars.getByTestId(TestIds.wallLayoutSave).click()
    await expect(lars.getByRole('button', { name: 'Press office' })).toBeVisible()
    await lars.getByTestId(TestIds.wallPairName).fill('Press office TV')
    await lars.getByLabel('layout for the screen').selectOption({ label: 'Press office' })
    await lars.getByTestId(TestIds.wallPairSubmit).click()
    const link = await lars.getByTestId(TestIds.wallPairLink).getAttribute('href')
    expect(link).toMatch(/\/wall#pair=wall\./)

    // the TV: a fresh browser, no session; its layout shows it speaks with the screen's own token
    const tv = await app.newScreen({ width: 1920, height: 1080 })
    await tv.goto(link!)
    await expect(tv.getByTestId(TestIds.wall)).toBeVisible()
    await expect(tv.locator('.tile-slot')).toHaveCount(2)
    await expect(tv.locator('.tile-slot').nth(0)).toHaveAttribute('data-tile', 'alerts')
    await expect(tv.locator('.tile-slot').nth(1)).toHaveAttribute('data-tile', 'statement')
    expect(tv.url()).not.toContain('pair=') // the token leaves the address bar

    // viewer-only: the screen's token reads the wall and nothing else
    const token = link!.split('pair=')[1]
    const as = (path: string, init: RequestInit = {}) =>
      fetch(`${app.httpUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: app.httpUrl }
      })
    expect((await as('/api/wall')).status).toBe(200)
    expect((await as('/api/incidents')).status).toBe(403)
    expect(
      (await as('/api/incidents', { method: 'POST', body: JSON.stringify({ name: 'x', severity: 'SEV1' }) })).status
    ).toBe(403)

    await lars.getByTestId(TestIds.wallDeviceRevoke(1)).click()
    await expect(tv.getByTestId(TestIds.wallUnpaired)).toBeVisible({ timeout: 15_000 })
    await expect(tv.getByTestId(TestIds.wallUnpaired)).toContainText('unpaired')
    expect((await as('/api/wall')).status).toBe(401)
  })

  test('a severe alert holds a banner on the wall until someone acknowledges it from a console', async ({ app }) => {
    const lars = await app.signIn('lars')
    // lars works in another window, with desktop notifications turned on: the browser's
    // notifications are recorded rather than shown
    await lars.context().grantPermissions(['notifications'], { origin: app.httpUrl })
    await lars.evaluate(() => {
      const shown: { title: string; body?: string }[] = []
      const Real = window.Notification
      const Recorded = function (title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body })
        return { close() {}, onclick: null }
      } as unknown as typeof Notification
      Object.defineProperty(Recorded, 'permission', { get: () => Real.permission })
      Recorded.requestPermission = () => Real.requestPermission()
      Object.assign(window, { Notification: Recorded, shownNotifications: shown })
      document.hasFocus = () => false
    })
    await lars.getByTestId(TestIds.notifyToggle).click()
    await expect(lars.getByTestId(TestIds.notifyToggle)).toHaveAttribute('data-state', 'on')
    await app.openWall()
    const minute = Math.floor(Date.now() / 60_000) * 60_000
    const at = (minutesAgo: number, s: number) => new Date(minute - minutesAgo * 60_000 + s * 1000).toISOString()
    const calm = Array.from(
      { length: 100 },
      (_, i) =>
        liveMentions(
          1,
          { text: 'Which gate for the Oslo flight?', ts: at(27 - Math.floor(i / 4), i % 4), channel: 'facebook' },
          `calm-${i}`
        )[0]
    )
    await app.publish([
      ...calm,
      ...liveMentions(
        80,
        { text: 'Vlucht geannuleerd, gestrand op Schiphol #aswolk', channel: 'twitter', ts: at(2, 30) },
        'surge'
      )
    ])
    const banner = app.page.getByTestId(TestIds.wallAlertBanner)
    await expect(banner).toContainText('SEVERE SPIKE')
    await expect(lars.getByTestId(TestIds.consoleAlertBanner)).toContainText('SEVERE SPIKE')
    const shown = () =>
      lars.evaluate(
        () => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications
      )
    await expect
      .poll(shown)
      .toEqual([{ title: 'Spike alert', body: expect.stringMatching(/^Severe spike: mentions\/min \d+ against/) }])
    await lars.getByTestId(TestIds.consoleAlertAck).click()
    await expect(banner).toHaveCount(0)
    await expect(lars.getByTestId(TestIds.consoleAlertBanner)).toHaveCount(0)
    await expect(app.page.getByTestId(TestIds.wallAlerts)).toContainText('seen by lars')
  })
})
