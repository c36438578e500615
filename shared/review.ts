// The post-incident review: its timeline, its metrics and the export formats, as one
// versioned document. The JSON export is this document; Markdown, HTML, PDF and CSV are
// renderings of it. Bump REVIEW_SCHEMA_VERSION on any change a reader would notice.
import { z } from 'zod'
import type { DeliveryState } from './broadcast'
import { IanaTimeZone } from './time-zone'

export const REVIEW_SCHEMA = 'crisis-console/incident-review'
export const REVIEW_SCHEMA_VERSION = 1

export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'json', 'csv'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8'
}

/** What kind of thing happened, for grouping and filtering; `type` says exactly what. */
export type ReviewEventKind = 'signal' | 'incident' | 'statement' | 'delivery' | 'queue' | 'note'

export interface ReviewEvent {
  /** when it happened (UTC) */
  at: string
  /** when it was written down, if later (a note added after the fact) */
  recordedAt: string
  kind: ReviewEventKind
  /** e.g. alert.spike, statement.approved, delivery.confirmed, queue.replied, note */
  type: string
  actor: string
  /** one line a reviewer reads */
  summary: string
}

export interface PromiseRecord {
  statement: number
  title: string
  approvedAt: string
  dueAt: string
  /** kept: the next statement came in time; broken: it came late or never; closed: the incident was resolved before it fell due */
  outcome: 'kept' | 'broken' | 'closed' | 'open'
  nextAt: string | null
}

/** Mentions per minute and negative share over the minutes of a window that have passed. */
export interface ImpactWindow {
  /** null when not one whole minute of the window has passed yet */
  perMinute: number | null
  negativeShare: number | null
  /** whole minutes counted: fewer than the window's while it is still running ("5 of 30 min so far") */
  elapsedMinutes: number
}

/** One variant of a broadcast as it went out, and what became of it. */
export interface PublishedVariant {
  channel: string
  lang: string
  /** the words as published */
  text: string
  subject: string | null
  state: DeliveryState
  confirmedAt: string | null
  /** why it failed or is unconfirmed, in words */
  reason: string | null
}

export interface BroadcastImpact {
  at: string
  statement: number
  title: string
  revision: number
  /** mentions per minute and negative share in the window before and after the broadcast */
  windows: { minutes: 30 | 60; before: ImpactWindow; after: ImpactWindow }[]
  /** every variant (channel, language) of the revision, as it was published */
  published: PublishedVariant[]
}

/** A statement delivery that was not confirmed, named for the review. */
export interface UnconfirmedDelivery {
  statement: number
  title: string
  channel: string
  lang: string
  state: DeliveryState
  reason: string | null
}

export interface ReviewMetrics {
  firstSignalAt: string | null
  firstSignalWhat: string | null
  firstApprovedStatementAt: string | null
  firstBroadcastAt: string | null
  /** from the first signal */
  msToFirstApprovedStatement: number | null
  msToFirstBroadcast: number | null
  responses: {
    answered: number
    p50Ms: number | null
    p90Ms: number | null
    slaMinutes: number
    slaBreaches: number
    stillOpenPastSla: number
  }
  promises: { kept: number; broken: number; closed: number; open: number; list: PromiseRecord[] }
  broadcasts: BroadcastImpact[]
  mentions: number
  peak: { minute: string; count: number } | null
  uniqueVoices: number
  languages: { lang: string; count: number }[]
  negativeShare: number | null
  /**
   * Statement deliveries by where they stand now: unconfirmed (no receipt in time) and
   * pending (queued, sending, or accepted and awaiting a receipt) are counted and named,
   * never folded into a total that reads as fine.
   */
  deliveries: {
    confirmed: number
    failed: number
    unconfirmed: number
    pending: number
    other: number
    notConfirmed: UnconfirmedDelivery[]
  }
  callCentre: {
    peopleAnsweredOnSocial: number
    callShare: number | null
    costPerCall: number | null
    currency: string
    callsAvoided: number | null
    costAvoided: number | null
  }
}

export interface ReviewSeriesPoint {
  minute: string
  count: number
  negative: number
  neutral: number
  positive: number
}

export interface ReviewDocument {
  schema: typeof REVIEW_SCHEMA
  version: typeof REVIEW_SCHEMA_VERSION
  generatedAt: string
  /** the one declared time zone of the review; every time is also given in UTC */
  timeZone: string
  redacted: boolean
  incident: {
    id: number
    name: string
    drill: boolean
    severity: string
    startedAt: string
    resolvedAt: string | null
    lead: string | null
  }
  metrics: ReviewMetrics
  /** mentions per minute over the incident, with sentiment */
  series: ReviewSeriesPoint[]
  events: ReviewEvent[]
}

/** The factors of the call-centre estimate, set per incident. */
export const ReviewFactorsSchema = z
  .object({
    /** of the people answered on social, the share who would otherwise have called */
    callShare: z.number().min(0).max(1),
    costPerCall: z.number().min(0).max(100_000),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as EUR')
  })
  .strict()
export type ReviewFactors = z.infer<typeof ReviewFactorsSchema>

const id = z.coerce.number().int().positive()

export const ReviewParams = {
  setFactors: z.object({ id }).extend(ReviewFactorsSchema.shape).strict(),
  addEntry: z
    .object({
      id,
      text: z.string().trim().min(1).max(2000),
      /** when it happened, if not now: an ISO time with its offset */
      occurredAt: z.string().datetime({ offset: true }).optional()
    })
    .strict(),
  exportIncident: z
    .object({
      id,
      format: z.enum(EXPORT_FORMATS),
      redact: z.coerce.boolean().default(false),
      timeZone: IanaTimeZone.optional(),
      /** the caller's own id for this export, so it can follow its 'export' progress events */
      jobId: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,64}$/)
        .optional()
    })
    .strict()
}

export interface ExportedFile {
  fileName: string
  mediaType: string
  size: number
  /** the file's bytes */
  base64: string
}

export const fileNameFor = (incident: { id: number; name: string }, format: ExportFormat): string =>
  `incident-${incident.id}-${
    incident.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'review'
  }.${format}`
