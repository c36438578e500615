// The public status page (/status) and its Atom feed (/status/feed.xml): what the team
// published to the status-page channel, newest first, each with the incident's state, in
// the visitor's language (Accept-Language, with a switch), readable without a login. Rendered on the server as plain escaped text (paragraphs from blank lines), so a
// statement can never carry markup or script onto a public page.
import crypto from 'node:crypto'
import type { PublicState, PublicStatusEntry } from '../../shared/broadcast'

const STYLE =
  'body{font:18px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111;background:#fff}article{border-top:1px solid #ccc;padding:.5rem 0}time{color:#444}.current{border:3px solid #0072b2;padding:1rem}.state{font-weight:700;margin:0}.state--investigating{color:#a04000}.state--identified{color:#8a5a00}.state--monitoring{color:#005a8c}.state--resolved{color:#1b6e3a}'
const STYLE_HASH = crypto.createHash('sha256').update(STYLE).digest('base64')

/** A page with its own strict policy: no script at all, only this one stylesheet. */
export const STATUS_PAGE_HEADERS = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache'
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeXml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('')

/** How each state reads on the page. */
const STATE_WORDS: Record<PublicState, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved'
}

/**
 * The language a visitor reads: the one asked for (?lang), else the best of their
 * Accept-Language that the page has, else the language of the newest update.
 */
export function pageLanguage(
  available: readonly string[],
  asked: string | null,
  acceptLanguage: string | undefined
): string | null {
  if (asked && available.includes(asked)) return asked
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q) }
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const w of wanted) {
    const exact = available.find((l) => l.toLowerCase() === w.tag)
    if (exact) return exact
    const base = available.find((l) => l.toLowerCase().split('-')[0] === w.tag.split('-')[0])
    if (base) return base
  }
  return available[0] ?? null
}

/**
 * The page, Statuspage-like: the newest update's title as the headline with the incident's
 * state, then every update newest first, each with its state and time, in one language,
 * with a switch to the others and a feed per language.
 */
export function renderStatusPage(
  entries: readonly PublicStatusEntry[],
  asked: string | null,
  acceptLanguage?: string
): string {
  const languages = [...new Set(entries.map((e) => e.lang))]
  const lang = pageLanguage(languages, asked, acceptLanguage)
  const shown = entries.filter((e) => e.lang === lang) // newest first, as given
  const current = shown[0]
  const article = (e: PublicStatusEntry, cls = '') =>
    `<article class="${cls}" lang="${escapeXml(e.lang)}" dir="auto"><h2>${escapeXml(e.title)}</h2><p class="state state--${e.state}">${STATE_WORDS[e.state]}</p><time datetime="${e.publishedAt}">${e.publishedAt.replace('T', ' ').slice(0, 16)} UTC</time>${paragraphs(e.text)}</article>`
  const headline = current ? `${current.title}: ${STATE_WORDS[current.state]}` : 'Status'
  const feed = lang ? `/status/feed.xml?lang=${encodeURIComponent(lang)}` : '/status/feed.xml'
  return `<!doctype html><html lang="${escapeXml(lang ?? 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeXml(headline)}</title><style>${STYLE}</style>${languages
    .map(
      (l) =>
        `<link rel="alternate" type="application/atom+xml" hreflang="${escapeXml(l)}" href="/status/feed.xml?lang=${encodeURIComponent(l)}">`
    )
    .join('')}</head><body><h1 dir="auto">${escapeXml(headline)}</h1>${
    languages.length > 1
      ? `<nav aria-label="language">${languages.map((l) => (l === lang ? `<strong lang="${escapeXml(l)}">${escapeXml(l)}</strong>` : `<a href="/status?lang=${encodeURIComponent(l)}" lang="${escapeXml(l)}" hreflang="${escapeXml(l)}">${escapeXml(l)}</a>`)).join(' · ')}</nav>`
      : ''
  }${current ? article(current, 'current') : '<p>No statement has been published.</p>'}${
    shown.length > 1
      ? `<h2>Earlier updates</h2>${shown
          .slice(1)
          .map((e) => article(e))
          .join('')}`
      : ''
  }<p><a href="${escapeXml(feed)}">Atom feed${lang ? ` (${escapeXml(lang)})` : ''}</a></p></body></html>`
}

/** The Atom feed: every update newest first, or one language's (?lang). */
export function renderStatusFeed(
  all: readonly PublicStatusEntry[],
  baseUrl: string,
  lang: string | null = null
): string {
  const entries = lang ? all.filter((e) => e.lang === lang) : all
  const updated = entries[0]?.publishedAt ?? new Date(0).toISOString()
  const self = `${baseUrl}/status/feed.xml${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${lang ? ` xml:lang="${escapeXml(lang)}"` : ''}><title>Status</title><id>${escapeXml(self)}</id><link rel="alternate" href="${escapeXml(baseUrl)}/status${lang ? `?lang=${encodeURIComponent(lang)}` : ''}"/><link rel="self" href="${escapeXml(self)}"/><updated>${updated}</updated>${entries
    .map(
      (e) =>
        `<entry xml:lang="${escapeXml(e.lang)}"><id>${escapeXml(baseUrl)}/status#${e.id}</id><title>${escapeXml(`${e.title}: ${STATE_WORDS[e.state]}`)}</title><updated>${e.publishedAt}</updated><author><name>Status</name></author><content type="text">${escapeXml(e.text)}</content></entry>`
    )
    .join('')}</feed>
`
}
