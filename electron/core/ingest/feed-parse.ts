// An RSS 2.0 or Atom document to mentions, one per item or entry. The item's guid (else
// id, else link) names it, so a feed polled again adds only what is new; its text is the
// title and summary with HTML removed (mention text is shown as text, never as HTML).
import { XMLParser } from 'fast-xml-parser'
import type { Mention } from '../../../shared/mention'
import { MAX_TEXT_LENGTH } from '../../../shared/mention'

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true
})

type Node = Record<string, unknown>
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const text = (v: unknown): string => {
  if (v === undefined || v === null) return ''
  if (typeof v === 'string' || typeof v === 'number') return String(v)
  if (typeof v === 'object') return text((v as Node)['#text'])
  return ''
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/** HTML (as feeds put in descriptions) to plain text. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
        : (ENTITIES[e.toLowerCase()] ?? m)
    )
    .replace(/\s+/g, ' ')
    .trim()
}

function atomLink(link: unknown): string | undefined {
  const links = asArray(link as Node | Node[])
  const alternate =
    links.find((l) => typeof l === 'object' && (l['@rel'] === undefined || l['@rel'] === 'alternate')) ?? links[0]
  return typeof alternate === 'object'
    ? (alternate['@href'] as string | undefined)
    : typeof alternate === 'string'
      ? alternate
      : undefined
}

export interface ParsedFeed {
  items: Mention[]
  /** items left out, with why (no date, no id) */
  skipped: string[]
}

/**
 * Throws a one-line error when the document is neither RSS nor Atom. An item dated ahead of
 * `nowMs` (a scheduled post, or a site that writes its local time as UTC) is news now: it is
 * dated `nowMs`, with its own date kept as `published`. Dated ahead, it would carry the
 * wall's window and the spike alerts' minutes forward with it.
 */
export function parseFeed(xml: string, feedUrl: string, channel: Mention['channel'], nowMs: number): ParsedFeed {
  let doc: Node
  try {
    doc = parser.parse(xml, true) as Node
  } catch (err) {
    throw new Error(`not XML: ${(err as Error).message.split('\n')[0]}`)
  }
  const host = new URL(feedUrl).hostname
  const rss = (doc.rss as Node | undefined)?.channel as Node | undefined
  const atom = doc.feed as Node | undefined
  if (!rss && !atom) throw new Error('neither an RSS channel nor an Atom feed')
  const feedTitle = plainText(text(rss?.title ?? atom?.title)) || host
  const items: Mention[] = []
  const skipped: string[] = []
  const entries = rss ? asArray(rss.item as Node | Node[]) : asArray(atom!.entry as Node | Node[])
  entries.forEach((e, i) => {
    const link = rss ? text(e.link) : atomLink(e.link)
    const key = text(e.guid) || text(e.id) || link
    const when = text(rss ? (e.pubDate ?? e['dc:date']) : (e.published ?? e.updated))
    const ms = Date.parse(when)
    const title = plainText(text(e.title))
    if (!key) return void skipped.push(`item ${i + 1} ("${title.slice(0, 40)}"): no guid, id or link`)
    if (!Number.isFinite(ms)) return void skipped.push(`item ${i + 1} ("${title.slice(0, 40)}"): no date`)
    const summary = plainText(text(rss ? (e.description ?? e['content:encoded']) : (e.summary ?? e.content)))
    const author =
      plainText(text(rss ? (e['dc:creator'] ?? e.author) : ((e.author as Node | undefined)?.name ?? e.author))) ||
      feedTitle
    items.push({
      id: `feed:${key}`.slice(0, 256),
      channel,
      author: { handle: author.slice(0, 256), followers: 0 },
      text: (summary && summary !== title ? `${title} — ${summary}` : title).slice(0, MAX_TEXT_LENGTH),
      ts: new Date(Math.min(ms, nowMs)).toISOString(),
      ...(ms > nowMs ? { published: new Date(ms).toISOString() } : {}),
      ...(link ? { url: link.slice(0, 2048) } : {}),
      source: feedUrl
    })
  })
  return { items, skipped }
}
