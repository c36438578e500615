// The post-incident review of one incident, read from the engine's own records: its
// timeline (incident events, spike alerts, statements, every delivery outcome, queue
// actions, notes) and the metrics a review asks for. Everything is read in one read
// transaction, so the document describes one moment. Aggregates come from the per-minute
// tables, so a 72-hour incident with millions of mentions costs a few indexed scans.
import { describeAlert, type AlertDrivers, type AlertSeverity, type AlertTrigger } from '../../../shared/alerts'
import { redactPersonalData } from '../../../shared/personal-data'
import type { DeliveryState } from '../../../shared/broadcast'
import {
  REVIEW_SCHEMA,
  REVIEW_SCHEMA_VERSION,
  type BroadcastImpact,
  type ImpactWindow,
  type PublishedVariant,
  type PromiseRecord,
  type ReviewDocument,
  type ReviewEvent,
  type ReviewEventKind,
  type ReviewMetrics,
  type ReviewSeriesPoint
} from '../../../shared/review'
import type { Incident } from '../../../shared/team'
import { MINUTE_MS, minuteOf } from '../../../shared/volume'
import type { Db } from '../store/db'
import { getIncident, incidentEvents } from '../store/incidents-repo'

export class ReviewRefused extends Error {
  constructor(
    readonly code: 'not_found' | 'empty',
    message: string
  ) {
    super(message)
  }
}

export interface ReviewOptions {
  nowMs: number
  /** replace personal data in quoted mentions (handles, e-mail, phone numbers, booking codes) */
  redact: boolean
  /** the review's declared zone; default the incident's own */
  timeZone?: string
  onProgress?: (fraction: number, phase: string) => void
}

/** How far before the incident's start its first signal is looked for. */
const SIGNAL_LOOKBACK_MS = 24 * 3600_000

const iso = (ms: number) => new Date(ms).toISOString()

/** The incident's timeline in words, as the review tells it (the console shows it live). */
export async function reviewTimeline(db: Db, incidentId: number, nowMs: number): Promise<ReviewEvent[]> {
  return db.transaction(async () => {
    const incident = await getIncident(db, incidentId)
    if (!incident) throw new ReviewRefused('not_found', `no incident ${incidentId}`)
    const endMs = incident.resolvedAt ? Date.parse(incident.resolvedAt) : nowMs
    return (
      await timeline(db, incident, {
        startMs: Date.parse(incident.startedAt),
        endMs,
        quote: (t) => t,
        progress: () => {}
      })
    ).events
  }, 'DEFERRED')
}

export async function buildReview(db: Db, incidentId: number, o: ReviewOptions): Promise<ReviewDocument> {
  return db.transaction(async () => {
    const progress = o.onProgress ?? (() => {})
    const incident = await getIncident(db, incidentId)
    if (!incident) throw new ReviewRefused('not_found', `no incident ${incidentId}`)
    const startMs = Date.parse(incident.startedAt)
    const endMs = incident.resolvedAt ? Date.parse(incident.resolvedAt) : o.nowMs
    const quote = o.redact ? redactPersonalData : (t: string) => t

    progress(0.05, 'timeline')
    const { events, own, firstMention } = await timeline(db, incident, { startMs, endMs, quote, progress })
    if (events.length === 0) throw new ReviewRefused('empty', `incident ${incidentId} has no events to export`)
    const outcomes = await deliveryOutcomes(db, incidentId)

    progress(0.5, 'series')
    const series = await minuteSeries(db, startMs, endMs)
    progress(0.65, 'metrics')
    const metrics = await computeMetrics(db, incident, {
      startMs,
      endMs,
      nowMs: o.nowMs,
      series,
      own,
      firstMention,
      outcomes,
      quote
    })
    progress(0.8, 'metrics')
    return {
      schema: REVIEW_SCHEMA,
      version: REVIEW_SCHEMA_VERSION,
      generatedAt: iso(o.nowMs),
      timeZone: o.timeZone ?? incident.timeZone,
      redacted: o.redact,
      incident: {
        id: incident.id,
        name: incident.name,
        drill: incident.drill,
        severity: incident.severity,
        startedAt: incident.startedAt,
        resolvedAt: incident.resolvedAt,
        lead: incident.lead?.name ?? null
      },
      metrics,
      series,
      events
    }
  }, 'DEFERRED')
}

/**
 * The incident's timeline in words, oldest first: its own events, the first mention, every
 * delivery outcome and the queue's replies and marks. The export and the console's
 * timeline both read it, so they tell the same story.
 */
async function timeline(
  db: Db,
  incident: Incident,
  o: {
    startMs: number
    endMs: number
    quote: (t: string) => string
    progress: (fraction: number, phase: string) => void
  }
) {
  const { startMs, endMs, quote, progress } = o
  const incidentId = incident.id
  const events: ReviewEvent[] = []
  const add = (atMs: number, kind: ReviewEventKind, type: string, actor: string, summary: string, recordedMs = atMs) =>
    events.push({
      at: iso(atMs),
      recordedAt: iso(recordedMs),
      kind,
      type,
      actor,
      summary: summary.replace(/\s+/g, ' ').trim()
    })

  const own = await incidentEvents(db, incidentId)
  for (const e of own) {
    const [kind, summary] = describeEvent(e.type, e.data, quote)
    add(Date.parse(e.occurredAt), kind, e.type, e.actor, summary, Date.parse(e.at))
  }
  if (own.length === 0) return { events, own, firstMention: null }

  const firstMention = await firstSignalMention(db, incident, startMs, endMs)
  if (firstMention) {
    add(
      firstMention.ts_ms,
      'signal',
      'mention.first',
      'listening',
      quote(`First mention: ${firstMention.channel} @${firstMention.author_handle}: "${clip(firstMention.text, 280)}"`)
    )
  }

  progress(0.2, 'deliveries')
  const deliveries = await db.all<{
    id: number
    kind: string
    channel: string
    lang: string
    statement_id: number | null
    revision: number | null
    title: string | null
    author: string | null
    state: string
    detail: string | null
    at_ms: number
  }>(
    `SELECT d.id, d.kind, d.channel, d.lang, d.statement_id, d.revision, s.title, m.author_handle AS author, e.state, e.detail, e.at_ms
       FROM deliveries d
       JOIN delivery_events e ON e.delivery_id = d.id
       LEFT JOIN statements s ON s.id = d.statement_id
       LEFT JOIN mentions m ON m.seq = d.mention_seq
      WHERE e.state IN ('confirmed', 'unconfirmed', 'failed', 'cancelled', 'superseded')
        AND ((d.kind = 'statement' AND d.broadcast_id IN (SELECT id FROM broadcasts WHERE incident_id = ?1))
          OR (d.kind = 'reply' AND d.created_ms >= ?2 AND d.created_ms <= ?3))
      ORDER BY e.at_ms, e.id`,
    [incidentId, startMs, endMs]
  )
  for (const d of deliveries) {
    const what =
      d.kind === 'statement' ? `"${d.title}" r${d.revision} (${d.lang})` : quote(`reply to @${d.author ?? '?'}`)
    add(
      d.at_ms,
      'delivery',
      `delivery.${d.state}`,
      'dispatcher',
      `${capitalize(d.state)} on ${d.channel}: ${what}${d.detail ? `: ${d.detail}` : ''}`
    )
  }

  progress(0.35, 'queue')
  const queueActions = await db.all<{
    type: string
    actor: string
    data: string
    at_ms: number
    channel: string
    author: string
    text: string
  }>(
    `SELECT e.type, e.actor, e.data, e.at_ms, m.channel, m.author_handle AS author, m.text
       FROM queue_events e JOIN queue_items q ON q.mention_seq = e.mention_seq JOIN mentions m ON m.seq = e.mention_seq
      WHERE q.arrival_ms >= ? AND q.arrival_ms <= ? AND e.type IN ('replied', 'marked', 'escalated', 'assigned', 'note')
        AND NOT (e.type = 'note' AND e.data->>'forTimeline')
      ORDER BY e.at_ms, e.id`,
    [startMs, endMs]
  )
  for (const q of queueActions) {
    const data = JSON.parse(q.data) as Record<string, unknown>
    add(
      q.at_ms,
      'queue',
      `queue.${q.type}`,
      q.actor,
      describeQueueAction(q.type, data, `${q.channel} @${q.author}`, q.text, quote)
    )
  }
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  return { events, own, firstMention }
}

interface MentionRow {
  ts_ms: number
  channel: string
  author_handle: string
  text: string
}

/** The earliest mention that concerns the incident: one with its keywords (a day before its start at most), else the first in its span. */
async function firstSignalMention(
  db: Db,
  incident: Incident,
  startMs: number,
  endMs: number
): Promise<MentionRow | null> {
  const keywords = incident.keywords.map((k) => k.toLowerCase()).filter(Boolean)
  if (keywords.length) {
    // walk forward in time (mentions_ts) and stop at the first match: no full scan in the usual case
    const like = keywords.map(() => 'instr(lower(text), ?) > 0').join(' OR ')
    const row = await db.get<MentionRow>(
      `SELECT ts_ms, channel, author_handle, text FROM mentions WHERE ts_ms >= ? AND ts_ms <= ? AND (${like}) ORDER BY ts_ms LIMIT 1`,
      [startMs - SIGNAL_LOOKBACK_MS, endMs, ...keywords]
    )
    if (row) return row
  }
  return (
    (await db.get<MentionRow>(
      'SELECT ts_ms, channel, author_handle, text FROM mentions WHERE ts_ms >= ? AND ts_ms <= ? ORDER BY ts_ms LIMIT 1',
      [startMs, endMs]
    )) ?? null
  )
}

async function minuteSeries(db: Db, startMs: number, endMs: number): Promise<ReviewSeriesPoint[]> {
  const from = minuteOf(startMs)
  const [volume, sentiment] = await Promise.all([
    db.all<{ minute_ms: number; n: number }>(
      'SELECT minute_ms, sum(count) AS n FROM minute_volume WHERE minute_ms >= ? AND minute_ms <= ? GROUP BY minute_ms',
      [from, endMs]
    ),
    db.all<{ minute_ms: number; negative: number; neutral: number; positive: number }>(
      'SELECT minute_ms, negative, neutral, positive FROM minute_sentiment WHERE minute_ms >= ? AND minute_ms <= ?',
      [from, endMs]
    )
  ])
  const byMinute = new Map<number, ReviewSeriesPoint>()
  for (let m = from; m <= endMs; m += MINUTE_MS)
    byMinute.set(m, { minute: iso(m), count: 0, negative: 0, neutral: 0, positive: 0 })
  for (const v of volume) {
    const p = byMinute.get(v.minute_ms)
    if (p) p.count = v.n
  }
  for (const s of sentiment) {
    const p = byMinute.get(s.minute_ms)
    if (p) Object.assign(p, { negative: s.negative, neutral: s.neutral, positive: s.positive })
  }
  return [...byMinute.values()]
}

async function computeMetrics(
  db: Db,
  incident: Incident,
  c: {
    startMs: number
    endMs: number
    nowMs: number
    series: ReviewSeriesPoint[]
    own: Awaited<ReturnType<typeof incidentEvents>>
    firstMention: MentionRow | null
    outcomes: ReviewMetrics['deliveries']
    quote: (t: string) => string
  }
): Promise<ReviewMetrics> {
  const firstAlert = c.own.find((e) => e.type === 'alert.spike')
  const candidates: { ms: number; what: string }[] = [{ ms: c.startMs, what: 'incident opened' }]
  if (c.firstMention) candidates.push({ ms: c.firstMention.ts_ms, what: `first mention (${c.firstMention.channel})` })
  if (firstAlert) candidates.push({ ms: Date.parse(firstAlert.occurredAt), what: 'spike alert' })
  const first = candidates.sort((a, b) => a.ms - b.ms)[0]
  const approved = c.own.find((e) => e.type === 'statement.approved')
  const broadcast = c.own.find((e) => e.type === 'statement.broadcast')
  const since = (e: { occurredAt: string } | undefined) => (e ? Date.parse(e.occurredAt) - first.ms : null)

  const slaMinutes = incident.slaMinutes[incident.severity]
  const answered = await db.all<{ wait: number }>(
    `SELECT handled_ms - arrival_ms AS wait FROM queue_items WHERE status = 'replied' AND arrival_ms >= ? AND arrival_ms <= ? ORDER BY 1`,
    [c.startMs, c.endMs]
  )
  const waits = answered.map((r) => r.wait)
  const stillOpen = await db.get<{ n: number }>(
    `SELECT count(*) AS n FROM queue_items WHERE status IN ('open', 'escalated') AND arrival_ms >= ? AND arrival_ms <= ? AND arrival_ms + ? < ?`,
    [c.startMs, c.endMs, slaMinutes * MINUTE_MS, c.endMs]
  )
  const people = await db.get<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT DISTINCT m.channel, m.author_handle FROM queue_items q JOIN mentions m ON m.seq = q.mention_seq
      WHERE q.status = 'replied' AND q.arrival_ms >= ? AND q.arrival_ms <= ?)`,
    [c.startMs, c.endMs]
  )
  const voices = await db.get<{ n: number }>(
    'SELECT count(*) AS n FROM (SELECT DISTINCT channel, author_handle FROM mentions WHERE ts_ms >= ? AND ts_ms <= ?)',
    [c.startMs, c.endMs]
  )
  const languages = await db.all<{ lang: string; count: number }>(
    'SELECT lang, sum(count) AS count FROM minute_lang WHERE minute_ms >= ? AND minute_ms <= ? GROUP BY lang ORDER BY count DESC, lang',
    [minuteOf(c.startMs), c.endMs]
  )

  const promises = await promiseRecords(
    db,
    incident.id,
    incident.resolvedAt ? Date.parse(incident.resolvedAt) : null,
    c.endMs
  )
  const broadcasts = await db.all<BroadcastRow>(
    'SELECT b.id, b.at_ms, b.statement_id, b.revision, s.title FROM broadcasts b JOIN statements s ON s.id = b.statement_id WHERE b.incident_id = ? ORDER BY b.at_ms, b.id',
    [incident.id]
  )
  const mentions = c.series.reduce((a, p) => a + p.count, 0)
  const peakPoint = c.series.reduce<ReviewSeriesPoint | null>(
    (best, p) => (p.count > (best?.count ?? 0) ? p : best),
    null
  )
  const factors = incident.reviewFactors
  const answeredPeople = people?.n ?? 0
  const callsAvoided = factors ? Math.round(answeredPeople * factors.callShare * 10) / 10 : null
  return {
    firstSignalAt: iso(first.ms),
    firstSignalWhat: first.what,
    firstApprovedStatementAt: approved?.occurredAt ?? null,
    firstBroadcastAt: broadcast?.occurredAt ?? null,
    msToFirstApprovedStatement: since(approved),
    msToFirstBroadcast: since(broadcast),
    responses: {
      answered: waits.length,
      p50Ms: percentile(waits, 0.5),
      p90Ms: percentile(waits, 0.9),
      slaMinutes,
      slaBreaches: waits.filter((w) => w > slaMinutes * MINUTE_MS).length,
      stillOpenPastSla: stillOpen?.n ?? 0
    },
    promises: {
      kept: promises.filter((p) => p.outcome === 'kept').length,
      broken: promises.filter((p) => p.outcome === 'broken').length,
      closed: promises.filter((p) => p.outcome === 'closed').length,
      open: promises.filter((p) => p.outcome === 'open').length,
      list: promises
    },
    broadcasts: await broadcastImpacts(db, broadcasts, c),
    mentions,
    peak: peakPoint ? { minute: peakPoint.minute, count: peakPoint.count } : null,
    uniqueVoices: voices?.n ?? 0,
    languages,
    negativeShare: share(c.series),
    deliveries: c.outcomes,
    callCentre: {
      peopleAnsweredOnSocial: answeredPeople,
      callShare: factors?.callShare ?? null,
      costPerCall: factors?.costPerCall ?? null,
      currency: factors?.currency ?? 'EUR',
      callsAvoided,
      costAvoided: factors && callsAvoided !== null ? Math.round(callsAvoided * factors.costPerCall * 100) / 100 : null
    }
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]
}

function share(points: readonly ReviewSeriesPoint[]): number | null {
  let negative = 0
  let analyzed = 0
  for (const p of points) {
    negative += p.negative
    analyzed += p.negative + p.neutral + p.positive
  }
  return analyzed ? Math.round((negative / analyzed) * 1000) / 1000 : null
}

interface BroadcastRow {
  id: number
  at_ms: number
  statement_id: number
  revision: number
  title: string
}

/**
 * Statement deliveries of the incident by where each stands now. Those not confirmed are
 * named: "3 confirmed, 1 failed" must not hide 10 still waiting for a receipt.
 */
async function deliveryOutcomes(db: Db, incidentId: number): Promise<ReviewMetrics['deliveries']> {
  const rows = await db.all<{
    statement_id: number
    title: string
    channel: string
    lang: string
    state: DeliveryState
    error: string | null
  }>(
    `SELECT d.statement_id, s.title, d.channel, d.lang, d.state, d.error FROM deliveries d JOIN statements s ON s.id = d.statement_id
      WHERE d.kind = 'statement' AND d.broadcast_id IN (SELECT id FROM broadcasts WHERE incident_id = ?) ORDER BY d.id`,
    [incidentId]
  )
  const out: ReviewMetrics['deliveries'] = {
    confirmed: 0,
    failed: 0,
    unconfirmed: 0,
    pending: 0,
    other: 0,
    notConfirmed: []
  }
  for (const r of rows) {
    if (r.state === 'confirmed') out.confirmed++
    else if (r.state === 'failed') out.failed++
    else if (r.state === 'unconfirmed') out.unconfirmed++
    else if (r.state === 'queued' || r.state === 'sending' || r.state === 'accepted') out.pending++
    else out.other++
    if (r.state !== 'confirmed' && r.state !== 'cancelled' && r.state !== 'superseded') {
      const reason =
        r.state === 'accepted'
          ? 'taken by the platform or broker, awaiting its receipt'
          : r.state === 'queued' || r.state === 'sending'
            ? (r.error ?? 'not sent yet')
            : r.error
      out.notConfirmed.push({
        statement: r.statement_id,
        title: r.title,
        channel: r.channel,
        lang: r.lang,
        state: r.state,
        reason
      })
    }
  }
  return out
}

/** The windows around broadcasts may reach before the incident's start or after its end: read what they need. */
async function broadcastImpacts(
  db: Db,
  broadcasts: BroadcastRow[],
  c: { startMs: number; endMs: number; nowMs: number; series: ReviewSeriesPoint[] }
): Promise<BroadcastImpact[]> {
  if (broadcasts.length === 0) return []
  const from = Math.min(c.startMs, minuteOf(broadcasts[0].at_ms) - 60 * MINUTE_MS)
  // never past now: minutes that haven't happened are not zeros
  const to = Math.min(c.nowMs, Math.max(c.endMs, minuteOf(broadcasts[broadcasts.length - 1].at_ms) + 60 * MINUTE_MS))
  const around = from < c.startMs || to > c.endMs ? await minuteSeries(db, from, to) : c.series
  return Promise.all(
    broadcasts.map(async (b) => ({ ...impactOf(b, around, c.nowMs), published: await publishedVariants(db, b.id) }))
  )
}

/** The words of each delivery of a broadcast, as they went out, with when each was confirmed. */
async function publishedVariants(db: Db, broadcastId: number): Promise<PublishedVariant[]> {
  const rows = await db.all<{
    channel: string
    lang: string
    payload: string
    state: DeliveryState
    error: string | null
    confirmed_ms: number | null
  }>(
    `SELECT d.channel, d.lang, d.payload, d.state, d.error,
            (SELECT min(e.at_ms) FROM delivery_events e WHERE e.delivery_id = d.id AND e.state = 'confirmed') AS confirmed_ms
       FROM deliveries d WHERE d.broadcast_id = ? ORDER BY d.id`,
    [broadcastId]
  )
  return rows.map((r) => {
    const p = JSON.parse(r.payload) as { text?: string; subject?: string }
    return {
      channel: r.channel,
      lang: r.lang,
      text: p.text ?? '',
      subject: p.subject ?? null,
      state: r.state,
      confirmedAt: r.confirmed_ms === null ? null : iso(r.confirmed_ms),
      reason: r.state === 'failed' || r.state === 'unconfirmed' ? r.error : null
    }
  })
}

/**
 * Mentions per minute and negative share in the 30 and 60 minutes before and after a
 * broadcast. Only whole minutes that have passed by `nowMs` count: a window still running
 * says how much of it has ("5 of 30 min so far"), instead of counting the future as zeros.
 */
function impactOf(
  b: BroadcastRow,
  series: readonly ReviewSeriesPoint[],
  nowMs: number
): Omit<BroadcastImpact, 'published'> {
  const at = minuteOf(b.at_ms)
  const slice = (from: number, to: number) =>
    series.filter((p) => Date.parse(p.minute) >= from && Date.parse(p.minute) < to)
  const describe = (pts: ReviewSeriesPoint[], minutes: number): ImpactWindow => ({
    perMinute: minutes > 0 ? Math.round((pts.reduce((a, p) => a + p.count, 0) / minutes) * 10) / 10 : null,
    negativeShare: share(pts),
    elapsedMinutes: minutes
  })
  const passed = Math.max(0, Math.floor((nowMs - at) / MINUTE_MS))
  return {
    at: iso(b.at_ms),
    statement: b.statement_id,
    title: b.title,
    revision: b.revision,
    windows: ([30, 60] as const).map((minutes) => {
      const elapsed = Math.min(minutes, passed)
      return {
        minutes,
        before: describe(slice(at - minutes * MINUTE_MS, at), minutes),
        after: describe(slice(at, at + elapsed * MINUTE_MS), elapsed)
      }
    })
  }
}

/** Each approved statement's "next update at" and whether the next approved statement kept it. */
async function promiseRecords(
  db: Db,
  incidentId: number,
  resolvedMs: number | null,
  endMs: number
): Promise<PromiseRecord[]> {
  const rows = await db.all<{ id: number; title: string; approved_ms: number; due_ms: number }>(
    `SELECT s.id, s.title, s.approved_ms, r.next_update_ms AS due_ms FROM statements s
       JOIN statement_revisions r ON r.statement_id = s.id AND r.number = s.approved_revision
      WHERE s.incident_id = ? AND s.approved_ms IS NOT NULL ORDER BY s.approved_ms, s.id`,
    [incidentId]
  )
  return rows.map((r, i) => {
    const next = rows[i + 1]
    let outcome: PromiseRecord['outcome']
    if (next) outcome = next.approved_ms <= r.due_ms ? 'kept' : 'broken'
    else if (resolvedMs !== null && resolvedMs <= r.due_ms) outcome = 'closed'
    else outcome = endMs > r.due_ms ? 'broken' : 'open'
    return {
      statement: r.id,
      title: r.title,
      approvedAt: iso(r.approved_ms),
      dueAt: iso(r.due_ms),
      outcome,
      nextAt: next ? iso(next.approved_ms) : null
    }
  })
}

const clip = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t)
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

/** An incident event in words, and its kind. */
function describeEvent(
  type: string,
  d: Record<string, unknown>,
  quote: (t: string) => string
): [ReviewEventKind, string] {
  switch (type) {
    case 'incident.created':
      return ['incident', `Incident opened: "${str(d.name)}", ${str(d.severity)}`]
    case 'drill.started':
      return ['incident', `Drill started (${str(d.scenario)})`]
    case 'incident.severity':
      return ['incident', `Severity set to ${str(d.to)}${d.from ? ` (was ${str(d.from)})` : ''}`]
    case 'incident.lead':
      return ['incident', `Lead handed over${d.from ? ` from ${str(d.from)}` : ''} to ${str(d.to)}`]
    case 'incident.on-wall':
      return ['incident', 'Put on the wall']
    case 'incident.review-factors':
      return ['incident', 'Call-centre estimate factors set']
    case 'incident.sla':
      return ['incident', 'Response-time targets changed']
    case 'incident.resolved':
      return ['incident', 'Incident resolved']
    case 'incident.reopened':
      return ['incident', 'Incident reopened']
    case 'alert.spike': {
      const summary =
        typeof d.summary === 'string'
          ? d.summary
          : describeAlert({
              severity: (d.severity as AlertSeverity) ?? 'warning',
              triggers: (d.triggers as AlertTrigger[]) ?? [],
              drivers: (d.drivers as AlertDrivers) ?? { channels: [], languages: [], terms: [] }
            })
      return ['signal', quote(summary)]
    }
    case 'statement.drafted':
      return [
        'statement',
        `Statement drafted: "${str(d.title)}"${d.template ? ` from template ${str(d.template)}` : ''}`
      ]
    case 'statement.revised':
      return ['statement', `Statement "${str(d.title)}" revised: revision ${str(d.revision)}`]
    case 'statement.approval':
      return ['statement', `Statement "${str(d.title)}" r${str(d.revision)}: one approval recorded, more needed`]
    case 'statement.approved':
      return ['statement', `Statement "${str(d.title)}" r${str(d.revision)} approved`]
    case 'statement.rejected':
      return ['statement', `Statement "${str(d.title)}" r${str(d.revision)} rejected: ${str(d.reason)}`]
    case 'statement.withdrawn':
      return ['statement', `Statement "${str(d.title)}" withdrawn before approval: ${str(d.reason)}`]
    case 'statement.broadcast':
      return [
        'statement',
        `Statement "${str(d.title)}" r${str(d.revision)} broadcast to ${Array.isArray(d.channels) ? d.channels.join(', ') : 'its channels'}`
      ]
    case 'tracking.added':
      return ['incident', `Tracking rule "${str(d.topic)}": ${str(d.query)}${d.lang ? ` (${str(d.lang)})` : ''}`]
    case 'tracking.removed':
      return ['incident', `Tracking rule "${str(d.topic)}" removed`]
    case 'note':
      return ['note', d.about ? `Note on ${quote(str(d.about))}: ${quote(str(d.text))}` : quote(str(d.text))]
    default:
      return ['incident', type]
  }
}

function describeQueueAction(
  type: string,
  d: Record<string, unknown>,
  who: string,
  mention: string,
  quote: (t: string) => string
): string {
  switch (type) {
    case 'replied':
      return `Replied to ${quote(who)} ("${quote(clip(mention, 140))}"): "${quote(clip(str(d.text), 280))}"`
    case 'marked':
      return `Marked ${quote(who)} as ${str(d.as).replace('_', ' ')}: ${quote(str(d.reason))}`
    case 'escalated':
      return `Escalated ${quote(who)} to ${str(d.to)}${d.reason ? `: ${quote(str(d.reason))}` : ''}`
    case 'assigned':
      return `Assigned ${quote(who)} to ${str(d.to ?? d.toRole)}`
    default:
      return `Note on ${quote(who)}: ${quote(str(d.text))}`
  }
}
