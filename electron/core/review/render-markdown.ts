// The review as Markdown for the team's wiki. Mention text is hostile input: HTML, link and
// table syntax in it is escaped, so a quoted tweet can't inject markup into the wiki page.
import type { ReviewDocument } from '../../../shared/review'
import { duration, metricRows, percent, publishedRows, timeWriter, windowRate } from './review-format'

/** Escapes what Markdown (and HTML inside it) would interpret, and keeps a table cell on one line. */
export function mdCell(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~<>&]/g, (c) =>
      c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`
    )
    .replace(/\r?\n/g, ' ')
}

export function renderMarkdown(doc: ReviewDocument): string {
  const t = timeWriter(doc)
  const i = doc.incident
  const out: string[] = []
  out.push(`# Post-incident review: ${mdCell(i.name)}${i.drill ? ' (DRILL)' : ''}`, '')
  out.push(`- Incident ${i.id}, ${i.severity}, lead ${mdCell(i.lead ?? 'none')}`)
  out.push(
    `- Started ${t.full(i.startedAt)}; ${i.resolvedAt ? `resolved ${t.full(i.resolvedAt)}` : `still open when exported`}`
  )
  out.push(
    `- Times are in ${t.zoneLabel}${t.utcOnly ? '' : ', with UTC beside them'}${t.spansDays ? '; the incident spans days, so every line carries its date' : ''}`
  )
  out.push(
    `- Generated ${t.full(doc.generatedAt)}${doc.redacted ? '; personal data in quoted mentions is redacted' : ''}`,
    ''
  )
  out.push('## Metrics', '', '| Metric | Value |', '| --- | --- |')
  for (const [k, v] of metricRows(doc, t)) out.push(`| ${mdCell(k)} | ${mdCell(v)} |`)
  if (doc.metrics.broadcasts.length) {
    out.push(
      '',
      '## Before and after each broadcast',
      '',
      '| Broadcast | Window | Mentions/min before | after | Negative before | after |',
      '| --- | --- | --- | --- | --- | --- |'
    )
    for (const b of doc.metrics.broadcasts) {
      for (const w of b.windows) {
        out.push(
          `| ${t.local(b.at)} "${mdCell(b.title)}" | ${w.minutes} min | ${windowRate(w.before, w.minutes)} | ${windowRate(w.after, w.minutes)} | ${percent(w.before.negativeShare)} | ${percent(w.after.negativeShare)} |`
        )
      }
    }
    out.push(
      '',
      '## What went out',
      '',
      '| Broadcast | Channel | Language | Outcome | Words as published |',
      '| --- | --- | --- | --- | --- |'
    )
    for (const r of publishedRows(doc, t))
      out.push(`| ${mdCell(r.broadcast)} | ${r.channel} | ${r.lang} | ${mdCell(r.outcome)} | ${mdCell(r.text)} |`)
  }
  if (doc.metrics.promises.list.length) {
    out.push(
      '',
      '## Promises',
      '',
      '| Statement | Approved | Next update promised | Outcome |',
      '| --- | --- | --- | --- |'
    )
    for (const p of doc.metrics.promises.list) {
      out.push(
        `| ${mdCell(p.title)} | ${t.local(p.approvedAt)} | ${t.local(p.dueAt)} | ${p.outcome}${p.nextAt ? ` (next at ${t.local(p.nextAt)}, ${duration(Date.parse(p.nextAt) - Date.parse(p.dueAt))} against the promise)` : ''} |`
      )
    }
  }
  const zoneColumns = t.utcOnly ? ['UTC'] : [t.zoneLabel.split(' ')[0], 'UTC']
  out.push(
    '',
    '## Timeline',
    '',
    `| ${[...zoneColumns, 'Kind', 'Who', 'What'].join(' | ')} |`,
    `|${' --- |'.repeat(zoneColumns.length + 3)}`
  )
  for (const e of doc.events) {
    const late = e.recordedAt !== e.at ? ` (written ${t.local(e.recordedAt)})` : ''
    const times = t.utcOnly ? [t.utc(e.at)] : [t.local(e.at), t.utc(e.at)]
    out.push(`| ${[...times, e.kind, mdCell(e.actor), `${mdCell(e.summary)}${late}`].join(' | ')} |`)
  }
  return `${out.join('\n')}\n`
}
