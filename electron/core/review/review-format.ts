// How a review writes times, durations and numbers, shared by every rendering: one declared
// zone plus UTC, and the date on every line when the incident spans more than one day in
// that zone (a reviewer must never guess which 03:10 was meant).
import type { ImpactWindow, ReviewDocument } from '../../../shared/review'

export interface TimeWriter {
  /** e.g. "Europe/Amsterdam (UTC+02:00)", or "UTC" */
  zoneLabel: string
  /** the declared zone is UTC itself: one time per line, not the same time twice */
  utcOnly: boolean
  spansDays: boolean
  /** in the declared zone: "09:14" or "2010-04-17 09:14" when the incident spans days */
  local(iso: string): string
  utc(iso: string): string
  /** "09:14 (07:14 UTC)", or "09:14 UTC" when the zone is UTC */
  both(iso: string): string
  /** always with the date, for headers */
  full(iso: string): string
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu'])

// a formatter is costly to make: one per zone, reused for every line of a long timeline
const formatters = new Map<string, Intl.DateTimeFormat>()

function parts(ms: number, timeZone: string): { date: string; time: string } {
  let fmt = formatters.get(timeZone)
  if (!fmt)
    formatters.set(
      timeZone,
      (fmt = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit'
      }))
    )
  const f: Record<string, string> = {}
  for (const p of fmt.formatToParts(new Date(ms))) f[p.type] = p.value
  return { date: `${f.year}-${f.month}-${f.day}`, time: `${f.hour}:${f.minute}` }
}

function offsetLabel(ms: number, timeZone: string): string {
  const name =
    new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  return name === 'GMT' ? 'UTC+00:00' : name.replace('GMT', 'UTC')
}

export function timeWriter(doc: ReviewDocument): TimeWriter {
  const tz = doc.timeZone
  const times = [
    doc.incident.startedAt,
    doc.incident.resolvedAt ?? doc.generatedAt,
    ...doc.events.map((e) => e.at)
  ].map((t) => Date.parse(t))
  const days = new Set(times.map((t) => parts(t, tz).date))
  const utcDays = new Set(times.map((t) => parts(t, 'UTC').date))
  const spansDays = days.size > 1 || utcDays.size > 1
  const utcOnly = UTC_NAMES.has(tz)
  const local = (iso: string) => {
    const p = parts(Date.parse(iso), tz)
    return spansDays ? `${p.date} ${p.time}` : p.time
  }
  const utc = (iso: string) => {
    const p = parts(Date.parse(iso), 'UTC')
    return spansDays ? `${p.date} ${p.time}` : p.time
  }
  return {
    zoneLabel: utcOnly ? 'UTC' : `${tz} (${offsetLabel(Date.parse(doc.incident.startedAt), tz)})`,
    utcOnly,
    spansDays,
    local,
    utc,
    both: (iso) => (utcOnly ? `${utc(iso)} UTC` : `${local(iso)} (${utc(iso)} UTC)`),
    full(iso) {
      const p = parts(Date.parse(iso), tz)
      const u = parts(Date.parse(iso), 'UTC')
      return utcOnly ? `${u.date} ${u.time} UTC` : `${p.date} ${p.time} ${tz} (${u.date} ${u.time} UTC)`
    }
  }
}

/** 1 h 05 min, 4 min 10 s, 12 s */
export function duration(ms: number | null): string {
  if (ms === null) return 'n/a'
  const neg = ms < 0
  let s = Math.round(Math.abs(ms) / 1000)
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  const text = h ? `${h} h ${String(m).padStart(2, '0')} min` : m ? `${m} min${s ? ` ${s} s` : ''}` : `${s} s`
  return neg ? `-${text}` : text
}

export const percent = (share: number | null): string => (share === null ? 'n/a' : `${Math.round(share * 1000) / 10}%`)

export const number = (n: number | null): string => (n === null ? 'n/a' : new Intl.NumberFormat('en-GB').format(n))

/** The metrics as label/value rows, the same in every rendering. */
export function metricRows(doc: ReviewDocument, t: TimeWriter): [string, string][] {
  const m = doc.metrics
  const at = (iso: string | null) => (iso ? t.both(iso) : 'n/a')
  const c = m.callCentre
  return [
    ['First signal', m.firstSignalAt ? `${at(m.firstSignalAt)}: ${m.firstSignalWhat}` : 'n/a'],
    [
      'First approved statement',
      `${at(m.firstApprovedStatementAt)}, ${duration(m.msToFirstApprovedStatement)} after the first signal`
    ],
    ['First broadcast', `${at(m.firstBroadcastAt)}, ${duration(m.msToFirstBroadcast)} after the first signal`],
    [
      'Answered from the queue',
      `${number(m.responses.answered)}; response time p50 ${duration(m.responses.p50Ms)}, p90 ${duration(m.responses.p90Ms)}`
    ],
    [
      'SLA breaches',
      `${number(m.responses.slaBreaches)} answered later than ${m.responses.slaMinutes} min; ${number(m.responses.stillOpenPastSla)} still open past it`
    ],
    [
      'Promises (next-update times)',
      `${m.promises.kept} kept, ${m.promises.broken} broken, ${m.promises.closed} closed by resolution, ${m.promises.open} open`
    ],
    ['Mentions', `${number(m.mentions)}, negative share ${percent(m.negativeShare)}`],
    ['Peak volume', m.peak ? `${number(m.peak.count)} per minute at ${at(m.peak.minute)}` : 'n/a'],
    ['Unique voices', number(m.uniqueVoices)],
    ['Languages', m.languages.length ? m.languages.map((l) => `${l.lang} ${number(l.count)}`).join(', ') : 'n/a'],
    ['Statement deliveries', deliveriesInWords(m.deliveries)],
    ...m.deliveries.notConfirmed.map((d): [string, string] => [
      `Not confirmed: ${d.channel} (${d.lang})`,
      `"${d.title}": ${d.state}${d.reason ? `, ${d.reason}` : ''}`
    ]),
    [
      'Calls taken off the call centre (estimate)',
      c.callsAvoided === null
        ? `${number(c.peopleAnsweredOnSocial)} people answered on social; set the call share and cost per call for an estimate`
        : `${number(c.peopleAnsweredOnSocial)} people answered on social x ${percent(c.callShare)} who would have called = ${number(c.callsAvoided)} calls x ${c.currency} ${c.costPerCall} = ${c.currency} ${number(c.costAvoided)}`
    ]
  ]
}

/** "3 confirmed, 1 failed, 10 unconfirmed (no receipt in time), ...": every outcome named, none hidden. */
export function deliveriesInWords(d: ReviewDocument['metrics']['deliveries']): string {
  const parts = [`${d.confirmed} confirmed`, `${d.failed} failed`]
  if (d.unconfirmed) parts.push(`${d.unconfirmed} unconfirmed (no receipt in time)`)
  if (d.pending) parts.push(`${d.pending} still on their way (queued, sending or awaiting a receipt)`)
  parts.push(`${d.other} cancelled or superseded`)
  return parts.join(', ')
}

/** A window's rate; a window still running says how much of it has passed. */
export function windowRate(w: ImpactWindow, minutes: number): string {
  const rate = w.perMinute === null ? 'n/a' : String(w.perMinute)
  return w.elapsedMinutes < minutes ? `${rate} (${w.elapsedMinutes} of ${minutes} min so far)` : rate
}

/** The words each broadcast published, per channel and language, with what became of them. */
export function publishedRows(
  doc: ReviewDocument,
  t: TimeWriter
): { broadcast: string; channel: string; lang: string; outcome: string; text: string }[] {
  return doc.metrics.broadcasts.flatMap((b, k) =>
    b.published.map((v) => ({
      broadcast: `B${k + 1} ${t.local(b.at)} "${b.title}" r${b.revision}`,
      channel: v.channel,
      lang: v.lang,
      outcome: v.confirmedAt ? `confirmed ${t.local(v.confirmedAt)}` : `${v.state}${v.reason ? `: ${v.reason}` : ''}`,
      text: v.subject ? `${v.subject}: ${v.text}` : v.text
    }))
  )
}
