// RSS/Atom feeds as sources: add, list with how the last poll went, remove, poll now.
import { refuse } from './api-failure'
import type { HandlerContext, Handlers } from './context'
import { getFeedRow, listFeedRows, toFeedInfo, type FeedPoller } from '../ingest/feed-poller'

export function feedHandlers(
  ctx: HandlerContext,
  poller: FeedPoller
): Handlers<'listFeeds' | 'addFeed' | 'removeFeed' | 'pollFeed'> {
  const { writerDb, readDb } = ctx
  return {
    listFeeds: async () => (await listFeedRows(readDb)).map(toFeedInfo),
    async addFeed({ url, channel, intervalSeconds }, { actor }) {
      const id = await writerDb.transaction(async () => {
        if ((await listFeedRows(writerDb)).some((f) => f.url === url))
          refuse('conflict', `url: ${url} is already a source`)
        return (
          await writerDb.run(
            'INSERT INTO feeds (url, channel, interval_s, added_by, added_ms) VALUES (?, ?, ?, ?, ?)',
            [url, channel, intervalSeconds, actor.name, ctx.now()]
          )
        ).lastID
      })
      const row = (await getFeedRow(writerDb, id))!
      await poller.poll(row) // the first look at once, so a wrong address shows now, not in five minutes
      return toFeedInfo((await getFeedRow(writerDb, id))!)
    },
    async removeFeed({ id }) {
      const row = (await getFeedRow(writerDb, id)) ?? refuse('not_found', `no feed ${id}`)
      await writerDb.run('DELETE FROM feeds WHERE id = ?', [id])
      ctx.emit({ type: 'feed', feed: toFeedInfo(row), removed: true })
      return toFeedInfo(row)
    },
    async pollFeed({ id }) {
      const row = (await getFeedRow(writerDb, id)) ?? refuse('not_found', `no feed ${id}`)
      await poller.poll(row)
      return toFeedInfo((await getFeedRow(writerDb, id))!)
    }
  }
}
