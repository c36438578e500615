// The post-incident review, end to end: a drill incident driven through the real API on an
// engine clock the test controls (replay, spike alert, statement, approval, broadcast
// confirmed by a gateway, replies, notes, resolve), then exported in every format. The
// metrics are checked against values worked out by hand from the drill below; the PDF is
// rendered with pdftoppm and the HTML opened in Chromium with the network cut off.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../shared/api'
import type { ExportedFile, ReviewDocument } from '../../shared/review'
import type { Mention } from '../../shared/mention'
import { replay } from '../../electron/core/drill/replay'
import type { DrillEvent } from '../../electron/core/drill/ash-cloud'
import { openDb } from '../../electron/core/store/db'
import { startTeamHost, type Member } from '../support/team-host'
import { makeTempDir } from '../support/temp-dir'
import { runCli } from '../support/serve-process'
import { startGateways } from '../../electron/host/gateway-sim'
import { OUTBOUND_CHANNELS } from '../../shared/channel-rules'
import { CHROMIUM_ARGS, systemChromium } from '../support/chromium.js'

const MIN = 60_000
/** 23:30 in Amsterdam (CEST): the incident runs past midnight there, so every line carries its date */
const S = Date.UTC(2010, 3, 16, 21, 30)
const at = (minutes: number) => S + minutes * MIN
const isoAt = (minutes: number) => new Date(at(minutes)).toISOString()

const CALM = [
  'Any news on flights to Oslo tomorrow?',
  'Which terminal for Bergen?',
  'Thanks for the help with my luggage',
  'Is the lounge open tonight?'
]
const SURGE = 'Vlucht geannuleerd, gestrand op Schiphol met kinderen #aswolk'

/** The drill: 4 calm mentions a minute from T-30 to T+69 on Facebook (20 regulars), the first
 * mention of ash at T-10, and 120 Dutch travellers on Twitter in the minute from T+20. */
function drill(): Mention[] {
  const out: Mention[] = []
  for (let m = -30; m < 70; m++) {
    for (let k = 0; k < 4; k++)
      out.push({
        id: `calm-${m}-${k}`,
        channel: 'facebook',
        author: { handle: `regular${(m * 4 + k + 400) % 20}`, followers: 50 },
        text: CALM[k],
        ts: new Date(at(m) + k * 10_000).toISOString()
      })
  }
  out.push({
    id: 'signal',
    channel: 'twitter',
    author: { handle: 'volcanowatch', followers: 90_000 },
    text: 'Ash from Eyjafjallajökull is drifting towards Scandinavia',
    ts: new Date(at(-10) + 30_000).toISOString()
  })
  for (let i = 0; i < 120; i++) {
    const text = i === 0 ? `${SURGE} mail me at jan.devries@example.nl, booking K7XQ2P` : SURGE
    out.push({
      id: `surge-${i}`,
      channel: 'twitter',
      author: { handle: `reiziger${i}`, followers: 100 + i },
      text,
      ts: new Date(at(20) + i * 400).toISOString()
    })
  }
  return out.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts))
}

const asEvents = (mentions: Mention[]): DrillEvent[] =>
  mentions.map((m) => ({
    offsetMs: Date.parse(m.ts) - at(-30),
    payload: Buffer.from(JSON.stringify(m)),
    kind: 'mention'
  }))

let clock = at(0)
let host: Awaited<ReturnType<typeof startTeamHost>>
let pr: Member
let lead: Member
let incidentId: number
const tmp = makeTempDir('review')
const cleanup: (() => Promise<unknown> | unknown)[] = []

const exported = async (format: string, extra: Record<string, unknown> = {}) => {
  const r = await lead.call('POST', `/api/incidents/${incidentId}/export`, { format, ...extra })
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  const file = r.body as ExportedFile
  return { file, bytes: Buffer.from(file.base64, 'base64') }
}

beforeAll(async () => {
  host = await startTeamHost({ now: () => clock })
  cleanup.push(() => host.dispose())
  pr = await host.join('priya', ['pr'])
  lead = await host.join('lars', ['lead'])
  const engineEvents: EngineEvent[] = []
  const waiters: { match: (e: EngineEvent) => boolean; resolve: () => void }[] = []
  host.engine.subscribe((e) => {
    engineEvents.push(e)
    for (const w of waiters.splice(0)) {
      if (w.match(e)) w.resolve()
      else waiters.push(w)
    }
  })
  const next = (match: (e: EngineEvent) => boolean) =>
    engineEvents.some(match) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ match, resolve }))

  // a gateway for every outbound channel, confirming what it gets
  const gw = await startGateways({
    url: host.engine.broker.url,
    dataDir: host.engine.dataDir,
    channels: OUTBOUND_CHANNELS.filter((c) => c !== 'statuspage'),
    answer: (_c, m) => ({ status: 'delivered', externalId: `gw-${m.deliveryId}` })
  })
  cleanup.push(() => gw.close())

  // T+0: the lead opens the incident
  incidentId = (
    await lead.call('POST', '/api/incidents', {
      name: 'Ash cloud drill',
      severity: 'SEV2',
      keywords: ['ash'],
      timeZone: 'Europe/Amsterdam'
    })
  ).body.id

  // T+22: everything up to T+21 arrives through the broker, like any source; the surge minute raises an alert
  const mentions = drill()
  clock = at(22)
  const alerted = next((e) => e.type === 'alert')
  await replay({
    target: { url: host.engine.broker.url },
    topic: 'crisis/in/mentions',
    events: asEvents(mentions.filter((m) => Date.parse(m.ts) < at(22))),
    startMs: at(-30),
    now: () => clock
  })
  await alerted

  // replies from the queue: 2, 4 and 14 minutes after the mentions arrived at T+22
  const store = await openDb(host.engine.dbFile, { readonly: true })
  const seqs = new Map(
    (await store.all<{ id: string; seq: number }>("SELECT id, seq FROM mentions WHERE id LIKE 'surge-%'")).map((r) => [
      r.id,
      r.seq
    ])
  )
  await store.close()
  const seqOf = (id: string) => seqs.get(id)!
  const reply = async (minute: number, id: string, text: string) => {
    clock = at(minute)
    const confirmed = next(
      (e) =>
        e.type === 'delivery' &&
        e.delivery.kind === 'reply' &&
        e.delivery.mentionSeq === seqOf(id) &&
        e.delivery.state === 'confirmed'
    )
    const r = await pr.call('POST', `/api/queue/${seqOf(id)}/reply`, { text })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    await confirmed // the gateway's receipt lands before the clock moves on
  }
  await reply(24, 'surge-0', 'We are sorry, Jan. Please send us a direct message with your booking.')

  // T+25 drafted, T+30 approved (next update promised for T+60), T+31 broadcast, confirmed by the gateways
  clock = at(25)
  const statement = (
    await pr.call('POST', '/api/statements', {
      incident: incidentId,
      texts: [
        {
          channel: 'x',
          lang: 'en',
          text: 'All flights from AMS are cancelled tonight. Rebook for free at example.com/rebook. Next update 01:00.'
        },
        {
          channel: 'facebook',
          lang: 'en',
          text: 'All flights from AMS are cancelled tonight because of the ash cloud. Rebook for free at example.com/rebook. Next update at 01:00.'
        }
      ],
      nextUpdateAt: isoAt(60)
    })
  ).body
  await reply(26, 'surge-1', 'Sorry to hear this. Hotel vouchers are at the transfer desk.')
  clock = at(30)
  expect((await lead.call('POST', `/api/statements/${statement.id}/approve`, { revision: 1 })).status).toBe(200)
  clock = at(31)
  const confirmed = Promise.all(
    ['x', 'facebook'].map((c) =>
      next(
        (e) =>
          e.type === 'delivery' &&
          e.delivery.kind === 'statement' &&
          e.delivery.channel === c &&
          e.delivery.state === 'confirmed'
      )
    )
  )
  expect(
    (await lead.call('POST', `/api/statements/${statement.id}/broadcast`, { channels: ['x', 'facebook'] })).status
  ).toBe(200)
  await confirmed
  await reply(36, 'surge-2', 'Rebooking is free; see example.com/rebook.')

  // T+40 a note from the queue for the review; T+50 a note about T+15, written later
  clock = at(40)
  expect(
    (
      await pr.call('POST', `/api/queue/${seqOf('surge-3')}/note`, {
        text: 'Families with small children stranded: ask ground staff',
        forTimeline: true
      })
    ).status
  ).toBe(200)
  clock = at(50)
  expect(
    (
      await lead.call('POST', `/api/incidents/${incidentId}/timeline`, {
        text: 'Call centre lines went down',
        occurredAt: '2010-04-16T23:45:00+02:00'
      })
    ).status
  ).toBe(200)

  // T+71: the rest of the drill arrives; T+90 the estimate's factors; T+100 resolved
  clock = at(71)
  await replay({
    target: { url: host.engine.broker.url },
    topic: 'crisis/in/mentions',
    events: asEvents(mentions.filter((m) => Date.parse(m.ts) >= at(22))),
    startMs: at(-30),
    now: () => clock
  })
  const total = mentions.length
  await next((e) => e.type === 'sentiment' && e.upToSeq >= total) // every mention analyzed
  clock = at(90)
  expect(
    (
      await lead.call('POST', `/api/incidents/${incidentId}/review-factors`, {
        callShare: 0.4,
        costPerCall: 6.5,
        currency: 'EUR'
      })
    ).status
  ).toBe(200)
  clock = at(100)
  expect((await lead.call('POST', `/api/incidents/${incidentId}/resolve`, {})).status).toBe(200)
  clock = at(130) // exported half an hour after resolution
}, 60_000)

afterAll(async () => {
  for (const c of cleanup.reverse()) await c()
  tmp.remove()
})

describe('post-incident review export', () => {
  it('JSON: every event in order at its own time, and the metrics worked out by hand', async () => {
    const { file, bytes } = await exported('json')
    expect(file).toMatchObject({
      fileName: `incident-${incidentId}-ash-cloud-drill.json`,
      mediaType: 'application/json'
    })
    const doc = JSON.parse(bytes.toString('utf8')) as ReviewDocument
    expect(doc).toMatchObject({
      schema: 'crisis-console/incident-review',
      version: 1,
      timeZone: 'Europe/Amsterdam',
      redacted: false,
      generatedAt: isoAt(130)
    })
    expect(doc.incident).toMatchObject({
      id: incidentId,
      name: 'Ash cloud drill',
      severity: 'SEV2',
      startedAt: isoAt(0),
      resolvedAt: isoAt(100),
      lead: 'lars'
    })

    const times = doc.events.map((e) => Date.parse(e.at))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    const when = (type: string) => doc.events.filter((e) => e.type === type).map((e) => e.at)
    expect(when('mention.first')).toEqual([new Date(at(-10) + 30_000).toISOString()])
    expect(when('incident.created')).toEqual([isoAt(0)])
    expect(when('alert.spike')).toEqual([isoAt(20)])
    expect(when('statement.drafted')).toEqual([isoAt(25)])
    expect(when('statement.approved')).toEqual([isoAt(30)])
    expect(when('statement.broadcast')).toEqual([isoAt(31)])
    expect(when('queue.replied')).toEqual([isoAt(24), isoAt(26), isoAt(36)])
    expect(when('delivery.confirmed')).toEqual([isoAt(24), isoAt(26), isoAt(31), isoAt(31), isoAt(36)])
    expect(when('incident.resolved')).toEqual([isoAt(100)])
    const notes = doc.events.filter((e) => e.type === 'note')
    expect(notes.map((n) => [n.at, n.recordedAt, n.actor])).toEqual([
      [isoAt(15), isoAt(50), 'lars'],
      [isoAt(40), isoAt(40), 'priya']
    ])
    expect(notes[1].summary).toBe('Note on twitter @reiziger3: Families with small children stranded: ask ground staff')
    const alert = doc.events.find((e) => e.type === 'alert.spike')!
    expect(alert.summary).toMatch(/^Severe spike: mentions\/min 124 against 4 expected; driven by twitter, nl/)

    const m = doc.metrics
    expect(m.firstSignalAt).toBe(new Date(at(-10) + 30_000).toISOString())
    expect(m.msToFirstApprovedStatement).toBe(40 * MIN - 30_000)
    expect(m.msToFirstBroadcast).toBe(41 * MIN - 30_000)
    expect(m.responses).toEqual({
      answered: 3,
      p50Ms: 4 * MIN,
      p90Ms: 14 * MIN,
      slaMinutes: 30,
      slaBreaches: 0,
      stillOpenPastSla: 208 + 1 + 120 - 3
    })
    expect(m.promises).toMatchObject({ kept: 0, broken: 1, closed: 0, open: 0 })
    expect(m.mentions).toBe(70 * 4 + 120)
    expect(m.peak).toEqual({ minute: isoAt(20), count: 124 })
    expect(m.uniqueVoices).toBe(20 + 120)
    expect(m.deliveries).toEqual({ confirmed: 2, failed: 0, unconfirmed: 0, pending: 0, other: 0, notConfirmed: [] })
    expect(m.callCentre).toEqual({
      peopleAnsweredOnSocial: 3,
      callShare: 0.4,
      costPerCall: 6.5,
      currency: 'EUR',
      callsAvoided: 1.2,
      costAvoided: 7.8
    })

    // languages, and volume and negative share around the broadcast, from the mentions themselves
    const db = await openDb(host.engine.dbFile, { readonly: true })
    expect(m.languages).toEqual(
      await db.all(
        "SELECT coalesce(detected_lang, lang, 'und') AS lang, count(*) AS count FROM mentions WHERE ts_ms >= ? AND ts_ms < ? GROUP BY 1 ORDER BY 2 DESC, 1",
        [at(0), at(100)]
      )
    )
    expect(m.languages.find((l) => l.lang === 'nl')?.count).toBeGreaterThanOrEqual(120)
    const negativeShare = async (from: number, to: number) => {
      const r = (await db.get<{ neg: number; n: number }>(
        "SELECT sum(sentiment_label = 'negative') AS neg, count(*) AS n FROM mentions WHERE ts_ms >= ? AND ts_ms < ?",
        [at(from), at(to)]
      ))!
      return Math.round((r.neg / r.n) * 1000) / 1000
    }
    const [b] = m.broadcasts
    expect(b.at).toBe(isoAt(31))
    expect(b.windows[0]).toEqual({
      minutes: 30,
      before: { perMinute: 8, negativeShare: await negativeShare(1, 31), elapsedMinutes: 30 },
      after: { perMinute: 4, negativeShare: await negativeShare(31, 61), elapsedMinutes: 30 }
    })
    expect(b.windows[1]).toEqual({
      minutes: 60,
      before: { perMinute: 6, negativeShare: await negativeShare(-29, 31), elapsedMinutes: 60 },
      after: { perMinute: 2.6, negativeShare: await negativeShare(31, 91), elapsedMinutes: 60 }
    })
    // the words that went out, per channel, and when each was confirmed
    expect(b.published).toEqual([
      {
        channel: 'x',
        lang: 'en',
        text: 'All flights from AMS are cancelled tonight. Rebook for free at example.com/rebook. Next update 01:00.',
        subject: null,
        state: 'confirmed',
        confirmedAt: isoAt(31),
        reason: null
      },
      {
        channel: 'facebook',
        lang: 'en',
        text: 'All flights from AMS are cancelled tonight because of the ash cloud. Rebook for free at example.com/rebook. Next update at 01:00.',
        subject: null,
        state: 'confirmed',
        confirmedAt: isoAt(31),
        reason: null
      }
    ])
    await db.close()
    expect(doc.series).toHaveLength(101)
  })

  it("tells its caller how far it has come, as export events under the caller's job id", async () => {
    const events = await lead.listen()
    cleanup.push(() => events.close())
    const done = events.next((e) => e.type === 'export' && e.jobId === 'job-1' && e.fraction === 1)
    const first = events.next((e) => e.type === 'export' && e.jobId === 'job-1')
    await exported('html', { jobId: 'job-1' })
    expect(await first).toMatchObject({ phase: 'timeline' })
    expect(await done).toMatchObject({ phase: 'done' })
  })

  it('Markdown and CSV: one declared zone plus UTC (or UTC alone), dates on every line, one CSV row per event', async () => {
    const md = (await exported('md')).bytes.toString('utf8')
    expect(md).toContain('Times are in Europe/Amsterdam (UTC+02:00), with UTC beside them; the incident spans days')
    expect(md).toContain(
      '| 2010-04-16 23:30 | 2010-04-16 21:30 | incident | lars | Incident opened: "Ash cloud drill", SEV2 |'
    )
    expect(md).toContain(
      '| 2010-04-17 00:01 | 2010-04-16 22:01 | statement | lars | Statement "Statement" r1 broadcast to x, facebook |'
    )
    expect(md).toContain('(written 2010-04-17 00:20)')
    // in UTC itself, each time once rather than the same time twice
    const utc = (await exported('md', { timeZone: 'UTC' })).bytes.toString('utf8')
    expect(utc).toContain('- Times are in UTC\n') // and, on one day in UTC, without dates
    expect(utc).toContain('| UTC | Kind | Who | What |\n| --- | --- | --- | --- |')
    expect(utc).toContain('| 21:30 | incident | lars | Incident opened: "Ash cloud drill", SEV2 |')
    expect(utc).toContain('| First approved statement | 22:00 UTC, 39 min 30 s after the first signal |')
    expect(utc).toContain('- Started 2010-04-16 21:30 UTC;')
    expect(utc).not.toContain(' UTC (')
    const csv = (await exported('csv')).bytes.toString('utf8').trimEnd().split('\r\n')
    const json = JSON.parse((await exported('json')).bytes.toString('utf8')) as ReviewDocument
    expect(csv[0]).toBe('occurred_utc,occurred_local (Europe/Amsterdam),recorded_utc,kind,type,actor,summary')
    expect(csv).toHaveLength(json.events.length + 1)
    expect(csv[1]).toMatch(
      /^2010-04-16T21:20:30.000Z,2010-04-16 23:20,2010-04-16T21:20:30.000Z,signal,mention.first,listening,"First mention: twitter @volcanowatch/
    )
  })

  it('redaction replaces handles, e-mail addresses and booking codes in quoted mentions', async () => {
    const plain = (await exported('md')).bytes.toString('utf8')
    for (const secret of ['@reiziger3', '@volcanowatch', 'jan.devries@example.nl', 'K7XQ2P'])
      expect(plain).toContain(secret)
    const md = (await exported('md', { redact: true })).bytes.toString('utf8')
    for (const secret of ['reiziger', 'volcanowatch', 'jan.devries@example.nl', 'K7XQ2P'])
      expect(md).not.toContain(secret)
    expect(md).toContain('@\\[handle\\]')
    expect(md).toContain('personal data in quoted mentions is redacted')
  })

  it('HTML opens in Chromium with no network access: the chart is drawn and nothing is fetched', async () => {
    const file = path.join(tmp.dir, 'review.html')
    fs.writeFileSync(file, (await exported('html')).bytes)
    const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS })
    try {
      const context = await browser.newContext({ offline: true })
      const page = await context.newPage()
      const requests: string[] = []
      page.on('request', (r) => requests.push(r.url()))
      const errors: string[] = []
      page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()))
      await page.goto(`file://${file}`)
      await expect.poll(() => page.locator('svg path').count()).toBeGreaterThan(1)
      expect(await page.locator('svg text', { hasText: 'B1' }).count()).toBe(1)
      expect(await page.locator('h1').textContent()).toContain('Ash cloud drill')
      expect(requests).toEqual([`file://${file}`])
      expect(errors).toEqual([])
    } finally {
      await browser.close()
    }
  })

  it('PDF renders with pdftoppm, with the chart on page 1', async () => {
    const { file, bytes } = await exported('pdf')
    expect(file.mediaType).toBe('application/pdf')
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const pdf = path.join(tmp.dir, 'review.pdf')
    fs.writeFileSync(pdf, bytes)
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '40', pdf, path.join(tmp.dir, 'page')])
    const ppm = fs.readFileSync(
      fs
        .readdirSync(tmp.dir)
        .filter((f) => f.startsWith('page') && f.endsWith('.ppm'))
        .map((f) => path.join(tmp.dir, f))[0]
    )
    // P6 header: magic, width, height, max value, then RGB bytes
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))!
    const pixels = ppm.subarray(header[0].length)
    let chartBlue = 0
    for (let i = 0; i < pixels.length; i += 3)
      if (Math.abs(pixels[i] - 0x0f) < 40 && Math.abs(pixels[i + 1] - 0x7d) < 40 && Math.abs(pixels[i + 2] - 0xb9) < 40)
        chartBlue++
    expect(chartBlue).toBeGreaterThan(50) // the volume area, in the chart's blue, on page 1
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('Post-incident review: Ash cloud drill')
    expect(text).toContain('mentions/min')
  })

  it('the CLI writes the same export, and refuses bad input with one line, exit code 2 and no file', async () => {
    const out = path.join(tmp.dir, 'cli.md')
    const ok = await runCli([
      'export',
      '--data',
      host.engine.dataDir,
      '--incident',
      String(incidentId),
      '--format',
      'md',
      '--out',
      out
    ])
    expect(ok.code, ok.stderr).toBe(0)
    expect(fs.readFileSync(out, 'utf8')).toContain('# Post-incident review: Ash cloud drill')
    expect(fs.statSync(out).mode & 0o777).toBe(0o600) // it quotes the public and names the team

    // an incident with no events at all (as an old store may hold)
    const db = await openDb(host.engine.dbFile)
    const empty = (await db.run("INSERT INTO incidents (name, drill, started_ms) VALUES ('empty', 0, ?)", [at(0)]))
      .lastID
    await db.close()

    const refused = async (args: string[], message: RegExp, target = path.join(tmp.dir, 'refused.md')) => {
      const r = await runCli(['export', '--data', host.engine.dataDir, ...args])
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(message)
      expect(fs.existsSync(target)).toBe(false)
    }
    const base = (id: number | string, format = 'md', out = path.join(tmp.dir, 'refused.md')) => [
      '--incident',
      String(id),
      '--format',
      format,
      '--out',
      out
    ]
    await refused(base(9999), /no incident 9999/)
    await refused(base(incidentId, 'docx'), /--format: "docx" is not one of md, html, pdf, json, csv/)
    await refused(
      base(incidentId, 'md', '/nonexistent-dir/review.md'),
      /cannot write in \/nonexistent-dir/,
      '/nonexistent-dir/review.md'
    )
    await refused(base(empty), new RegExp(`incident ${empty} has no events to export`))
    await refused(base('abc'), /--incident: "abc" is not a whole number/)
    expect((await lead.call('POST', '/api/incidents/9999/export', { format: 'md' })).status).toBe(404)
    expect((await lead.call('POST', `/api/incidents/${incidentId}/export`, { format: 'docx' })).status).toBe(400)
  })
})

describe('a review taken while the incident runs', () => {
  it("counts only the minutes that have passed, quotes what went out, names what is not confirmed, and the console's timeline says it in words", async () => {
    let now = Date.UTC(2026, 11, 7, 21, 0)
    const live = await startTeamHost({ now: () => now })
    cleanup.push(() => live.dispose())
    const [priya, lars] = [await live.join('priya', ['pr']), await live.join('lars', ['lead'])]
    // sms is confirmed by its gateway; the displays' gateway takes messages but never answers
    const gw = await startGateways({
      url: live.engine.broker.url,
      dataDir: live.engine.dataDir,
      channels: ['sms', 'voice'],
      answer: (c) => (c === 'sms' ? { status: 'delivered' } : null)
    })
    cleanup.push(() => gw.close())
    const incident = (await lars.call('POST', '/api/incidents', { name: 'Outage', severity: 'SEV2' })).body.id
    const texts = [
      { channel: 'sms', lang: 'en', text: 'Our website is down. Call 020 123 4567. Next update 22:00.' },
      { channel: 'voice', lang: 'en', text: 'Our website is down. Next update at ten.' }
    ]
    const s = (
      await priya.call('POST', '/api/statements', {
        incident,
        title: 'Website down',
        texts,
        nextUpdateAt: '2026-12-07T22:00:00Z'
      })
    ).body
    expect((await lars.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })).status).toBe(200)
    const events = await lars.listen()
    cleanup.push(() => events.close())
    const smsConfirmed = events.next(
      (e) => e.type === 'delivery' && e.delivery.channel === 'sms' && e.delivery.state === 'confirmed'
    )
    const voiceAccepted = events.next(
      (e) => e.type === 'delivery' && e.delivery.channel === 'voice' && e.delivery.state === 'accepted'
    )
    expect((await priya.call('POST', `/api/statements/${s.id}/broadcast`, { channels: ['sms', 'voice'] })).status).toBe(
      200
    )
    await Promise.all([smsConfirmed, voiceAccepted])
    now += 5 * MIN + 20_000 // five whole minutes after the broadcast

    const doc = JSON.parse(
      Buffer.from(
        (await lars.call('POST', `/api/incidents/${incident}/export`, { format: 'json' })).body.base64,
        'base64'
      ).toString('utf8')
    ) as ReviewDocument
    const [b] = doc.metrics.broadcasts
    expect(b.windows.map((w) => [w.minutes, w.after.elapsedMinutes])).toEqual([
      [30, 5],
      [60, 5]
    ])
    expect(b.published.map((v) => [v.channel, v.text, v.state])).toEqual([
      ['sms', texts[0].text, 'confirmed'],
      ['voice', texts[1].text, 'accepted']
    ])
    expect(doc.metrics.deliveries).toMatchObject({
      confirmed: 1,
      pending: 1,
      unconfirmed: 0,
      notConfirmed: [
        {
          channel: 'voice',
          lang: 'en',
          state: 'accepted',
          reason: 'taken by the platform or broker, awaiting its receipt',
          title: 'Website down'
        }
      ]
    })

    for (const format of ['md', 'html']) {
      const raw = Buffer.from(
        (await lars.call('POST', `/api/incidents/${incident}/export`, { format })).body.base64,
        'base64'
      ).toString('utf8')
      const text = format === 'md' ? raw.replace(/\\(.)/g, '$1') : raw // Markdown escapes its own syntax in cells
      expect(text, format).toContain('(5 of 30 min so far)')
      expect(text, format).toContain('(5 of 60 min so far)')
      expect(text, format).toContain(
        '1 confirmed, 0 failed, 1 still on their way (queued, sending or awaiting a receipt)'
      )
      expect(text, format).toContain('Not confirmed: voice (en)')
      expect(text, format).toContain('Our website is down. Call 020 123 4567. Next update 22:00.')
    }

    // the console's timeline: in words, with the deliveries, as the export tells it
    const timeline = (await lars.call('GET', `/api/incidents/${incident}/timeline`)).body as {
      actor: string
      summary: string
    }[]
    expect(timeline.map((e) => `${e.actor} · ${e.summary}`)).toEqual([
      'lars · Incident opened: "Outage", SEV2',
      'priya · Statement drafted: "Website down"',
      'lars · Statement "Website down" r1 approved',
      'priya · Statement "Website down" r1 broadcast to sms, voice',
      'dispatcher · Confirmed on sms: "Website down" r1 (en): confirmed by the sms gateway'
    ])
  })
})
