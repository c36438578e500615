// `crisis-console export` (DESIGN 4.1): the post-incident review of one incident as a file.
// Reads the store read-only (a running console may keep serving); every refusal is one line
// and exit code 2, and the output file appears whole or not at all.
import fs from 'node:fs'
import path from 'node:path'
import { EXPORT_FORMATS } from '../../shared/review'
import { isIanaTimeZone } from '../../shared/time-zone'
import { openDb } from '../core/store/db'
import { DB_FILE_NAME } from '../core/store/open-store'
import { LATEST_VERSION } from '../core/store/migrations'
import { buildReview, ReviewRefused } from '../core/review/build-review'
import { renderReview } from '../core/review/render-review'
import { chromiumPdfPrinter, PdfUnavailable } from '../core/review/render-pdf'
import { parse, parseChoice, parseInteger, UsageError } from './cli-args'
import { defaultDataDir } from './app-paths'
import { progressBar } from './progress-bar'

export const EXPORT_HELP = `Usage: crisis-console export --incident ID --format md|html|pdf|json|csv --out FILE
                             [--data DIR] [--redact] [--time-zone ZONE]

  --incident ID      the incident (its number in the console)
  --format F         md (wiki), html (self-contained, opens offline), pdf (printed by
                     Chromium), json (complete, versioned schema), csv (one row per event)
  --out FILE         where to write; written whole or not at all
  --data DIR         the console's data directory (default: ${defaultDataDir()})
  --redact           replace handles, e-mail addresses, phone numbers and booking codes in
                     quoted mentions, for sharing beyond the team
  --time-zone ZONE   the review's declared zone (default: the incident's own), e.g. Europe/Amsterdam`

export async function exportCommand(args: string[]): Promise<number> {
  const o = parse(args, {
    incident: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    data: { type: 'string' },
    redact: { type: 'boolean' },
    'time-zone': { type: 'string' }
  })
  if (o.help) {
    process.stdout.write(`${EXPORT_HELP}\n`)
    return 0
  }
  if (!o.incident || !o.format || !o.out)
    throw new UsageError('export needs --incident ID, --format FORMAT and --out FILE')
  const incidentId = parseInteger('--incident', o.incident, 1)
  if (incidentId <= 0) throw new UsageError(`--incident: "${o.incident}" is not an incident number`)
  const format = parseChoice('--format', o.format, EXPORT_FORMATS)
  const timeZone = o['time-zone']
  if (timeZone !== undefined && !isIanaTimeZone(timeZone))
    throw new UsageError(`--time-zone: "${timeZone}" is not an IANA time zone such as Europe/Amsterdam`)
  const out = path.resolve(o.out)
  checkWritable(out)

  const dataDir = o.data ?? defaultDataDir()
  const file = path.join(dataDir, DB_FILE_NAME)
  if (!fs.existsSync(file)) throw new UsageError(`--data ${dataDir}: no Crisis Console data there`)
  const db = await openDb(file, { readonly: true })
  try {
    const version = (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0
    if (version !== LATEST_VERSION)
      throw new UsageError(
        `--data ${dataDir}: the store is at schema ${version}, this build reads ${LATEST_VERSION}; start the console once to bring it up to date`
      )
    const bar = progressBar()
    const doc = await buildReview(db, incidentId, {
      nowMs: Date.now(),
      redact: o.redact === true,
      timeZone,
      onProgress: bar
    })
    bar(0.85, `rendering ${format}`)
    const bytes = await renderReview(doc, format, chromiumPdfPrinter)
    writeWhole(out, bytes)
    bar(1, 'done')
    process.stdout.write(`wrote ${out} (${format}, ${bytes.length} bytes, ${doc.events.length} events)\n`)
    if (process.env.CRISIS_REPORT_RSS) process.stderr.write(`maxrss-kb ${process.resourceUsage().maxRSS}\n`) // for the bench
    return 0
  } catch (err) {
    if (err instanceof ReviewRefused || err instanceof PdfUnavailable) throw new UsageError(err.message)
    throw err
  } finally {
    await db.close()
  }
}

/** Refuses before any work when the file could not be written: a missing or read-only directory, or a directory in the way. */
function checkWritable(out: string): void {
  const dir = path.dirname(out)
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out}: is a directory`)
  try {
    fs.accessSync(dir, fs.constants.W_OK)
  } catch {
    throw new UsageError(`--out ${out}: cannot write in ${dir} (missing or not writable)`)
  }
}

/**
 * Written beside the target and renamed into place: a reader never sees half a file. The
 * file is readable by its owner only (0600): a review quotes the public and names the team.
 */
export function writeWhole(out: string, bytes: Buffer | string): void {
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`)
  try {
    fs.rmSync(tmp, { force: true }) // a leftover would keep its own mode
    fs.writeFileSync(tmp, bytes, { mode: 0o600 })
    fs.renameSync(tmp, out)
  } catch (err) {
    fs.rmSync(tmp, { force: true })
    throw new UsageError(`--out ${out}: ${(err as Error).message}`)
  }
}
