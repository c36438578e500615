// Review exports as PDF on the desktop: the self-contained HTML (no script, no network, its
// own CSP) loaded in a hidden window from the secure factory and printed with printToPDF.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createSecureWindow } from './window-factory'

export async function printToPdf(html: string): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-review-'))
  const file = path.join(dir, 'review.html')
  fs.writeFileSync(file, html)
  const win = createSecureWindow({ url: pathToFileURL(file).href, title: 'Review', hidden: true })
  try {
    await new Promise<void>((resolve, reject) => {
      win.webContents.once('did-finish-load', () => resolve())
      win.webContents.once('did-fail-load', (_e, _code, description) =>
        reject(new Error(`could not load the review: ${description}`))
      )
    })
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
  } finally {
    win.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
