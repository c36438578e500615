// The review as one self-contained HTML file: inline CSS and an inline SVG chart, no script,
// no external request (its CSP forbids them), so it opens offline and prints as it shows.
// The chart comes right after the header so it lands on the first page of the PDF.
import type { ReviewDocument } from '../../../shared/review'
import { duration, metricRows, percent, publishedRows, timeWriter, type TimeWriter, windowRate } from './review-format'

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

/** Colour-blind-safe (Okabe-Ito): volume blue, negative share vermilion, broadcasts black. */
export const CHART_COLORS = { volume: '#0072B2', negative: '#D55E00', marker: '#000000' } as const

const CSS = `
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #ccc; }
  .meta { color: #444; margin: 0 0 1rem; padding-left: 1.1rem; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: .25rem .45rem; text-align: left; vertical-align: top; }
  th { background: #f2f2f2; } td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
  .kind { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: #444; }
  tr.signal td.kind { color: #8a3b00; } tr.statement td.kind { color: #004f7a; }
  figure { margin: 0; } figcaption { color: #444; font-size: .9rem; }
  .drill { background: #ffe08a; padding: 0 .4rem; border-radius: 3px; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`

export function renderHtml(doc: ReviewDocument): string {
  const t = timeWriter(doc)
  const i = doc.incident
  const e = escapeHtml
  const rows = (cells: string[][]) => cells.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')
  const broadcasts = doc.metrics.broadcasts.flatMap((b) =>
    b.windows.map((w) => [
      `${e(t.local(b.at))} “${e(b.title)}”`,
      `${w.minutes} min`,
      e(windowRate(w.before, w.minutes)),
      e(windowRate(w.after, w.minutes)),
      percent(w.before.negativeShare),
      percent(w.after.negativeShare)
    ])
  )
  const published = publishedRows(doc, t).map((r) => [
    e(r.broadcast),
    e(r.channel),
    e(r.lang),
    e(r.outcome),
    `<span dir="auto">${e(r.text)}</span>`
  ])
  const promises = doc.metrics.promises.list.map((p) => [
    e(p.title),
    e(t.local(p.approvedAt)),
    e(t.local(p.dueAt)),
    `${p.outcome}${p.nextAt ? ` (next at ${e(t.local(p.nextAt))}, ${duration(Date.parse(p.nextAt) - Date.parse(p.dueAt))} against the promise)` : ''}`
  ])
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Post-incident review: ${e(i.name)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>Post-incident review: ${e(i.name)} ${i.drill ? '<span class="drill">DRILL</span>' : ''}</h1>
<ul class="meta">
<li>Incident ${i.id}, ${e(i.severity)}, lead ${e(i.lead ?? 'none')}</li>
<li>Started ${e(t.full(i.startedAt))}; ${i.resolvedAt ? `resolved ${e(t.full(i.resolvedAt))}` : 'still open when exported'}</li>
<li>Times are in ${e(t.zoneLabel)}${t.utcOnly ? '' : ', with UTC beside them'}${t.spansDays ? '; the incident spans days, so every line carries its date' : ''}</li>
<li>Generated ${e(t.full(doc.generatedAt))}${doc.redacted ? '; personal data in quoted mentions is redacted' : ''}</li>
</ul>
<figure>
${volumeChart(doc, t)}
<figcaption>Mentions per minute (blue area) and negative share (vermilion line, 15-minute windows); black lines mark broadcasts B1, B2, ...</figcaption>
</figure>
<h2>Metrics</h2>
<table><tbody>
${metricRows(doc, t)
  .map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`)
  .join('\n')}
</tbody></table>
${broadcasts.length ? `<h2>Before and after each broadcast</h2>\n<table><thead><tr><th>Broadcast</th><th>Window</th><th>Mentions/min before</th><th>after</th><th>Negative before</th><th>after</th></tr></thead><tbody>\n${rows(broadcasts)}\n</tbody></table>` : ''}
${published.length ? `<h2>What went out</h2>\n<table><thead><tr><th>Broadcast</th><th>Channel</th><th>Language</th><th>Outcome</th><th>Words as published</th></tr></thead><tbody>\n${rows(published)}\n</tbody></table>` : ''}
${promises.length ? `<h2>Promises</h2>\n<table><thead><tr><th>Statement</th><th>Approved</th><th>Next update promised</th><th>Outcome</th></tr></thead><tbody>\n${rows(promises)}\n</tbody></table>` : ''}
<h2>Timeline</h2>
<table><thead><tr>${t.utcOnly ? '' : `<th>${e(doc.timeZone)}</th>`}<th>UTC</th><th>Kind</th><th>Who</th><th>What</th></tr></thead><tbody>
${doc.events
  .map(
    (ev) =>
      `<tr class="${ev.kind}">${t.utcOnly ? '' : `<td class="t">${e(t.local(ev.at))}</td>`}<td class="t">${e(t.utc(ev.at))}</td><td class="kind">${ev.kind}</td><td>${e(ev.actor)}</td><td dir="auto">${e(ev.summary)}${ev.recordedAt !== ev.at ? ` <span class="kind">(written ${e(t.local(ev.recordedAt))})</span>` : ''}</td></tr>`
  )
  .join('\n')}
</tbody></table>
</body>
</html>
`
}

const W = 1000
const H = 260
const PAD = { left: 56, right: 56, top: 16, bottom: 34 }
const SHARE_WINDOW = 15

/** Volume as an area, negative share as a line on its own axis, a marker per broadcast. */
export function volumeChart(doc: ReviewDocument, t: TimeWriter): string {
  const pts = doc.series
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  if (pts.length === 0)
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="No mentions in this incident"><text x="${W / 2}" y="${H / 2}" text-anchor="middle">No mentions in this incident</text></svg>`
  const t0 = Date.parse(pts[0].minute)
  const t1 = Date.parse(pts[pts.length - 1].minute) + 60_000
  const x = (ms: number) => PAD.left + ((ms - t0) / (t1 - t0)) * plotW
  const max = Math.max(1, ...pts.map((p) => p.count))
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH
  const area = [
    `M${x(t0).toFixed(1)},${y(0).toFixed(1)}`,
    ...pts.flatMap((p) => [
      `L${x(Date.parse(p.minute)).toFixed(1)},${y(p.count).toFixed(1)}`,
      `L${x(Date.parse(p.minute) + 60_000).toFixed(1)},${y(p.count).toFixed(1)}`
    ]),
    `L${x(t1).toFixed(1)},${y(0).toFixed(1)}Z`
  ].join('')
  const share: string[] = []
  for (let i = 0; i < pts.length; i += SHARE_WINDOW) {
    const w = pts.slice(i, i + SHARE_WINDOW)
    const analyzed = w.reduce((a, p) => a + p.negative + p.neutral + p.positive, 0)
    if (analyzed < 5) continue
    const s = w.reduce((a, p) => a + p.negative, 0) / analyzed
    share.push(
      `${share.length ? 'L' : 'M'}${x(Date.parse(w[0].minute) + (w.length * 60_000) / 2).toFixed(1)},${(PAD.top + plotH - s * plotH).toFixed(1)}`
    )
  }
  const ticks = Array.from({ length: 6 }, (_, k) => t0 + ((t1 - t0) * k) / 5)
  const markers = doc.metrics.broadcasts.map((b, k) => {
    const bx = x(Date.parse(b.at)).toFixed(1)
    return `<line x1="${bx}" x2="${bx}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="${CHART_COLORS.marker}" stroke-width="2" stroke-dasharray="5 3"/><text x="${bx}" y="${PAD.top - 3}" text-anchor="middle" font-size="11">B${k + 1}</text>`
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Mentions per minute and negative share over the incident, with broadcasts marked">
<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#ccc"/>
<path d="${area}" fill="${CHART_COLORS.volume}" fill-opacity="0.85" stroke="none"/>
${share.length ? `<path d="${share.join('')}" fill="none" stroke="${CHART_COLORS.negative}" stroke-width="2.5"/>` : ''}
${markers.join('\n')}
<text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end" font-size="11">${max}</text><text x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end" font-size="11">0</text>
<text x="12" y="${PAD.top + plotH / 2}" font-size="11" transform="rotate(-90 12 ${PAD.top + plotH / 2})" text-anchor="middle">mentions/min</text>
<text x="${W - PAD.right + 6}" y="${PAD.top + 10}" font-size="11">100%</text><text x="${W - PAD.right + 6}" y="${PAD.top + plotH}" font-size="11">0%</text>
<text x="${W - 10}" y="${PAD.top + plotH / 2}" font-size="11" transform="rotate(90 ${W - 10} ${PAD.top + plotH / 2})" text-anchor="middle">negative share</text>
${ticks.map((tk) => `<text x="${x(tk).toFixed(1)}" y="${H - 12}" text-anchor="middle" font-size="11">${escapeHtml(t.local(new Date(tk).toISOString()))}</text>`).join('')}
</svg>`
}
