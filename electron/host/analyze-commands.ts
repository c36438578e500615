// `crisis-console sentiment` (DESIGN 4.1): reads {"text": ...} lines, writes each back with
// lang, sentiment and score. A bad line is reported on stderr with its number and written
// nowhere; every good line is still scored. Exit 0 when all lines were good, 1 otherwise.
import fs from 'node:fs'
import readline from 'node:readline'
import { parse as parseCsv } from 'csv-parse/sync'
import { LANGUAGE_TAG, parseIsoInstant } from '../../shared/mention'
import { detectLanguage } from '../core/analyze/language'
import { analyzeSentiment } from '../core/analyze/sentiment'
import { DEFAULT_SERIES_OPTIONS, SeriesDetector } from '../core/analyze/series-detector'
import { pointsPerDay } from '../core/analyze/spike-detector'
import { nestingProblem } from '../../shared/json-depth'
import { writeWhole } from './export-command'
import { parse, UsageError } from './cli-args'

const HELP = `Usage: crisis-console sentiment --in TEXTS.jsonl --out SCORED.jsonl

Each input line is a JSON object with a "text" string (other fields are kept, and a "lang"
field, when given, is used instead of detection: a language tag such as "nl" or "pt-BR";
anything else makes the line a bad one). Each output line is the same object with
"lang", "sentiment" (positive, neutral or negative) and "score" (-1..1).`

export async function sentimentCommand(args: string[]): Promise<number> {
  const o = parse(args, { in: { type: 'string' }, out: { type: 'string' } })
  if (o.help) {
    process.stdout.write(`${HELP}\n`)
    return 0
  }
  if (!o.in || !o.out) throw new UsageError('sentiment needs --in FILE and --out FILE')
  if (!fs.existsSync(o.in)) throw new UsageError(`--in ${o.in}: no such file`)
  const tmp = `${o.out}.partial`
  fs.rmSync(tmp, { force: true }) // a leftover would keep its own mode
  const out = fs.createWriteStream(tmp, { flags: 'w', mode: 0o600 }) // texts of the public: owner only
  await new Promise(
    (resolve, reject) => (
      out.once('open', resolve),
      out.once('error', (e) => reject(new UsageError(`--out ${o.out}: ${e.message}`)))
    )
  )
  let n = 0
  let bad = 0
  for await (const line of readline.createInterface({
    input: fs.createReadStream(o.in, 'utf8'),
    crlfDelay: Infinity
  })) {
    n++
    if (!line.trim()) continue
    const tooDeep = nestingProblem(line)
    if (tooDeep) {
      bad++
      process.stderr.write(`line ${n}: ${tooDeep}\n`)
      continue
    }
    let doc: Record<string, unknown>
    try {
      doc = JSON.parse(line)
    } catch {
      bad++
      process.stderr.write(`line ${n}: not JSON\n`)
      continue
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc) || typeof doc.text !== 'string') {
      bad++
      process.stderr.write(`line ${n}: needs a "text" string\n`)
      continue
    }
    const given = doc.lang === undefined || doc.lang === null || doc.lang === '' ? null : doc.lang
    if (given !== null && !(typeof given === 'string' && LANGUAGE_TAG.test(given))) {
      bad++
      process.stderr.write(
        `line ${n}: "lang" must be a language tag such as "nl" or "pt-BR" (or left out, to detect it)\n`
      )
      continue
    }
    const lang = given ?? detectLanguage(doc.text).lang
    const s = analyzeSentiment(doc.text, lang)
    if (!out.write(`${JSON.stringify({ ...doc, lang, sentiment: s.label, score: s.score })}\n`))
      await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject)
    out.end(() => resolve())
  })
  fs.renameSync(tmp, o.out) // never a half-written output file
  if (bad) process.stderr.write(`${bad} of ${n} lines rejected\n`)
  return bad ? 1 : 0
}

export interface SeriesRow {
  /** the timestamp as written, echoed back unchanged */
  raw: string
  t: number
  value: number
}

/**
 * A `timestamp,value` CSV, as spreadsheets and monitoring tools write it: quoted cells, a
 * byte-order mark and CRLF are fine, and a header line is optional. A header naming
 * `timestamp` and `value` columns (any case, any order, other columns beside them) picks
 * them; otherwise the first two columns are read. Gaps are fine; duplicate timestamps and
 * timestamps going back in time are scored in file order, with a warning naming the line
 * (real exports have them: NAB's own files do). A value that isn't a number, a timestamp
 * that isn't one or a malformed line is one clear error naming the line.
 */
export function readSeries(
  text: string
): { ok: true; rows: SeriesRow[]; warnings: string[] } | { ok: false; error: string } {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parseCsv(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true
    }) as unknown as typeof records
  } catch (err) {
    return { ok: false, error: (err as Error).message.replace(/^Invalid Record Length: |^CSV_\w+: /, '') }
  }
  const rows: SeriesRow[] = []
  const warnings: string[] = []
  let [ts, val] = [0, 1]
  const first = records[0]?.record
  if (first && first.length >= 2 && parseTimestamp(first[0]) === null && !Number.isFinite(Number(first[1]))) {
    // a header (no timestamp and no number: "yesterday,4" is a bad first row, not a header): the columns it names, else the first two
    const names = first.map((c) => c.toLowerCase())
    if (names.includes('timestamp') && names.includes('value'))
      [ts, val] = [names.indexOf('timestamp'), names.indexOf('value')]
    records = records.slice(1)
  }
  for (const { record, info } of records) {
    const line = info.lines
    if (record.length <= Math.max(ts, val))
      return { ok: false, error: `line ${line}: expected "timestamp,value", got "${record.join(',').slice(0, 80)}"` }
    const raw = record[ts]
    const t = parseTimestamp(raw)
    if (t === null)
      return {
        ok: false,
        error: `line ${line}: "${raw.slice(0, 40)}" is not a timestamp (ISO 8601 such as 2024-04-17 09:00:00, or Unix seconds)`
      }
    const cell = record[val]
    const value = cell === '' ? NaN : Number(cell)
    if (!Number.isFinite(value))
      return { ok: false, error: `line ${line}: value "${cell.slice(0, 40)}" is not a number` }
    if (rows.length && t < rows[rows.length - 1].t)
      warnings.push(`line ${line}: ${raw} is earlier than the line before it; scored in file order`)
    rows.push({ raw, t, value })
  }
  return { ok: true, rows, warnings }
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * Milliseconds since the epoch, or null. ISO 8601 dates and times, without a zone read as
 * UTC (NAB's files are written that way); all digits are Unix time, in seconds below 10^11
 * and milliseconds above (no series is sampled in the year 5138). Date.parse alone would
 * take "1" or "May 5" for dates.
 */
function parseTimestamp(raw: string): number | null {
  const iso = ISO_TIME.exec(raw)
  if (iso) return parseIsoInstant(`${iso[1]}T${iso[2] ?? '00:00'}${iso[3] ?? 'Z'}`) // which checks the day exists
  if (/^\d{1,16}(\.\d+)?$/.test(raw)) {
    const n = Number(raw)
    return n < 1e11 ? n * 1000 : n
  }
  return null
}

/** A detector for this series: daily season from its typical sampling step (the median of its first steps). */
export function detectorFor(rows: readonly SeriesRow[], counts: boolean): SeriesDetector {
  const steps = rows
    .slice(1, 50)
    .map((r, i) => r.t - rows[i].t)
    .sort((a, b) => a - b)
  return new SeriesDetector({ pointsPerDay: pointsPerDay(steps[steps.length >> 1] ?? 0), counts })
}

// the figures come from the detector's defaults, so the help cannot drift from them
const D = DEFAULT_SERIES_OPTIONS
const rows = (n: number) => n.toLocaleString('en-US')
const DETECT_HELP = `Usage: crisis-console detect --in SERIES.csv --out SCORES.csv [--counts]

Reads a "timestamp,value" series and writes "timestamp,value,anomaly_score" (0..1), each
score using only that row and the ones before it: how unusual the latest few rows are
against the series' own history, and the same for the sums of ${D.block} rows, of ${D.block ** 2}, and so
on (a series that starts to spike more often moves the sums). A value beyond the whole
range read so far (by more than ${Math.round(D.recordTolerance * 100)}% of that range, once ${rows(D.window)} rows have been read)
scores 1. A score above ${D.trigger} is a detection; the ${rows(D.hold)} rows after it score 0 (one
event, one detection), and while a detection is among the last ${rows(D.alarmMemory)} rows the next
one needs twice the evidence (a series that keeps firing is noisier than it looks).
--counts treats values as counts (mention volumes): a change within Poisson noise of the
level is not a spike. A daily season is used when the series is sampled at most hourly,
and a weekly one once a week of it has been read.

The input is CSV (quoted cells and a header line allowed; a header naming "timestamp" and
"value" picks those columns, else the first two are read). Timestamps are ISO 8601 (UTC
when no zone is given) or Unix seconds (milliseconds from 10^11 up).`

export async function detectCommand(args: string[]): Promise<number> {
  const o = parse(args, { in: { type: 'string' }, out: { type: 'string' }, counts: { type: 'boolean' } })
  if (o.help) {
    process.stdout.write(`${DETECT_HELP}\n`)
    return 0
  }
  if (!o.in || !o.out) throw new UsageError('detect needs --in FILE and --out FILE')
  if (!fs.existsSync(o.in)) throw new UsageError(`--in ${o.in}: no such file`)
  const series = readSeries(fs.readFileSync(o.in, 'utf8'))
  if (!series.ok) throw new UsageError(`--in ${o.in}: ${series.error}`)
  for (const w of series.warnings) process.stderr.write(`--in ${o.in}: ${w}\n`)
  const detector = detectorFor(series.rows, Boolean(o.counts))
  const lines = [
    'timestamp,value,anomaly_score',
    ...series.rows.map((r) => `${r.raw},${r.value},${detector.push(r.value).score}`)
  ]
  writeWhole(o.out, `${lines.join('\n')}\n`)
  return 0
}
