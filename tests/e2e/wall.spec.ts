// The wall as the war room sees it: ingested volume, live updates, honesty when the
// engine goes away, and mention text that is shown, never executed.
import { TestIds } from '../../shared/test-ids'
import { expect, liveMentions, test } from './fixtures'

test('the wall shows ingested volume per channel and its total', async ({ app }) => {
  await app.openWall()
  await expect(app.page.getByTestId(TestIds.wallStale)).toHaveAttribute('data-state', 'live')
  await expect(app.page.getByTestId(TestIds.wallTotal)).toHaveText('0')

  await app.publish(liveMentions(30))
  await expect(app.page.getByTestId(TestIds.wallTotal)).toHaveText('30')
  for (const channel of ['twitter', 'facebook', 'sms']) {
    await expect(app.page.getByTestId(TestIds.wallChannelTotal(channel))).toContainText('10')
  }
  const chart = app.page.getByTestId(TestIds.wallVolumeChart)
  await expect(chart.locator('.chart__area')).toHaveCount(3)
  await expect(chart).toHaveAttribute('data-points', '60')
})

test('the wall carries every tile of the contract, and says what each is waiting for', async ({ app }) => {
  await app.openWall()
  for (const id of [TestIds.wall, TestIds.wallVolumeChart, TestIds.wallClock, TestIds.wallStale])
    await expect(app.page.getByTestId(id)).toBeVisible()
  await expect(app.page.getByTestId(TestIds.wallAlerts)).toHaveAttribute('data-state', 'watching')
  await expect(app.page.getByTestId(TestIds.wallAlerts)).toContainText('no spike in the last hour')
  await expect(app.page.getByTestId(TestIds.wallSentiment)).toHaveAttribute('data-state', 'none')
  // no statement approved yet: the tile says so rather than showing an empty box
  await expect(app.page.getByTestId(TestIds.wallStatement)).toHaveAttribute('data-state', 'none')
  await expect(app.page.getByTestId(TestIds.wallStatement)).toContainText(
    /No statement approved yet|No active incident/
  )
})

test('a new mention appears on an open wall without a reload', async ({ app }) => {
  await app.openWall()
  await app.publish(liveMentions(2))
  await expect(app.page.getByTestId(TestIds.wallTotal)).toHaveText('2')
  await app.publish(liveMentions(1, { text: 'Hotel voucher please, we are at CPH' }, 'later'))
  await expect(app.page.getByTestId(TestIds.wallTotal)).toHaveText('3')
  await expect(app.page.getByTestId(TestIds.wallLatest)).toContainText('Hotel voucher please, we are at CPH')
})

test('mentions from a source whose clock runs ahead join an open wall once the present reaches them', async ({
  app
}) => {
  await app.openWall()
  const now = Date.now()
  await app.publish(liveMentions(60, { channel: 'twitter' }, 'now'))
  await expect(app.page.getByTestId(TestIds.wallTotal)).toHaveText('60')
  // an SMS gateway 20 minutes ahead: stored, but not drawn as the future
  await app.publish(liveMentions(3, { channel: 'sms', ts: new Date(now + 20 * 60_000).toISOString() }, 'ahead'))
  await expect(app.page.getByTestId(TestIds.wallTotal)).toHaveText('63') // stored and counted in the total
  await expect(app.page.getByTestId(TestIds.wallChannelTotal('sms'))).toHaveCount(0)
  // a console says which source is ahead, so someone can check its clock
  const operator = await app.newScreen({ width: 1600, height: 1000 })
  await operator.goto(`${app.httpUrl}/`)
  await expect(operator.getByTestId(TestIds.consoleAhead)).toContainText('Dated ahead of the stream: 3 sms')
  // the stream as a whole moves on half an hour (a drill at speed): now they count
  await app.publish(
    Array.from(
      { length: 150 },
      (_, k) =>
        liveMentions(
          1,
          { channel: 'twitter', ts: new Date(now + 30 * 60_000 + k * 100).toISOString() },
          `drill-${k}`
        )[0]
    )
  )
  await expect(app.page.getByTestId(TestIds.wallChannelTotal('sms'))).toContainText('3')
})

test('hostile mention text is shown as text and never runs', async ({ app }) => {
  await app.openWall()
  const hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
  await app.publish(liveMentions(1, { text: hostile }))
  await expect(app.page.getByTestId(TestIds.wallLatest)).toContainText(hostile)
  expect(await app.page.title()).toBe('Crisis Console')
  await expect(app.page.getByTestId(TestIds.wallLatest).locator('img, script')).toHaveCount(0)
})

test('Hebrew mentions read right to left', async ({ app }) => {
  await app.openWall()
  await app.publish(liveMentions(1, { text: 'הטיסה שלי בוטלה בגלל ענן האפר', lang: 'he' }))
  const text = app.page.getByTestId(TestIds.wallLatest).getByText('הטיסה שלי בוטלה')
  await expect(text).toBeVisible()
  expect(await text.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl')
})

test('the stale indicator appears when the engine stops', async ({ app }) => {
  await app.openWall()
  const status = app.page.getByTestId(TestIds.wallStale)
  await expect(status).toHaveText(/connected/)
  await app.killEngine()
  await expect(status).toHaveAttribute('data-state', 'stale')
  await expect(status).toHaveText(/^.?stale since \d{1,2}:\d{2}:\d{2}/)
})

test('the wall shows sentiment over time and the recent negative share, as mentions are analyzed', async ({ app }) => {
  await app.openWall()
  await expect(app.page.getByTestId(TestIds.wallSentiment)).toHaveAttribute('data-state', 'none')
  await app.publish([
    ...liveMentions(6, {}, 'angry'), // "Stranded at AMS, flight N cancelled"
    ...liveMentions(2, { text: 'Thanks for the quick rebooking, great service!' }, 'happy')
  ])
  await expect(app.page.getByTestId(TestIds.wallSentiment)).toHaveAttribute('data-negative-share', '75')
  await expect(app.page.getByTestId(TestIds.wallSentiment)).toContainText('75% negative, last 10 min')
  await expect(app.page.getByTestId(TestIds.wallSentiment).locator('.chart__area')).toHaveCount(3)
  // the two identical thank-yous are one voice
  await expect(app.page.getByTestId(TestIds.wallUniqueVoices)).toHaveAttribute('data-originals', '7')
  await expect(app.page.getByTestId(TestIds.wallUniqueVoices)).toContainText('7 of 8')
})

test('a surge raises a spike alert on the wall, with what rose, as soon as its minute has closed', async ({ app }) => {
  await app.openWall()
  const minute = Math.floor(Date.now() / 60_000) * 60_000
  const at = (minutesAgo: number, s: number) => new Date(minute - minutesAgo * 60_000 + s * 1000).toISOString()
  // 25 calm minutes, then the minute before this one: 80 people in Dutch on Twitter. One
  // message, so the monitor sees the closed minutes whole.
  const calm = Array.from({ length: 100 }, (_, i) => ({
    ...liveMentions(
      1,
      { text: 'Which gate for the Oslo flight?', ts: at(27 - Math.floor(i / 4), i % 4), channel: 'facebook' },
      `calm-${i}`
    )[0]
  }))
  const surge = liveMentions(
    80,
    { text: 'Vlucht geannuleerd, gestrand op Schiphol #aswolk', channel: 'twitter', ts: at(2, 30) },
    'surge'
  )
  await app.publish([...calm, ...surge])
  const tile = app.page.getByTestId(TestIds.wallAlerts)
  await expect(tile).toHaveAttribute('data-state', 'alerting')
  await expect(tile.locator('[data-severity="severe"]')).toContainText('▲▲ SEVERE')
  await expect(tile).toContainText('mentions/min 80 against 4 expected')
  await expect(tile).toContainText('#aswolk')
})
