// The post-incident review export: built from the engine's own records, rendered in the
// asked format, returned as a file. Progress goes out as 'export' events under the
// caller's jobId, so the console can show a bar for a long incident.
import { EXPORT_MEDIA_TYPES, fileNameFor } from '../../../shared/review'
import { buildReview, reviewTimeline, ReviewRefused } from '../review/build-review'
import { renderReview } from '../review/render-review'
import { PdfUnavailable, type PdfPrinter } from '../review/render-pdf'
import { refuse } from './api-failure'
import type { HandlerContext, Handlers } from './context'

export function reviewHandlers(
  ctx: HandlerContext,
  printPdf: PdfPrinter
): Handlers<'exportIncident' | 'incidentTimeline'> {
  return {
    async incidentTimeline({ id }) {
      try {
        return await reviewTimeline(ctx.readDb, id, ctx.now())
      } catch (err) {
        if (err instanceof ReviewRefused) refuse('not_found', err.message)
        throw err
      }
    },
    async exportIncident({ id, format, redact, timeZone, jobId }) {
      const progress = (fraction: number, phase: string) =>
        jobId && ctx.emit({ type: 'export', jobId, fraction, phase })
      try {
        const doc = await buildReview(ctx.readDb, id, { nowMs: ctx.now(), redact, timeZone, onProgress: progress })
        progress(0.85, `rendering ${format}`)
        const bytes = await renderReview(doc, format, printPdf)
        progress(1, 'done')
        return {
          fileName: fileNameFor(doc.incident, format),
          mediaType: EXPORT_MEDIA_TYPES[format],
          size: bytes.length,
          base64: bytes.toString('base64')
        }
      } catch (err) {
        if (err instanceof ReviewRefused) refuse(err.code === 'not_found' ? 'not_found' : 'conflict', err.message)
        if (err instanceof PdfUnavailable) refuse('unavailable', err.message)
        throw err
      }
    }
  }
}
