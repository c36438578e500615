// Wall benchmarks (wall issue), in Chromium driven by Playwright against a real `serve`:
// - frame budget under a steady stream: long tasks over 50 ms per minute (PerformanceObserver
//   'longtask' in the page) and the time from publishing a batch to the wall's total showing
//   it (a MutationObserver stamps each change), p50/p99; the run is also recorded as a
//   Playwright trace;
// - soak: 72 hours of mentions replayed at high speed, the renderer's heap (after a forced
//   GC, through the DevTools protocol) after the first hour against the end: the ratio is
//   the figure (target <= 1.5).
import os from 'node:os'
import path from 'node:path'
import mqtt from 'mqtt'
import type { RunningServe } from './ingest-bench'
import { percentiles } from './queue-bench'
import { findChromium } from '../../core/review/render-pdf'

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]
const TEXTS = [
  'Flight cancelled, stranded at AMS overnight. Nobody answers?',
  'Can I rebook for free?',
  'Thanks for the hotel voucher',
  'Vlucht geannuleerd, wat nu?',
  'Is the website down again?'
]
const CHANNELS = ['twitter', 'facebook', 'sms', 'forum', 'news'] as const

const mention = (run: string, i: number, tsMs: number) => ({
  id: `${run}-${i}`,
  channel: CHANNELS[i % CHANNELS.length],
  author: { handle: `p${i % 5000}`, followers: (i * 7919) % 100_000 },
  text: TEXTS[i % TEXTS.length],
  ts: new Date(tsMs).toISOString()
})

type Playwright = typeof import('playwright-core')

/** Long tasks as the page sees them, and each change of the wall's total stamped with the wall clock. */
const PAGE_PROBES = `
  window.__longTasks = []
  window.__totals = []
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration) }).observe({ type: 'longtask', buffered: true })
  const watch = () => {
    const el = document.querySelector('[data-testid="wall-total"]')
    if (!el) return void setTimeout(watch, 50)
    new MutationObserver(() => window.__totals.push([Date.now(), Number((el.textContent || '0').replace(/\\D/g, ''))])).observe(el, { childList: true, characterData: true, subtree: true })
  }
  watch()
`
const shownAtLeast = (total: number) =>
  `Number((document.querySelector('[data-testid="wall-total"]')?.textContent || '').replace(/\\D/g, '')) >= ${total}`

async function openWall(serve: RunningServe) {
  const chromiumPath = findChromium()
  let pw: Playwright
  try {
    pw = await import('playwright-core')
  } catch (err) {
    return {
      skipped: `playwright-core could not be loaded (a development dependency): ${(err as Error).message}`
    } as const
  }
  if (!chromiumPath) return { skipped: 'no Chromium on this machine' } as const
  const browser = await pw.chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS })
  // bypassCSP: the probes are evaluated as text, which the wall's own CSP (rightly) forbids
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, bypassCSP: true })
  const page = await context.newPage()
  // runs in the page (as text: this file is compiled for Node, not the DOM)
  await page.addInitScript({ content: PAGE_PROBES })
  await page.goto(`${serve.httpUrl}/wall`)
  await page.waitForSelector('[data-testid="wall-total"]')
  return { browser, context, page }
}

export async function measureWallFrames(serve: RunningServe, rate: number, seconds: number) {
  const opened = await openWall(serve)
  if ('skipped' in opened) return opened
  const { browser, context, page } = opened
  const client = await mqtt.connectAsync(serve.mqttUrl)
  const tracePath = path.join(os.tmpdir(), `crisis-wall-trace-${Date.now()}.zip`)
  try {
    await context.tracing.start({ screenshots: false, snapshots: false })
    const batchEvery = 50
    const perBatch = Math.max(1, Math.round((rate * batchEvery) / 1000))
    const sent: [number, number][] = [] // [publish time, cumulative count]
    let n = 0
    const start = Date.now()
    await page.evaluate('window.__longTasks.length = 0')
    for (let b = 0; Date.now() - start < seconds * 1000; b++) {
      const due = start + b * batchEvery
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()))
      const batch = Array.from({ length: perBatch }, () => mention('frames', n++, Date.now()))
      sent.push([Date.now(), n])
      await client.publishAsync('crisis/in/mentions', JSON.stringify(batch), { qos: 1 })
    }
    // every batch shown
    await page.waitForFunction(shownAtLeast(n), undefined, { timeout: 60_000 })
    const { longTasks, totals } = (await page.evaluate(
      '({ longTasks: window.__longTasks, totals: window.__totals })'
    )) as { longTasks: number[]; totals: [number, number][] }
    await context.tracing.stop({ path: tracePath })
    const latencies = sent
      .map(([t, count]) => (totals.find(([, shown]) => shown >= count)?.[0] ?? NaN) - t)
      .filter(Number.isFinite)
    const minutes = seconds / 60
    return {
      rate,
      seconds,
      longTasksOver50msPerMinute: Number((longTasks.filter((d) => d > 50).length / minutes).toFixed(1)),
      longestTaskMs: Math.round(Math.max(0, ...longTasks)),
      ingestToWall: percentiles(latencies),
      trace: tracePath
    }
  } finally {
    await client.endAsync()
    await browser.close()
  }
}

export async function measureWallSoak(serve: RunningServe, hours: number, perMinute: number) {
  const opened = await openWall(serve)
  if ('skipped' in opened) return opened
  const { browser, context, page } = opened
  const cdp = await context.newCDPSession(page)
  const client = await mqtt.connectAsync(serve.mqttUrl)
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage')
    return (await cdp.send('Runtime.getHeapUsage')).usedSize
  }
  try {
    const t0 = Date.now() - hours * 3600_000
    let n = 0
    let afterFirstHour = 0
    const started = Date.now()
    for (let minute = 0; minute < hours * 60; minute++) {
      const batch = Array.from({ length: perMinute }, (_, k) => mention('soak', n++, t0 + minute * 60_000 + k * 1000))
      await client.publishAsync('crisis/in/mentions', JSON.stringify(batch), { qos: 1 })
      if (minute === 59) {
        await page.waitForFunction(shownAtLeast(n), undefined, { timeout: 60_000 })
        afterFirstHour = await heap()
      }
    }
    await page.waitForFunction(shownAtLeast(n), undefined, { timeout: 120_000 })
    const end = await heap()
    const wallSeconds = (Date.now() - started) / 1000
    return {
      hoursReplayed: hours,
      mentions: n,
      speed: Math.round((hours * 3600) / wallSeconds),
      heapAfterFirstHourMb: Number((afterFirstHour / 1048576).toFixed(1)),
      heapAtEndMb: Number((end / 1048576).toFixed(1)),
      ratio: Number((end / afterFirstHour).toFixed(2)),
      target: '<= 1.5'
    }
  } finally {
    await client.endAsync()
    await browser.close()
  }
}
