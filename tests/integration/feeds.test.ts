// RSS/Atom feeds as sources: a real HTTP server serving a Google-Alerts-style Atom feed and
// an RSS feed. Items become mentions through the engine's ingest path; the next poll is a
// conditional GET (If-None-Match, If-Modified-Since) that costs a 304; a changed feed adds
// only what is new; a broken feed says why.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { openDb } from '../../electron/core/store/db'
import { startTeamHost } from '../support/team-host'

let cleanup: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

const atom = (entries: { id: string; title: string; at: string }[]) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Google Alert - ash cloud</title><id>tag:google.com,2005:reader/user/1/state/alerts/1</id>
${entries.map((e) => `<entry><id>${e.id}</id><title type="html">${e.title}</title><link href="https://www.google.com/url?q=https://news.example/${e.id}"/><published>${e.at}</published><updated>${e.at}</updated><content type="html">&lt;b&gt;Ash&lt;/b&gt; cloud closes airports &amp;amp; more</content><author><name>Google Alerts</name></author></entry>`).join('\n')}
</feed>`

const RSS = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Travel blog</title>
<item><title>Stuck in Oslo</title><link>https://blog.example/oslo</link><guid>blog-1</guid><pubDate>Sat, 17 Apr 2010 10:00:00 +0200</pubDate><description>&lt;p&gt;Day two at &lt;i&gt;OSL&lt;/i&gt;&lt;/p&gt;</description><dc:creator>Kari</dc:creator></item>
<item><title>No date here</title><guid>blog-2</guid></item>
</channel></rss>`

async function feedServer() {
  const requests: { path: string; headers: http.IncomingHttpHeaders }[] = []
  let atomBody = atom([
    { id: 'a1', title: 'Ash cloud: flights grounded', at: '2010-04-15T09:00:00Z' },
    { id: 'a2', title: 'KLM cancels all flights', at: '2010-04-15T10:00:00Z' }
  ])
  let atomTag = '"v1"'
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers })
    if (req.url === '/alerts.atom') {
      if (req.headers['if-none-match'] === atomTag) return void res.writeHead(304).end()
      return void res.writeHead(200, { 'content-type': 'application/atom+xml', etag: atomTag }).end(atomBody)
    }
    if (req.url === '/blog.rss') {
      const lm = 'Sat, 17 Apr 2010 08:00:00 GMT'
      if (req.headers['if-modified-since'] === lm) return void res.writeHead(304).end()
      return void res.writeHead(200, { 'content-type': 'application/rss+xml', 'last-modified': lm }).end(RSS)
    }
    if (req.url === '/broken')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>not a feed</body></html>')
    res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  cleanup.push(() => new Promise((r) => server.close(r)))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    change(entries: Parameters<typeof atom>[0], tag: string) {
      atomBody = atom(entries)
      atomTag = tag
    }
  }
}

describe('RSS and Atom feeds', () => {
  it('polls with conditional GET, stores each item once, and says when a feed is broken', async () => {
    const feeds = await feedServer()
    const host = await startTeamHost()
    cleanup.push(() => host.dispose())
    const ops = await host.join('olga', ['ops'])
    const viewer = await host.join('vera', ['viewer'])
    const stored = async () => {
      const db = await openDb(host.engine.dbFile, { readonly: true })
      try {
        return await db.all<{ channel: string; id: string; author_handle: string; text: string; ts_ms: number }>(
          'SELECT channel, id, author_handle, text, ts_ms FROM mentions ORDER BY ts_ms'
        )
      } finally {
        await db.close()
      }
    }

    expect((await viewer.call('POST', '/api/feeds', { url: `${feeds.url}/alerts.atom` })).status).toBe(403)
    expect((await ops.call('POST', '/api/feeds', { url: 'file:///etc/passwd' })).status).toBe(400)
    const added = await ops.call('POST', '/api/feeds', { url: `${feeds.url}/alerts.atom`, channel: 'news' })
    expect(added.status).toBe(200)
    expect(added.body).toMatchObject({ lastStatus: '200: 2 items', itemsSeen: 2, lastError: null })
    expect(feeds.requests.at(-1)!.headers['user-agent']).toMatch(/^CrisisConsole\//)
    expect((await stored()).map((m) => [m.channel, m.id, m.author_handle, m.text])).toEqual([
      ['news', 'feed:a1', 'Google Alerts', 'Ash cloud: flights grounded — Ash cloud closes airports & more'],
      ['news', 'feed:a2', 'Google Alerts', 'KLM cancels all flights — Ash cloud closes airports & more']
    ])
    expect((await ops.call('POST', '/api/feeds', { url: `${feeds.url}/alerts.atom` })).status).toBe(409)

    // unchanged: a conditional GET answered 304, nothing stored
    const again = await ops.call('POST', `/api/feeds/${added.body.id}/poll`, {})
    expect(feeds.requests.at(-1)!.headers['if-none-match']).toBe('"v1"')
    expect(again.body.lastStatus).toBe('304: not modified')
    expect(await stored()).toHaveLength(2)

    // changed: one old entry, one new; only the new one is added
    feeds.change(
      [
        { id: 'a2', title: 'KLM cancels all flights', at: '2010-04-15T10:00:00Z' },
        { id: 'a3', title: 'SAS grounds fleet', at: '2010-04-15T11:00:00Z' }
      ],
      '"v2"'
    )
    expect((await ops.call('POST', `/api/feeds/${added.body.id}/poll`, {})).body.lastStatus).toBe('200: 2 items')
    expect((await stored()).map((m) => m.id)).toEqual(['feed:a1', 'feed:a2', 'feed:a3'])

    // a post dated ahead of the clock (scheduled, or the site's zone wrong) is news now
    const before = Date.now()
    feeds.change([{ id: 'a4', title: 'Airspace to reopen', at: new Date(before + 3 * 3600_000).toISOString() }], '"v3"')
    await ops.call('POST', `/api/feeds/${added.body.id}/poll`, {})
    const reopen = (await stored()).find((m) => m.id === 'feed:a4')!
    expect(reopen.ts_ms).toBeGreaterThanOrEqual(before)
    expect(reopen.ts_ms).toBeLessThanOrEqual(Date.now())

    // RSS with Last-Modified; an item without a date is skipped with its reason
    const blog = await ops.call('POST', '/api/feeds', {
      url: `${feeds.url}/blog.rss`,
      channel: 'blog',
      intervalSeconds: 600
    })
    expect(blog.body.lastStatus).toBe('200: 1 items, 1 skipped (item 2 ("No date here"): no date)')
    const post = (await stored()).find((m) => m.id === 'feed:blog-1')!
    expect(post).toMatchObject({ channel: 'blog', author_handle: 'Kari', text: 'Stuck in Oslo — Day two at OSL' })
    expect(new Date(post.ts_ms).toISOString()).toBe('2010-04-17T08:00:00.000Z')
    await ops.call('POST', `/api/feeds/${blog.body.id}/poll`, {})
    expect(feeds.requests.at(-1)!.headers['if-modified-since']).toBe('Sat, 17 Apr 2010 08:00:00 GMT')

    const watching = await viewer.listen() // another console: told of each poll and removal as it happens
    const broken = await ops.call('POST', '/api/feeds', { url: `${feeds.url}/broken` })
    expect(broken.body).toMatchObject({ lastStatus: 'failed', lastError: 'neither an RSS channel nor an Atom feed' })
    expect(await watching.next((e) => e.type === 'feed')).toMatchObject({
      type: 'feed',
      removed: false,
      feed: { id: broken.body.id, lastError: 'neither an RSS channel nor an Atom feed' }
    })
    const missing = await ops.call('POST', '/api/feeds', { url: `${feeds.url}/gone` })
    expect(missing.body).toMatchObject({ lastStatus: 'failed', lastError: 'HTTP 404 Not Found' })

    const list = (await viewer.call('GET', '/api/feeds')).body as { url: string }[]
    expect(list.map((f) => f.url.replace(feeds.url, ''))).toEqual(['/alerts.atom', '/blog.rss', '/broken', '/gone'])
    expect((await ops.call('DELETE', `/api/feeds/${broken.body.id}`)).status).toBe(200)
    await watching.next((e) => e.type === 'feed' && e.removed && e.feed.id === broken.body.id)
    watching.close()
    expect((await viewer.call('GET', '/api/feeds')).body).toHaveLength(3)
  })
})
