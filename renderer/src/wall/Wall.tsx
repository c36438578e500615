// The war-room wall: the tiles of its layout (any order, any subset), each saying how old its
// data is; a banner over everything when the hub is lost (it reconnects by itself) and one
// when a severe alert is new, until a console acknowledges it. Sizes scale with the viewport
// (rem over a root set in vmin), colours are Okabe-Ito and never carry meaning alone, and a
// kiosk wall shifts by a few pixels now and then against burn-in.
import { memo, useMemo, type ReactNode } from 'react'
import { useNow } from './use-now'
import { useAlertTone, usePixelShift, useThrottled } from './wall-hooks'
import { WALL_TILE_LABELS, type WallTileId } from '../../../shared/wall'
import type { RisingTermEntry } from '../../../shared/wall'
import type { PresenceEntry } from '../../../shared/team'
import { StackedMinutesChart } from './StackedMinutesChart'
import type { ConsoleApi, MentionSummary } from '../../../shared/api'
import { CHANNELS, type Channel } from '../../../shared/mention'
import { TestIds } from '../../../shared/test-ids'
import { fillMinutes } from '../../../shared/volume'
import { useLiveWall, WINDOW_MINUTES, type LiveWall } from '../api/use-live-wall'
import { channelColors, sentimentColors } from '../theme/theme'
import type { WallStatement } from '../../../shared/statements'
import type { SentimentPoint } from '../../../shared/volume'
import { channelStateInWords, presenceInWords, type ChannelStatus } from '../../../shared/broadcast'
import { duration, PromiseClock, promiseState } from '../statements/PromiseClock'
import { describeAlert, type SpikeAlert } from '../../../shared/alerts'

// formatters made once: toLocaleTimeString builds one per call, and chart ticks call it a lot
const HHMM = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' })
const HHMMSS = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
const hhmm = (ms: number) => HHMM.format(ms)
const hhmmss = (ms: number) => HHMMSS.format(ms)
const utc = (ms: number) => new Date(ms).toISOString().slice(11, 16)
const fmt = new Intl.NumberFormat()

export function Wall({ api, kiosk, layout }: { api: ConsoleApi; kiosk: boolean; layout?: number }) {
  const wall = useLiveWall(api, layout)
  const now = useNow(1000)
  const shift = usePixelShift(kiosk)
  if (wall.unpaired) return <Unpaired reason={wall.unpaired} />
  const tile = (id: WallTileId) => {
    switch (id) {
      case 'volume':
        return <MemoVolumeTile rows={wall.rows} />
      case 'totals':
        return <MemoTotalsTile total={wall.total} byChannel={wall.byChannel} sentiment={wall.sentiment} />
      case 'sentiment':
        return <MemoSentimentTile points={wall.sentiment} />
      case 'alerts':
        return <AlertsTile alerts={wall.alerts} now={now} />
      case 'statement':
        return <WallStatementTile statement={wall.statement} now={now} hasIncident={wall.incident !== null} />
      case 'risingTerms':
        return <MemoRisingTermsTile terms={wall.risingTerms} />
      case 'topNegative':
        return <MemoTopNegativeTile mentions={wall.topNegative} />
      case 'channels':
        return <ChannelStrip channels={wall.channels} now={now} />
      case 'team':
        return <MemoTeamTile team={wall.team} />
      case 'latest':
        return <MemoLatestTile latest={wall.latest} />
    }
  }

  return (
    <main
      className={`wall${kiosk ? ' wall--kiosk' : ''}`}
      data-testid={TestIds.wall}
      data-layout={wall.layout.id}
      style={shift}
    >
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
      <ConnectionBanner staleSince={wall.staleSince} now={now} />
      <SevereAlertBanner alerts={wall.alerts} now={now} sound={wall.layout.sound} />
      <div className="wall__tiles">
        {wall.layout.tiles.map((id) => (
          <TileAge key={id} id={id} lastHeard={wall.lastHeard} now={now}>
            {tile(id)}
          </TileAge>
        ))}
      </div>
    </main>
  )
}

// The clock ticks every second; tiles whose data did not change are not redrawn (charts are the costly part)
const MemoVolumeTile = memo(VolumeTile)
const MemoTotalsTile = memo(TotalsTile)
const MemoSentimentTile = memo(SentimentTile)
const MemoRisingTermsTile = memo(RisingTermsTile)
const MemoTopNegativeTile = memo(TopNegativeTile)
const MemoTeamTile = memo(TeamTile)
const MemoLatestTile = memo(LatestTile)

/** Wraps a tile with how old its data is: "live" while the hub is heard from, else since when. */
function TileAge({
  id,
  lastHeard,
  now,
  children
}: {
  id: WallTileId
  lastHeard: number
  now: number
  children: ReactNode
}) {
  const age = lastHeard ? Math.max(0, now - lastHeard) : null
  const live = age !== null && age < STALE_MS
  return (
    <div className={`tile-slot tile-slot--${id}`} data-tile={id} data-age-ms={age ?? ''}>
      {children}
      <p
        className={`tile__age${live ? '' : ' tile__age--old'}`}
        aria-label={`${WALL_TILE_LABELS[id]}: data ${live ? 'live' : 'old'}`}
      >
        {age === null ? 'no data yet' : live ? 'live' : `⚠ as of ${hhmmss(lastHeard)}, ${duration(age)} old`}
      </p>
    </div>
  )
}

const STALE_MS = 3000

/** How often the charts redraw at most; the numbers beside them follow every change. */
const CHART_EVERY_MS = 2000

function VolumeTile({ rows: liveRows }: { rows: LiveWall['rows'] }) {
  const rows = useThrottled(liveRows, CHART_EVERY_MS)
  const { data, series } = useMemo(() => {
    // every channel present in every minute (0 when quiet), or the stacked areas break apart
    const data = fillMinutes(rows, WINDOW_MINUTES).map((r) => ({
      minute: r.minute,
      ...Object.fromEntries(CHANNELS.map((c) => [c, r.counts[c] ?? 0]))
    }))
    const series = CHANNELS.filter((c) => rows.some((r) => (r.counts[c] ?? 0) > 0)).map((c) => ({
      key: c,
      color: channelColors[c]
    }))
    return { data, series }
  }, [rows])
  return (
    <section
      className="tile tile--chart"
      data-testid={TestIds.wallTile('volume')}
      aria-label="Mention volume per minute"
    >
      <h2>
        Mentions per minute <span className="muted">last {WINDOW_MINUTES} min, by channel</span>
      </h2>
      <StackedMinutesChart data={data} series={series} grid testId={TestIds.wallVolumeChart} />
    </section>
  )
}

function TotalsTile({
  total,
  byChannel,
  sentiment
}: {
  total: number
  byChannel: LiveWall['byChannel']
  sentiment: SentimentPoint[]
}) {
  const channels = CHANNELS.filter((c) => (byChannel[c] ?? 0) > 0)
  // unique voices next to raw volume (retweets and near-copies collapsed), over the analyzed mentions of the window
  const analyzed = sentiment.reduce((a, p) => a + p.negative + p.neutral + p.positive, 0)
  const originals = sentiment.reduce((a, p) => a + p.originals, 0)
  return (
    <section className="tile tile--totals" data-testid={TestIds.wallTile('totals')} aria-label="Totals">
      <h2>Total mentions</h2>
      <div className="total" data-testid={TestIds.wallTotal}>
        {fmt.format(total)}
      </div>
      <p className="muted" data-testid={TestIds.wallUniqueVoices} data-originals={originals} data-analyzed={analyzed}>
        {analyzed
          ? `${fmt.format(originals)} of ${fmt.format(analyzed)} unique voices (${WINDOW_MINUTES} min)`
          : 'unique voices: nothing analyzed yet'}
      </p>
      <ul className="channel-totals">
        {channels.map((c: Channel) => (
          <li key={c} data-testid={TestIds.wallChannelTotal(c)}>
            <span className="swatch" style={{ background: channelColors[c] }} aria-hidden />
            <span className="channel-name">{c}</span>
            <span className="channel-count">{fmt.format(byChannel[c] ?? 0)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

function LatestTile({ latest }: { latest: MentionSummary[] }) {
  return (
    <section className="tile tile--latest" data-testid={TestIds.wallTile('latest')} aria-label="Latest mentions">
      <h2>Latest mentions</h2>
      <ol className="latest" data-testid={TestIds.wallLatest}>
        {[...latest].reverse().map((m) => (
          <LatestMention key={`${m.channel}:${m.id}`} m={m} />
        ))}
      </ol>
    </section>
  )
}

function RisingTermsTile({ terms }: { terms: RisingTermEntry[] }) {
  return (
    <section className="tile tile--rising" data-testid={TestIds.wallTile('risingTerms')} aria-label="Rising terms">
      <h2>
        Rising terms <span className="muted">last 10 min against the hour before</span>
      </h2>
      {terms.length === 0 && <p className="muted">Nothing rising.</p>}
      <ol className="rising" data-testid={TestIds.wallRisingTerms}>
        {terms.map((t) => (
          <li key={t.term}>
            <span className="rising__term" dir="auto" lang={t.langs[0]}>
              {t.term}
            </span>{' '}
            <span className="muted">
              {t.count} against {t.baseline} · {t.langs.join(', ')}
            </span>
          </li>
        ))}
      </ol>
    </section>
  )
}

function TopNegativeTile({ mentions }: { mentions: MentionSummary[] }) {
  return (
    <section
      className="tile tile--top-negative"
      data-testid={TestIds.wallTile('topNegative')}
      aria-label="Top negative high-reach mentions"
    >
      <h2>
        Loudest negative <span className="muted">last hour, by followers</span>
      </h2>
      {mentions.length === 0 && <p className="muted">No negative high-reach mention in the last hour.</p>}
      <ol className="latest" data-testid={TestIds.wallTopNegative}>
        {mentions.map((m) => (
          <LatestMention key={`${m.channel}:${m.id}`} m={m} />
        ))}
      </ol>
    </section>
  )
}

function TeamTile({ team }: { team: PresenceEntry[] }) {
  return (
    <section className="tile tile--team" data-testid={TestIds.wallTile('team')} aria-label="Team on duty">
      <h2>
        Team on duty <span className="muted">{team.length} connected</span>
      </h2>
      <ul className="team" data-testid={TestIds.wallTeam}>
        {team.map((p) => (
          <li key={p.name}>
            <strong>{p.name}</strong>{' '}
            <span className="muted">
              {p.roles.join(', ')}
              {p.holding ? ` · holding ${p.holding}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The whole wall says so when the hub is gone; it reconnects by itself (web-transport.ts). */
function ConnectionBanner({ staleSince, now }: { staleSince: number | null; now: number }) {
  if (staleSince === null) return null
  return (
    <div className="wall__banner wall__banner--connection" data-testid={TestIds.wallConnectionBanner} role="alert">
      ▲ Connection to the console hub lost at {hhmmss(staleSince)} ({duration(now - staleSince)} ago). Reconnecting by
      itself; every figure below is as of then.
    </div>
  )
}

/** A new severe alert takes over a banner until someone acknowledges it from a console. */
function SevereAlertBanner({ alerts, now, sound }: { alerts: SpikeAlert[]; now: number; sound: boolean }) {
  const severe = alerts.find(
    (a) => a.severity === 'severe' && a.acknowledgedAt === null && now - Date.parse(a.createdAt) < CURRENT_ALERT_MS
  )
  useAlertTone(sound && severe !== undefined)
  if (!severe) return null
  return (
    <div
      className="wall__banner wall__banner--alert"
      data-testid={TestIds.wallAlertBanner}
      data-alert={severe.id}
      role="alert"
    >
      ▲▲ SEVERE SPIKE since {hhmm(Date.parse(severe.startedAt))}: {describeAlert(severe)}. Acknowledge it from a
      console.
    </div>
  )
}

function Unpaired({ reason }: { reason: string }) {
  return (
    <main className="wall wall--kiosk wall--unpaired" data-testid={TestIds.wallUnpaired}>
      <h1>This screen is not paired</h1>
      <p>{reason}</p>
      <p className="muted">Pair it from a console: Walls → Pair a screen, then open the pairing link on this screen.</p>
    </main>
  )
}

/** Minutes the headline negative share is taken over: recent enough to move, long enough not to flicker. */
const SHARE_MINUTES = 10

const SENTIMENT_SERIES = (['negative', 'neutral', 'positive'] as const).map((k) => ({
  key: k,
  color: sentimentColors[k]
}))

/** Sentiment over time (mentions per minute by sentiment, stacked) and the recent negative share in words. */
function SentimentTile({ points: livePoints }: { points: SentimentPoint[] }) {
  // half a period after the volume chart: one chart's redraw per task
  const points = useThrottled(livePoints, CHART_EVERY_MS, CHART_EVERY_MS / 2)
  const recent = points.slice(-SHARE_MINUTES)
  const total = recent.reduce((a, p) => a + p.negative + p.neutral + p.positive, 0)
  const negative = recent.reduce((a, p) => a + p.negative, 0)
  const share = total ? Math.round((negative / total) * 100) : null
  return (
    <section
      className="tile tile--sentiment"
      data-testid={TestIds.wallSentiment}
      data-state={total ? 'live' : 'none'}
      data-negative-share={share ?? ''}
      aria-label="Sentiment"
    >
      <h2 className="tile__one-line">
        Sentiment{' '}
        <span className="muted">
          {share === null ? 'nothing analyzed yet' : `${share}% negative, last ${SHARE_MINUTES} min`}
        </span>
      </h2>
      <StackedMinutesChart data={points} series={SENTIMENT_SERIES} grid={false} small />
    </section>
  )
}

/** Which variant the wall reads out: the short public text, as people on social media see it. */
const WALL_VARIANT_ORDER = ['x', 'mastodon', 'bluesky', 'sms', 'statuspage', 'facebook'] as const
const wallVariant = (s: WallStatement) => [...s.variants].sort((a, b) => rank(a.channel) - rank(b.channel))[0]
const rank = (c: string) => {
  const i = (WALL_VARIANT_ORDER as readonly string[]).indexOf(c)
  return i === -1 ? WALL_VARIANT_ORDER.length : i
}

function WallStatementTile({
  statement,
  now,
  hasIncident
}: {
  statement: WallStatement | null
  now: number
  hasIncident: boolean
}) {
  if (!statement) {
    return (
      <section
        className="tile tile--statement"
        data-testid={TestIds.wallStatement}
        data-state="none"
        aria-label="Holding statement"
      >
        <h2>Holding statement</h2>
        <p className="muted">{hasIncident ? 'No statement approved yet for this incident.' : 'No active incident.'}</p>
      </section>
    )
  }
  const v = wallVariant(statement)
  const languages = [...new Set(statement.variants.map((x) => x.lang))]
  const channels = [...new Set(statement.variants.map((x) => x.channel))]
  return (
    <section
      className="tile tile--statement"
      data-testid={TestIds.wallStatement}
      data-state={promiseState(statement.nextUpdateAt, now) === 'broken' ? 'promise-broken' : 'current'}
      aria-label="Holding statement"
    >
      <h2>
        Holding statement <span className="muted">{statement.title}</span>
      </h2>
      <p className="statement__text" dir="auto" lang={v.lang} data-testid={TestIds.wallStatementText}>
        {v.text}
      </p>
      <p className="muted">
        approved {hhmm(Date.parse(statement.approvedAt))} ({duration(now - Date.parse(statement.approvedAt))} ago) ·
        revision {statement.revision} · {channels.length} channels in {languages.join(', ')}
      </p>
      <PromiseClock dueAt={statement.nextUpdateAt} now={now} testId={TestIds.wallPromiseClock} />
    </section>
  )
}

/** What each channel carries now: its last delivery's state, the age of what it confirmed, and a failure in words. */
function ChannelStrip({ channels, now }: { channels: ChannelStatus[]; now: number }) {
  const used = channels.filter((c) => c.state !== null)
  // channels with nothing behind them are shown before anyone broadcasts, never left out as
  // if fine: one line per kind of absence, so a dozen idle channels don't push the rest out
  const idle = (['none', 'offline'] as const)
    .map((gateway) => ({ gateway, channels: channels.filter((c) => c.state === null && c.gateway === gateway) }))
    .filter((g) => g.channels.length > 0)
  return (
    <section className="tile tile--strip" data-testid={TestIds.wallTile('channels')} aria-label="Channels">
      <h2>Channels</h2>
      {used.length === 0 && <p className="muted">Nothing broadcast yet.</p>}
      <ul className="strip">
        {used.map((c) => (
          <li
            key={c.channel}
            data-testid={TestIds.wallChannel(c.channel)}
            data-state={c.state ?? ''}
            data-gateway={c.gateway}
            className={`strip__item delivery--${c.state}`}
          >
            <strong>{c.channel}</strong> <span>{channelStateInWords(c)}</span>{' '}
            {presenceInWords(c.gateway) && <span className="check--bad">{presenceInWords(c.gateway)} </span>}
            <span className="muted">
              {c.confirmedAt
                ? `statement ${c.confirmedStatement}, ${duration(now - Date.parse(c.confirmedAt))} ago`
                : 'nothing confirmed yet'}
            </span>
          </li>
        ))}
        {idle.map((g) => (
          <li key={g.gateway} className={`strip__item delivery--${g.gateway === 'none' ? 'failed' : 'queued'}`}>
            {/* the count first: the names may run past the tile's foot */}
            <span>
              {presenceInWords(g.gateway)} ({g.channels.length}):
            </span>{' '}
            {g.channels.map((c, k) => (
              <span key={c.channel} data-testid={TestIds.wallChannel(c.channel)} data-state="" data-gateway={c.gateway}>
                <strong>{c.channel}</strong>
                {k < g.channels.length - 1 ? ', ' : ''}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Alerts shown as current: raised within this long, or not yet acknowledged. */
const CURRENT_ALERT_MS = 60 * 60_000

/** Current spike alerts, newest first, each with what rose and why; severity in words as well as colour. */
function AlertsTile({ alerts, now }: { alerts: SpikeAlert[]; now: number }) {
  const current = alerts
    .filter((a) => a.acknowledgedAt === null || now - Date.parse(a.createdAt) < CURRENT_ALERT_MS)
    .slice(0, 4)
  return (
    <section
      className="tile tile--alerts"
      data-testid={TestIds.wallAlerts}
      data-state={current.length ? 'alerting' : 'watching'}
      data-count={current.length}
      aria-label="Spike alerts"
    >
      <h2>
        Spike alerts{' '}
        <span className="muted">
          {current.length ? `${current.length} current` : 'watching: no spike in the last hour'}
        </span>
      </h2>
      <ol className="alerts">
        {current.map((a) => (
          <li
            key={a.id}
            className={`alert alert--${a.severity}`}
            data-testid={TestIds.wallAlert(a.id)}
            data-severity={a.severity}
            data-acknowledged={a.acknowledgedAt !== null}
          >
            <span className="alert__head">
              {a.severity === 'severe' ? '▲▲ SEVERE' : '▲ SPIKE'} since {hhmm(Date.parse(a.startedAt))}
              {a.acknowledgedBy ? ` · seen by ${a.acknowledgedBy}` : ''}
            </span>
            <span className="alert__what">{describeAlert(a)}</span>
            {a.drivers.terms.length > 0 && (
              <span className="alert__terms" dir="auto">
                {a.drivers.terms.map((t) => t.key).join(' · ')}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
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
