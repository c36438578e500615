// Review-export benchmark (review issue): a 72-hour incident with 2 million mentions and
// 5,000 timeline events, exported in every format by the real CLI in a child process each,
// so time and peak memory are the export's own. The reference, measured in the same run, is
// one plain read of every mention of the incident: the ratio says how many such reads an
// export costs.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Channel } from '../../../shared/mention'
import { CHANNELS } from '../../../shared/mention'
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/review'
import { openStore } from '../../core/store/open-store'
import { openDb } from '../../core/store/db'
import { insertMentions, type MentionRow } from '../../core/store/mentions-repo'
import { enqueueMentions } from '../../core/queue/queue-repo'
import { findChromium } from '../../core/review/render-pdf'

const HOURS = 72
const TEXTS = [
  'Flight cancelled, stranded at AMS overnight. Nobody answers?',
  'Can I rebook for free?',
  'Thanks for the hotel voucher, great service',
  'Vlucht geannuleerd, wat nu?',
  'Lento peruttu, mitä nyt?',
  'Is the website down again?'
]
const LABELS = ['negative', 'neutral', 'positive', 'negative', 'negative', 'neutral'] as const
const LANGS = ['en', 'en', 'en', 'nl', 'fi', 'en'] as const
const EVENT_TYPES = [
  'note',
  'incident.severity',
  'statement.drafted',
  'statement.approved',
  'statement.broadcast',
  'alert.spike'
] as const

/** Seeds the incident; returns its id and how long seeding took. */
export async function seedExportIncident(
  dataDir: string,
  mentions: number,
  events: number
): Promise<{ incidentId: number; seedSeconds: number }> {
  const t0 = performance.now()
  const store = await openStore(dataDir, 'NORMAL')
  const start = Date.UTC(2026, 10, 20, 6, 0)
  const span = HOURS * 3600_000
  const db = store.writerDb
  try {
    const batch = 20_000
    for (let from = 0; from < mentions; from += batch) {
      const rows: MentionRow[] = []
      for (let i = from; i < Math.min(mentions, from + batch); i++) {
        rows.push({
          channel: CHANNELS[i % CHANNELS.length] as Channel,
          id: `x${i}`,
          tsMs: start + Math.floor((i / mentions) * span),
          handle: `person${i % 150_000}`,
          followers: (i * 7919) % 200_000,
          lang: LANGS[i % LANGS.length],
          text: TEXTS[i % TEXTS.length],
          doc: '{}'
        })
      }
      await db.transaction(async () => {
        const stored = await insertMentions(db, rows, rows[0].tsMs)
        await enqueueMentions(db, stored.inserted, rows[0].tsMs)
      })
    }
    // analyzed as the enricher would have left them (this measures the export, not the analysis)
    await db.transaction(async () => {
      await db.run(
        `UPDATE mentions SET detected_lang = lang, sentiment_label = CASE seq % 6 ${LABELS.map((l, k) => `WHEN ${(k + 1) % 6} THEN '${l}'`).join(' ')} END, sentiment = 0`
      )
      await db.run('UPDATE enrichment_progress SET up_to_seq = (SELECT max(seq) FROM mentions)')
      await db.run(`INSERT INTO minute_sentiment (minute_ms, negative, neutral, positive)
        SELECT ts_ms / 60000 * 60000, sum(sentiment_label = 'negative'), sum(sentiment_label = 'neutral'), sum(sentiment_label = 'positive') FROM mentions GROUP BY 1`)
      await db.run(
        'INSERT INTO minute_lang (minute_ms, lang, count) SELECT ts_ms / 60000 * 60000, detected_lang, count(*) FROM mentions GROUP BY 1, 2'
      )
      // one reply in fifty, answered within the hour
      await db.run(
        "UPDATE queue_items SET status = 'replied', handled_ms = arrival_ms + (mention_seq % 60) * 60000 WHERE mention_seq % 50 = 0"
      )
    })
    const incidentId = await db.transaction(async () => {
      const { lastID } = await db.run(
        "INSERT INTO incidents (name, drill, started_ms, resolved_ms, severity, keywords, time_zone) VALUES ('Bench: 72-hour ash cloud', 0, ?, ?, 'SEV1', '[\"ash\"]', 'Europe/Amsterdam')",
        [start, start + span]
      )
      const rows = Array.from({ length: events }, (_, k) => {
        const type = EVENT_TYPES[k % EVENT_TYPES.length]
        const at = start + Math.floor((k / events) * span)
        return [
          lastID,
          at,
          at,
          `member${k % 12}`,
          type,
          JSON.stringify({
            text: `Update ${k}: gates reopened at pier ${k % 9}`,
            title: `Statement ${k}`,
            revision: 1,
            to: 'SEV1',
            summary: `Spike ${k}`
          })
        ]
      })
      await db.run(
        `INSERT INTO incident_events (incident_id, at_ms, occurred_ms, actor, type, data) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?)`,
        [JSON.stringify(rows)]
      )
      return lastID
    })
    return { incidentId, seedSeconds: (performance.now() - t0) / 1000 }
  } finally {
    await store.close()
  }
}

interface FormatResult {
  ms: number
  peakRssMb: number
  bytes: number
  ratioToReferenceScan: number
}

export async function measureExports(
  dataDir: string,
  incidentId: number,
  bin: string
): Promise<{ referenceScanMs: number; formats: Partial<Record<ExportFormat, FormatResult | { skipped: string }>> }> {
  const referenceScanMs = await referenceScan(dataDir)
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-export-bench-'))
  const formats: Partial<Record<ExportFormat, FormatResult | { skipped: string }>> = {}
  try {
    for (const format of EXPORT_FORMATS) {
      if (format === 'pdf' && !findChromium()) {
        formats.pdf = { skipped: 'no Chromium on this machine' }
        continue
      }
      const file = path.join(out, `review.${format}`)
      const t0 = performance.now()
      const { code, stderr } = await run(
        process.execPath,
        [bin, 'export', '--data', dataDir, '--incident', String(incidentId), '--format', format, '--out', file],
        { CRISIS_REPORT_RSS: '1' }
      )
      const ms = performance.now() - t0
      if (code !== 0) throw new Error(`export ${format} failed: ${stderr.trim()}`)
      const rss = Number(/maxrss-kb (\d+)/.exec(stderr)?.[1] ?? NaN)
      formats[format] = {
        ms: Math.round(ms),
        peakRssMb: Math.round(rss / 1024),
        bytes: fs.statSync(file).size,
        ratioToReferenceScan: Number((ms / referenceScanMs).toFixed(2))
      }
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true })
  }
  return { referenceScanMs: Math.round(referenceScanMs), formats }
}

/** One read of every mention's text and author over the incident's span. */
async function referenceScan(dataDir: string): Promise<number> {
  const db = await openDb(path.join(dataDir, 'crisis-console.sqlite'), { readonly: true })
  try {
    const t0 = performance.now()
    await db.get('SELECT sum(length(text)), count(DISTINCT author_handle) FROM mentions')
    return performance.now() - t0
  } finally {
    await db.close()
  }
}

function run(
  cmd: string,
  args: string[],
  env: Record<string, string>
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => resolve({ code, stderr }))
  })
}
