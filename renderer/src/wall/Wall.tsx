// The war-room wall, first version: incident and clock, live volume per minute stacked by
// channel, totals, the latest mentions, and an indicator that never lets stale data pass
// for live.
import { useMemo } from 'react'
import { useNow } from './use-now'
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { ConsoleApi, MentionSummary } from '../../../shared/api'
import { CHANNELS, type Channel } from '../../../shared/mention'
import { TestIds } from '../../../shared/test-ids'
import { fillMinutes } from '../../../shared/volume'
import { useLiveWall, WINDOW_MINUTES } from '../api/use-live-wall'
import { channelColors, theme } from '../theme/theme'

const hhmm = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
const hhmmss = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
const utc = (ms: number) => new Date(ms).toISOString().slice(11, 16)
const fmt = new Intl.NumberFormat()

export function Wall({ api, kiosk }: { api: ConsoleApi; kiosk: boolean }) {
  const wall = useLiveWall(api)
  const now = useNow(1000)
  const channels = CHANNELS.filter((c) => (wall.byChannel[c] ?? 0) > 0)
  const data = useMemo(
    // every channel present in every minute (0 when quiet), or the stacked areas break apart
    () => fillMinutes(wall.rows, WINDOW_MINUTES).map((r) => ({ minute: r.minute, ...Object.fromEntries(CHANNELS.map((c) => [c, r.counts[c] ?? 0])) })),
    [wall.rows]
  )

  return (
    <main className={`wall${kiosk ? ' wall--kiosk' : ''}`} data-testid={TestIds.wall}>
      <header className="wall__header">
        <div className="wall__incident" data-testid={TestIds.wallIncident}>
          {wall.incident?.drill && (
            <span className="badge badge--drill" data-testid={TestIds.wallDrillBadge}>
              DRILL
            </span>
          )}
          <span>{wall.incident ? wall.incident.name : 'No active incident'}</span>
        </div>
        <IncidentClock startedAt={wall.incident?.startedAt ?? null} now={now} />
        <StaleIndicator staleSince={wall.staleSince} />
      </header>

      <section className="tile tile--chart" aria-label="Mention volume per minute">
        <h2>
          Mentions per minute <span className="muted">last {WINDOW_MINUTES} min, by channel</span>
        </h2>
        <div className="chart" data-testid={TestIds.wallVolumeChart} data-points={data.length}>
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
              <XAxis dataKey="minute" tickFormatter={hhmm} stroke={theme.textMuted} minTickGap={40} />
              <YAxis stroke={theme.textMuted} allowDecimals={false} width={56} />
              <Tooltip labelFormatter={(v) => hhmm(Number(v))} contentStyle={{ background: theme.surface, border: 'none' }} />
              <Legend />
              {channels.map((c) => (
                <Area
                  key={c}
                  type="stepAfter"
                  dataKey={c}
                  name={c}
                  stackId="volume"
                  stroke={channelColors[c]}
                  fill={channelColors[c]}
                  fillOpacity={0.75}
                  isAnimationActive={false}
                  dot={false}
                />
              ))}
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </section>

      <section className="tile tile--totals" aria-label="Totals">
        <h2>Total mentions</h2>
        <div className="total" data-testid={TestIds.wallTotal}>
          {fmt.format(wall.total)}
        </div>
        <ul className="channel-totals">
          {channels.map((c: Channel) => (
            <li key={c} data-testid={TestIds.wallChannelTotal(c)}>
              <span className="swatch" style={{ background: channelColors[c] }} aria-hidden />
              <span className="channel-name">{c}</span>
              <span className="channel-count">{fmt.format(wall.byChannel[c] ?? 0)}</span>
            </li>
          ))}
        </ul>
      </section>

      {/* Tiles whose signals come with later work. They say so plainly: an empty alerts tile
          would read as "no spikes" when nothing is watching for spikes yet. */}
      <section className="wall__pending" aria-label="Not yet available">
        <PendingTile testId={TestIds.wallSentiment} title="Sentiment" why="not measured yet: sentiment analysis is not part of this version" />
        <PendingTile testId={TestIds.wallAlerts} title="Spike alerts" why="not watched yet: spike detection is not part of this version" />
        <PendingTile testId={TestIds.wallStatement} title="Holding statement" why="none: holding statements are not part of this version" />
      </section>

      <section className="tile tile--latest" aria-label="Latest mentions">
        <h2>Latest mentions</h2>
        <ol className="latest" data-testid={TestIds.wallLatest}>
          {[...wall.latest].reverse().map((m) => (
            <LatestMention key={`${m.channel}:${m.id}`} m={m} />
          ))}
        </ol>
      </section>
    </main>
  )
}

function PendingTile({ testId, title, why }: { testId: string; title: string; why: string }) {
  return (
    <div className="tile tile--pending" data-testid={testId} data-state="unavailable">
      <h2>{title}</h2>
      <p className="muted">{why}</p>
    </div>
  )
}

function LatestMention({ m }: { m: MentionSummary }) {
  // Mention text is hostile input: React renders it as text, never as HTML, and dir="auto"
  // lets Hebrew and Arabic read right to left.
  return (
    <li>
      <span className="latest__meta">
        {m.channel} · @{m.author}
        {m.followers >= 100_000 ? ` · ${fmt.format(m.followers)} followers` : ''}
      </span>
      <span className="latest__text" dir="auto" lang={m.lang ?? undefined}>
        {m.text}
      </span>
    </li>
  )
}

function IncidentClock({ startedAt, now }: { startedAt: string | null; now: number }) {
  let since = ''
  if (startedAt) {
    const mins = Math.max(0, Math.floor((now - Date.parse(startedAt)) / 60_000))
    since = `T+${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`
  }
  return (
    <div className="wall__clock" data-testid={TestIds.wallClock}>
      {since && <span className="clock__since">{since}</span>}
      <span>{hhmm(now)} local</span>
      <span className="muted">{utc(now)} UTC</span>
    </div>
  )
}

function StaleIndicator({ staleSince }: { staleSince: number | null }) {
  const live = staleSince === null
  return (
    <div
      className={`status ${live ? 'status--live' : 'status--stale'}`}
      data-testid={TestIds.wallStale}
      data-state={live ? 'live' : 'stale'}
      role="status"
      aria-live="assertive"
    >
      <span className="status__shape" aria-hidden>
        {live ? '●' : '▲'}
      </span>
      {live ? 'connected' : `stale since ${hhmmss(staleSince)}`}
    </div>
  )
}
