// One review document to the bytes of one export format.
import type { ExportFormat, ReviewDocument } from '../../../shared/review'
import { renderCsv } from './render-csv'
import { renderHtml } from './render-html'
import { renderMarkdown } from './render-markdown'
import type { PdfPrinter } from './render-pdf'

export async function renderReview(doc: ReviewDocument, format: ExportFormat, printPdf: PdfPrinter): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`)
    case 'md':
      return Buffer.from(renderMarkdown(doc))
    case 'csv':
      return Buffer.from(renderCsv(doc))
    case 'html':
      return Buffer.from(renderHtml(doc))
    case 'pdf':
      return printPdf(renderHtml(doc))
  }
}
