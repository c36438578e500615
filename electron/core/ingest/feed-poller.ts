// Polls the configured RSS/Atom feeds, each at its own interval, with conditional GET
// (If-None-Match / If-Modified-Since): an unchanged feed costs a 304 and nothing else.
// New items go through the engine's one ingest path in payloads under its size limit, so
// they are validated, deduplicated on (channel, id), and dead-lettered like any input.
import type { FeedInfo } from '../../../shared/feeds'
import type { Logger } from '../logger'
import type { Db } from '../store/db'
import { CoalescedRunner } from '../coalesced-runner'
import { parseFeed } from './feed-parse'

const MAX_FEED_BYTES = 5 * 1024 * 1024
const FETCH_TIMEOUT_MS = 15_000
const CHECK_EVERY_MS = 5_000
const PAYLOAD_BYTES = 48 * 1024

interface FeedRow {
  id: number
  url: string
  channel: FeedInfo['channel']
  interval_s: number
  added_by: string
  added_ms: number
  etag: string | null
  last_modified: string | null
  last_polled_ms: number | null
  last_status: string | null
  last_error: string | null
  items_seen: number
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
export const toFeedInfo = (r: FeedRow): FeedInfo => ({
  id: r.id,
  url: r.url,
  channel: r.channel,
  intervalSeconds: r.interval_s,
  addedBy: r.added_by,
  addedAt: iso(r.added_ms)!,
  lastPolledAt: iso(r.last_polled_ms),
  lastStatus: r.last_status,
  lastError: r.last_error,
  itemsSeen: r.items_seen
})

export async function listFeedRows(db: Db): Promise<FeedRow[]> {
  return db.all<FeedRow>('SELECT * FROM feeds ORDER BY id')
}

export async function getFeedRow(db: Db, id: number): Promise<FeedRow | undefined> {
  return db.get<FeedRow>('SELECT * FROM feeds WHERE id = ?', [id])
}

export class FeedPoller {
  private timer: NodeJS.Timeout | null = null
  private readonly runner = new CoalescedRunner(
    () => this.pollDue(),
    (err) => this.o.log.warn(`feeds: ${err.message}`)
  )

  constructor(
    private readonly o: {
      writerDb: Db
      readDb: Db
      now: () => number
      log: Logger
      userAgent: string
      /** the engine's validated ingest path */
      ingest: (payload: Uint8Array, source: string) => Promise<void>
      /** a feed was polled: how it went, for every console */
      polled?: (feed: FeedInfo) => void
    }
  ) {}

  start(): void {
    this.timer = setInterval(() => this.runner.kick(), CHECK_EVERY_MS)
    this.timer.unref()
    this.runner.kick()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    await this.runner.stop()
  }

  private async pollDue(): Promise<void> {
    const now = this.o.now()
    for (const f of await listFeedRows(this.o.readDb)) {
      if (f.last_polled_ms === null || f.last_polled_ms + f.interval_s * 1000 <= now) await this.poll(f)
    }
  }

  /** Polls one feed now; records how it went. */
  async poll(f: FeedRow): Promise<void> {
    const headers: Record<string, string> = {
      'user-agent': this.o.userAgent,
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1'
    }
    if (f.etag) headers['if-none-match'] = f.etag
    if (f.last_modified) headers['if-modified-since'] = f.last_modified
    let status: string
    let error: string | null = null
    let etag = f.etag
    let lastModified = f.last_modified
    let added = 0
    try {
      const res = await fetch(f.url, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' })
      if (res.status === 304) {
        status = '304: not modified'
      } else if (!res.ok) {
        throw new Error(`HTTP ${res.status} ${res.statusText}`)
      } else {
        const body = await res.arrayBuffer()
        if (body.byteLength > MAX_FEED_BYTES) throw new Error(`the feed is over ${MAX_FEED_BYTES / 1048576} MB`)
        const parsed = parseFeed(new TextDecoder().decode(body), f.url, f.channel, this.o.now())
        for (const payload of payloads(parsed.items)) await this.o.ingest(payload, `feed:${f.url}`)
        added = parsed.items.length
        etag = res.headers.get('etag')
        lastModified = res.headers.get('last-modified')
        status = `${res.status}: ${parsed.items.length} items${parsed.skipped.length ? `, ${parsed.skipped.length} skipped (${parsed.skipped[0]})` : ''}`
      }
    } catch (err) {
      status = 'failed'
      error =
        (err as Error).name === 'TimeoutError' ? `no answer in ${FETCH_TIMEOUT_MS / 1000} s` : (err as Error).message
      this.o.log.warn(`feed ${f.url}: ${error}`)
    }
    await this.o.writerDb.run(
      'UPDATE feeds SET etag = ?, last_modified = ?, last_polled_ms = ?, last_status = ?, last_error = ?, items_seen = items_seen + ? WHERE id = ?',
      [etag, lastModified, this.o.now(), status, error, added, f.id]
    )
    const after = await getFeedRow(this.o.writerDb, f.id)
    if (after) this.o.polled?.(toFeedInfo(after)) // unless removed meanwhile
  }
}

/** Items as JSON arrays under the ingest payload limit. */
function* payloads(items: readonly unknown[]): Generator<Uint8Array> {
  let batch: string[] = []
  let bytes = 2
  for (const item of items) {
    const json = JSON.stringify(item)
    const size = Buffer.byteLength(json) + 1
    if (batch.length && bytes + size > PAYLOAD_BYTES) {
      yield Buffer.from(`[${batch.join(',')}]`)
      batch = []
      bytes = 2
    }
    batch.push(json)
    bytes += size
  }
  if (batch.length) yield Buffer.from(`[${batch.join(',')}]`)
}
