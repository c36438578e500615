// `crisis-console import FILE` as a user runs it against a running console: a Brandwatch-
// style CSV and JSON lines go in through the broker like any source, every rejected row is
// named with its reason, and importing the same file again stores nothing twice.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Result } from '../../shared/result'
import type { Health } from '../../shared/api'
import { openDb } from '../../electron/core/store/db'
import { asLocal, startTestEngine } from '../support/test-engine'
import { runCli } from '../support/serve-process'
import { makeTempDir } from '../support/temp-dir'

let cleanup: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

const CSV = [
  'Date,Title,Full Text,Url,Page Type,Author,Twitter Followers,Language',
  '2010-04-17 09:14:00.0,,"Vlucht geannuleerd, wat nu? #aswolk",https://twitter.com/jan/status/1,twitter,@jan,1200,nl',
  '2010-04-17 09:15:00.0,,"Stranded in Oslo, ""no answer"" on the phone",https://www.facebook.com/posts/2,facebook,kari,300,en',
  '2010-04-17 09:16:00.0,Forum post,"Any news about SAS flights?",https://forum.example/t/3,forums,olle,0,sv',
  '2010-04-17 09:17:00.0,,,https://twitter.com/x/status/4,twitter,empty,1,en',
  'yesterday,,Some text,https://twitter.com/y/status/5,twitter,y,1,en',
  '2010-04-17 09:18:00.0,,"Follower count is odd",https://twitter.com/z/status/6,twitter,z,lots,en'
].join('\n')

const JSONL = [
  JSON.stringify({
    id: 'own-1',
    channel: 'sms',
    author: { handle: '+31600000000', followers: 0 },
    text: 'Is my flight cancelled?',
    ts: '2010-04-17T09:20:00Z'
  }),
  JSON.stringify({
    published: '2010-04-17T09:21:00+02:00',
    content: 'Talkwalker-style row',
    url: 'https://news.example/a',
    source_type: 'ONLINENEWS',
    extra_author_attributes: { name: 'Reporter' },
    lang: 'en'
  }),
  '{not json',
  JSON.stringify([1, 2]),
  JSON.stringify({
    id: 'own-2',
    channel: 'sms',
    author: { handle: '+31600000001', followers: 0 },
    text: 'Typed the wrong year',
    ts: '2099-04-17T09:22:00Z'
  })
].join('\n')

describe('crisis-console import', () => {
  it('takes a listening-tool CSV and JSON lines through the broker, names each rejected row, and dedupes a re-import', async () => {
    const engine = await startTestEngine()
    cleanup.push(() => engine.dispose())
    const tmp = makeTempDir('import')
    cleanup.push(tmp.remove)
    const csv = path.join(tmp.dir, 'brandwatch.csv')
    fs.writeFileSync(csv, `\ufeff${CSV}`)
    const jsonl = path.join(tmp.dir, 'export.jsonl')
    fs.writeFileSync(jsonl, JSONL)

    const r = await runCli(['import', csv, '--broker', engine.broker.url, '--time-zone', 'Europe/Amsterdam'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`imported 3 of 6 rows from ${csv}`)
    expect(r.stderr.trim().split('\n')).toEqual([
      'line 5: no text (looked for a text, content, snippet or message column)',
      'line 6: ts: "yesterday" is not a date-time',
      'line 7: followers: "lots" is not a number'
    ])
    const j = await runCli(['import', jsonl, '--broker', engine.broker.url])
    expect(j.code).toBe(1)
    expect(j.stdout).toContain('imported 2 of 5 rows')
    expect(j.stderr.trim().split('\n')).toEqual([
      'line 3: not JSON',
      'line 4: not an object',
      expect.stringMatching(/^line 5: ts: 2099-04-17T09:22:00\.000Z is \d+ years ahead of this console's clock/)
    ])

    const db = await openDb(engine.dbFile, { readonly: true })
    cleanup.push(() => db.close())
    const rows = await db.all<{
      channel: string
      id: string
      author_handle: string
      followers: number
      lang: string | null
      ts_ms: number
    }>('SELECT channel, id, author_handle, followers, lang, ts_ms FROM mentions ORDER BY ts_ms')
    expect(rows.map((m) => [m.channel, m.author_handle, m.followers, m.lang])).toEqual([
      ['twitter', 'jan', 1200, 'nl'],
      ['facebook', 'kari', 300, 'en'],
      ['forum', 'olle', 0, 'sv'],
      ['news', 'unknown', 0, 'en'], // 09:21 in UTC+2 comes before 09:20 UTC
      ['sms', '+31600000000', 0, null]
    ])
    // the zoneless dates were read in Amsterdam time (CEST, UTC+2)
    expect(new Date(rows[0].ts_ms).toISOString()).toBe('2010-04-17T07:14:00.000Z')
    expect(rows[0].id).toBe('url:https://twitter.com/jan/status/1')

    // the same file again: sent again, stored once
    expect((await runCli(['import', csv, '--broker', engine.broker.url, '--time-zone', 'Europe/Amsterdam'])).code).toBe(
      1
    )
    const health = (await engine.dispatch('health', {}, asLocal)) as Result<Health>
    expect(health.ok && health.value.mentions).toBe(5)
  })

  it('refuses bad arguments with one line and exit code 2', async () => {
    const tmp = makeTempDir('import')
    cleanup.push(tmp.remove)
    const file = path.join(tmp.dir, 'x.xlsx')
    fs.writeFileSync(file, 'x')
    for (const [args, message] of [
      [['import'], /import needs a FILE/],
      [['import', path.join(tmp.dir, 'missing.csv')], /no such file/],
      [['import', file], /say --format csv or --format jsonl/],
      [['import', file, '--format', 'xml'], /--format: "xml" is not one of csv, jsonl/],
      [['import', file, '--format', 'csv', '--time-zone', 'Mars/Olympus'], /not an IANA time zone/]
    ] as const) {
      const r = await runCli([...args])
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(message)
    }
  })
})
