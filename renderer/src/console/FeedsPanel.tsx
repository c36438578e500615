// RSS/Atom sources (Google Alerts, news and blog feeds): what is polled, how the last poll
// went (as each poll ends), and for ops, leads and admins: add one, poll now, remove.
import { useState } from 'react'
import { INGEST_ROLES, type ConsoleApi } from '../../../shared/api'
import { FEED_CHANNELS, type FeedInfo } from '../../../shared/feeds'
import { TestIds } from '../../../shared/test-ids'
import { useLiveCall } from '../api/use-live-call'

export function FeedsPanel({ api, roles }: { api: ConsoleApi; roles: readonly string[] }) {
  const { value: feeds = [], reload } = useLiveCall(api, 'listFeeds', {}, (e) => e.type === 'feed')
  const [url, setUrl] = useState('')
  const [channel, setChannel] = useState<FeedInfo['channel']>('news')
  const [error, setError] = useState<string | null>(null)
  const canEdit = roles.some((r) => (INGEST_ROLES as readonly string[]).includes(r))
  const after = (r: { ok: boolean; error?: { message: string } }) => {
    setError(r.ok ? null : (r.error?.message ?? 'failed'))
    void reload()
  }
  return (
    <section className="tile dead-letters" aria-label="Feeds" data-testid={TestIds.feedsPanel}>
      <h2>Feeds</h2>
      {feeds.length === 0 && <p className="muted">No RSS or Atom feeds yet.</p>}
      <ul>
        {feeds.map((f) => (
          <li key={f.id} data-testid={TestIds.feedRow(f.id)}>
            <span className="feed__url">{f.url}</span>{' '}
            <span className="muted">
              ({f.channel}) {f.lastStatus ?? 'not polled yet'}
              {f.lastError ? `: ${f.lastError}` : ''}
            </span>
            {canEdit && (
              <>
                {' '}
                <button onClick={() => void api.call('pollFeed', { id: f.id }).then(after)}>Poll now</button>{' '}
                <button onClick={() => void api.call('removeFeed', { id: f.id }).then(after)}>Remove</button>
              </>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            void api.call('addFeed', { url, channel }).then((r) => {
              if (r.ok) setUrl('')
              after(r)
            })
          }}
        >
          <input
            data-testid={TestIds.feedUrl}
            aria-label="feed address"
            type="url"
            placeholder="https://… RSS or Atom (e.g. a Google Alert)"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            required
          />
          <select
            aria-label="feed items count as"
            value={channel}
            onChange={(e) => setChannel(e.target.value as FeedInfo['channel'])}
          >
            {FEED_CHANNELS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          <button data-testid={TestIds.feedAdd}>Add feed</button>
        </form>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  )
}
