// The timeline as CSV, one row per event (RFC 4180 quoting). A cell that a spreadsheet would
// run as a formula (=, +, -, @ first) gets a leading apostrophe: mention text is hostile input.
import type { ReviewDocument } from '../../../shared/review'
import { timeWriter } from './review-format'

const FORMULA = /^[=+\-@\t\r]/

export function csvCell(value: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function renderCsv(doc: ReviewDocument): string {
  const t = timeWriter(doc)
  const header = [
    'occurred_utc',
    `occurred_local (${doc.timeZone})`,
    'recorded_utc',
    'kind',
    'type',
    'actor',
    'summary'
  ]
  const rows = doc.events.map((e) => [
    e.at,
    `${t.full(e.at).split(' ').slice(0, 2).join(' ')}`,
    e.recordedAt,
    e.kind,
    e.type,
    e.actor,
    e.summary
  ])
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}
