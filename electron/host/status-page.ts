// The public status page (/status) and its Atom feed (/status/feed.xml): what the team
// published to the status-page channel, newest first, in every language, readable without
// a login. Rendered on the server as plain escaped text (paragraphs from blank lines), so a
// statement can never carry markup or script onto a public page.
import crypto from 'node:crypto'
import type { PublicStatusEntry } from '../../shared/broadcast'

const STYLE = 'body{font:18px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111;background:#fff}article{border-top:1px solid #ccc;padding:.5rem 0}time{color:#444}.current{border:3px solid #0072b2;padding:1rem}'
const STYLE_HASH = crypto.createHash('sha256').update(STYLE).digest('base64')

/** A page with its own strict policy: no script at all, only this one stylesheet. */
export const STATUS_PAGE_HEADERS = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache'
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeXml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('')

export function renderStatusPage(entries: readonly PublicStatusEntry[], lang: string | null): string {
  const shown = lang ? entries.filter((e) => e.lang === lang) : entries
  const languages = [...new Set(entries.map((e) => e.lang))]
  const current = new Map<string, PublicStatusEntry>()
  for (const e of shown) if (!current.has(e.lang)) current.set(e.lang, e)
  const article = (e: PublicStatusEntry, cls = '') =>
    `<article class="${cls}" lang="${escapeXml(e.lang)}" dir="auto"><h2>${escapeXml(e.title)}</h2><time datetime="${e.publishedAt}">${e.publishedAt.replace('T', ' ').slice(0, 16)} UTC</time>${paragraphs(e.text)}</article>`
  return `<!doctype html><html lang="${escapeXml(lang ?? 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Status</title><style>${STYLE}</style><link rel="alternate" type="application/atom+xml" href="/status/feed.xml"></head><body><h1>Status</h1>${
    languages.length > 1 ? `<nav>${languages.map((l) => `<a href="/status?lang=${encodeURIComponent(l)}" lang="${escapeXml(l)}">${escapeXml(l)}</a>`).join(' · ')}</nav>` : ''
  }${shown.length === 0 ? '<p>No statement has been published.</p>' : ''}${[...current.values()].map((e) => article(e, 'current')).join('')}${
    shown.length > current.size ? `<h2>Earlier updates</h2>${shown.filter((e) => current.get(e.lang) !== e).map((e) => article(e)).join('')}` : ''
  }</body></html>`
}

export function renderStatusFeed(entries: readonly PublicStatusEntry[], baseUrl: string): string {
  const updated = entries[0]?.publishedAt ?? new Date(0).toISOString()
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Status</title><id>${escapeXml(baseUrl)}/status</id><link rel="alternate" href="${escapeXml(baseUrl)}/status"/><link rel="self" href="${escapeXml(baseUrl)}/status/feed.xml"/><updated>${updated}</updated>${entries
    .map(
      (e) =>
        `<entry xml:lang="${escapeXml(e.lang)}"><id>${escapeXml(baseUrl)}/status#${e.id}</id><title>${escapeXml(e.title)}</title><updated>${e.publishedAt}</updated><author><name>Status</name></author><content type="text">${escapeXml(e.text)}</content></entry>`
    )
    .join('')}</feed>
`
}
