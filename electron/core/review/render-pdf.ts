// PDF: the HTML rendering, printed by a browser engine. The desktop app prints with
// Electron's printToPDF (passed in as the printer); the CLI and browser mode use Chromium
// headless when it is installed, and say plainly when it isn't.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export type PdfPrinter = (html: string) => Promise<Buffer>

export class PdfUnavailable extends Error {}

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

/** The Chromium to print with: CRISIS_CHROMIUM, else the first on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CRISIS_CHROMIUM) return fs.existsSync(env.CRISIS_CHROMIUM) ? env.CRISIS_CHROMIUM : null
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of CANDIDATES) {
      const p = path.join(dir, name)
      try {
        fs.accessSync(p, fs.constants.X_OK)
        return p
      } catch {
        // not here
      }
    }
  }
  return null
}

/** Prints with Chromium headless: the page has no script and no network, so it is done when loaded. */
export const chromiumPdfPrinter: PdfPrinter = async (html) => {
  const chromium = findChromium()
  if (!chromium)
    throw new PdfUnavailable(
      'PDF export needs Chromium (Debian: apt install chromium; or set CRISIS_CHROMIUM), or the desktop app; Markdown and HTML exports work without it'
    )
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-pdf-'))
  try {
    const page = path.join(dir, 'review.html')
    const out = path.join(dir, 'review.pdf')
    fs.writeFileSync(page, html)
    await new Promise<void>((resolve, reject) =>
      execFile(
        chromium,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          `--user-data-dir=${path.join(dir, 'profile')}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${out}`,
          `file://${page}`
        ],
        { timeout: 120_000 },
        (err, _stdout, stderr) =>
          err
            ? reject(
                new Error(`Chromium could not print the PDF: ${String(stderr).trim().split('\n').pop() || err.message}`)
              )
            : resolve()
      )
    )
    if (!fs.existsSync(out) || fs.statSync(out).size === 0) throw new Error('Chromium printed no PDF')
    return fs.readFileSync(out)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
