// `crisis-console import FILE` (DESIGN 4.1): CSV or JSONL exports of listening tools into the
// console through the same way in as every source (QoS 1 publishes to <prefix>/in/mentions,
// where the engine validates and stores them again). Each row is checked here first, so
// the summary names every rejected row and why; a progress bar runs on a terminal.
import fs from 'node:fs'
import readline from 'node:readline'
import { Transform } from 'node:stream'
import { parse as parseCsv } from 'csv-parse'
import mqtt from 'mqtt'
import type { Mention } from '../../shared/mention'
import { isIanaTimeZone } from '../../shared/time-zone'
import { topics } from '../../shared/topics'
import { parseBrokerUrl } from '../core/bus/broker-url'
import { rowToMention } from '../core/ingest/listening-export'
import { parseChoice, parseWithPositionals, UsageError } from './cli-args'
import { nestingProblem } from '../../shared/json-depth'
import { progressBar } from './progress-bar'

export const IMPORT_HELP = `Usage: crisis-console import FILE [--format csv|jsonl] [--broker URL] [--time-zone ZONE]

  FILE               a CSV export (Brandwatch, Talkwalker, Meltwater, Sprout Social,
                     Hootsuite... columns are matched by their usual names) or JSON lines
                     (our mention format, or a tool's objects)
  --format F         csv or jsonl (default: from the file's extension)
  --broker URL       the console's broker (default mqtt://127.0.0.1:1883)
  --time-zone ZONE   the zone of dates written without one (e.g. Europe/Amsterdam);
                     without it such rows are rejected rather than guessed

Prints how many were sent and every rejected row with its reason. Exit code 0 when every
row was imported, 1 when some were rejected, 2 for bad arguments.`

/** Mentions per publish, kept well under the engine's 64 KiB payload limit. */
const MAX_BATCH = 200
const MAX_BATCH_BYTES = 48 * 1024
const REJECTS_LISTED = 50

export async function importCommand(args: string[]): Promise<number> {
  const { values: o, positionals } = parseWithPositionals(args, {
    format: { type: 'string' },
    broker: { type: 'string' },
    'time-zone': { type: 'string' }
  })
  if (positionals.length > 1) throw new UsageError(`import takes one FILE; got ${positionals.length}`)
  const file = positionals[0]
  if (o.help) {
    process.stdout.write(`${IMPORT_HELP}\n`)
    return 0
  }
  if (!file) throw new UsageError('import needs a FILE (CSV or JSON lines)')
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file}: no such file`)
  const format = o.format
    ? parseChoice('--format', o.format, ['csv', 'jsonl'] as const)
    : /\.(jsonl|ndjson|json)$/i.test(file)
      ? 'jsonl'
      : /\.(csv|tsv|txt)$/i.test(file)
        ? 'csv'
        : null
  if (!format) throw new UsageError(`${file}: say --format csv or --format jsonl`)
  const timeZone = o['time-zone']
  if (timeZone !== undefined && !isIanaTimeZone(timeZone))
    throw new UsageError(`--time-zone: "${timeZone}" is not an IANA time zone such as Europe/Amsterdam`)
  let target
  try {
    target = parseBrokerUrl(o.broker ?? 'mqtt://127.0.0.1:1883')
  } catch (err) {
    throw new UsageError((err as Error).message)
  }

  const client = await mqtt
    .connectAsync(target.url, {
      username: target.username,
      password: target.password,
      reconnectPeriod: 0,
      connectTimeout: 5000
    })
    .catch((err: Error) => {
      throw new Error(`cannot reach the console's broker at ${target.url}: ${err.message}`)
    })
  const topic = topics().mentionsIn
  const size = fs.statSync(file).size
  let read = 0
  const bar = progressBar()
  const counting = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length
      if (size > 0) bar(read / size)
      done(null, chunk)
    }
  })
  const input = fs.createReadStream(file).pipe(counting)

  let sent = 0
  let rows = 0
  const rejects: string[] = []
  let batch: Mention[] = []
  let batchBytes = 0
  const flush = async () => {
    if (!batch.length) return
    await client.publishAsync(topic, JSON.stringify(batch), { qos: 1 }) // resolves once stored
    sent += batch.length
    batch = []
    batchBytes = 0
  }
  const take = async (line: number, raw: unknown) => {
    rows++
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return void rejects.push(`line ${line}: not an object`)
    const r = rowToMention(raw as Record<string, unknown>, { timeZone })
    if ('error' in r) return void rejects.push(`line ${line}: ${r.error}`)
    const bytes = Buffer.byteLength(JSON.stringify(r.mention))
    if (batch.length >= MAX_BATCH || batchBytes + bytes > MAX_BATCH_BYTES) await flush()
    batch.push(r.mention)
    batchBytes += bytes
  }
  try {
    if (format === 'csv') {
      const parser = input.pipe(
        parseCsv({
          columns: true,
          bom: true,
          relax_column_count: true,
          skip_empty_lines: true,
          info: true,
          delimiter: [',', ';', '\t']
        })
      )
      for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>)
        await take(rec.info.lines, rec.record)
    } else {
      let n = 0
      for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
        n++
        if (!line.trim()) continue
        const tooDeep = nestingProblem(line)
        if (tooDeep) {
          rows++
          rejects.push(`line ${n}: ${tooDeep}`)
          continue
        }
        let doc: unknown
        try {
          doc = JSON.parse(line)
        } catch {
          rows++
          rejects.push(`line ${n}: not JSON`)
          continue
        }
        await take(n, doc)
      }
    }
    await flush()
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message.split('\n')[0]} (${sent} mentions were sent before this)`)
  } finally {
    bar(1)
    await client.endAsync()
  }
  for (const r of rejects.slice(0, REJECTS_LISTED)) process.stderr.write(`${r}\n`)
  if (rejects.length > REJECTS_LISTED) process.stderr.write(`... and ${rejects.length - REJECTS_LISTED} more\n`)
  process.stdout.write(
    `imported ${sent} of ${rows} rows from ${file} into ${target.url}${rejects.length ? `; ${rejects.length} rejected` : ''} (the console stores each channel and id once)\n`
  )
  return rejects.length ? 1 : 0
}
