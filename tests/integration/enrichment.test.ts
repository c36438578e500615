// Enrichment after ingest: every stored mention gets its detected language and sentiment,
// per-minute sentiment reaches consoles as ordered slices, and a restart finishes what was
// left unanalyzed, without holding up the acknowledgement of new mentions.
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import type { EngineEvent, WallSnapshot } from '../../shared/api'
import type { QueueItem } from '../../shared/team'
import type { Result } from '../../shared/result'
import { openDb } from '../../electron/core/store/db'
import { startEngine } from '../../electron/core/engine'
import { asLocal, startTestEngine } from '../support/test-engine'
import { json, mention } from '../support/mentions'
import { makeTempDir } from '../support/temp-dir'

let cleanup: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

const TEXTS = [
  'Flight cancelled, stranded at AMS for hours. Terrible.',
  'Vlucht geannuleerd, schandalig!',
  'Thank you for the quick rebooking, great help!',
  'Where is gate D7?'
]

describe('enrichment', () => {
  it('analyzes every stored mention and pushes per-minute sentiment in order', async () => {
    const engine = await startTestEngine()
    cleanup.push(() => engine.dispose())
    const slices: Extract<EngineEvent, { type: 'sentiment' }>[] = []
    let analyzed = 0
    const done = new Promise<void>((resolve) =>
      engine.subscribe((e) => {
        if (e.type !== 'sentiment') return
        slices.push(e)
        analyzed += e.deltas.reduce((a, d) => a + d.negative + d.neutral + d.positive, 0)
        if (analyzed === 400) resolve()
      })
    )
    const c = await mqtt.connectAsync(engine.broker.url)
    cleanup.push(() => c.endAsync(true))
    for (let batch = 0; batch < 4; batch++) {
      await c.publishAsync(
        'crisis/in/mentions',
        json(Array.from({ length: 100 }, (_, i) => mention(batch * 100 + i, { text: TEXTS[i % 4] }))),
        { qos: 1 }
      )
    }
    await done
    // slices chain: each starts where the one before ended
    for (let i = 1; i < slices.length; i++) expect(slices[i].fromSeq).toBe(slices[i - 1].upToSeq)
    const wall = (await engine.dispatch('wallSnapshot', { minutes: 60 }, asLocal)) as Result<WallSnapshot>
    if (!wall.ok) throw new Error(wall.error.message)
    const totals = wall.value.sentiment.reduce(
      (a, p) => ({
        negative: a.negative + p.negative,
        neutral: a.neutral + p.neutral,
        positive: a.positive + p.positive
      }),
      { negative: 0, neutral: 0, positive: 0 }
    )
    expect(totals).toEqual({ negative: 200, neutral: 100, positive: 100 })
    // four texts, each sent 100 times: one voice each and 99 echoes, except TEXTS[1], too short to call a copy
    expect(wall.value.sentiment.reduce((a, p) => a + p.originals, 0)).toBe(3 + 100)
    const item = async (seq: number) =>
      (await engine.dispatch('queueItem', { seq }, asLocal)) as Result<{ item: QueueItem }>
    const first = await item(1)
    const copy = await item(5)
    expect(first.ok && first.value.item.analysis).toMatchObject({ echoOf: null, echoes: 99 })
    expect(copy.ok && copy.value.item.analysis).toMatchObject({ echoOf: 1, echoes: 99 })
    expect(wall.value.sentimentSeq).toBe(400)
    const db = await openDb(engine.dbFile, { readonly: true })
    cleanup.push(() => db.close())
    expect(
      await db.all('SELECT detected_lang, sentiment_label, count(*) AS n FROM mentions GROUP BY 1, 2 ORDER BY 1, 2')
    ).toEqual([
      { detected_lang: 'en', sentiment_label: 'negative', n: 100 },
      { detected_lang: 'en', sentiment_label: 'neutral', n: 100 },
      { detected_lang: 'en', sentiment_label: 'positive', n: 100 },
      { detected_lang: 'nl', sentiment_label: 'negative', n: 100 }
    ])
  })

  it('after a restart, analyzes what was stored but not yet analyzed', async () => {
    const tmp = makeTempDir('enrich-restart')
    cleanup.push(tmp.remove)
    const first = await startEngine({
      dataDir: tmp.dir,
      broker: { kind: 'embedded', host: '127.0.0.1', port: 0 },
      version: 'test'
    })
    const c = await mqtt.connectAsync(first.broker.url)
    await c.publishAsync(
      'crisis/in/mentions',
      json(Array.from({ length: 50 }, (_, i) => mention(i, { text: TEXTS[i % 4] }))),
      { qos: 1 }
    )
    await c.endAsync()
    await first.stop()
    // as if the engine had died before analyzing them
    const db = await openDb(first.dbFile)
    await db.run('UPDATE mentions SET sentiment_label = NULL, sentiment = NULL, detected_lang = NULL')
    await db.run('DELETE FROM minute_sentiment')
    await db.run('UPDATE enrichment_progress SET up_to_seq = 0')
    await db.close()

    const second = await startEngine({
      dataDir: tmp.dir,
      broker: { kind: 'embedded', host: '127.0.0.1', port: 0 },
      version: 'test'
    })
    cleanup.push(() => second.stop())
    const check = await openDb(second.dbFile, { readonly: true })
    cleanup.push(() => check.close())
    // the analysis starts with the engine and may be done before anyone can subscribe: the
    // stored progress says so, else the event does
    await new Promise<void>((resolve) => {
      const off = second.subscribe((e) => e.type === 'sentiment' && e.upToSeq === 50 && (off(), resolve()))
      void check
        .get<{ s: number }>('SELECT up_to_seq AS s FROM enrichment_progress WHERE id = 1')
        .then((r) => r?.s === 50 && (off(), resolve()))
    })
    expect(await check.get('SELECT count(*) AS n FROM mentions WHERE sentiment_label IS NULL')).toEqual({ n: 0 })
  })
})
