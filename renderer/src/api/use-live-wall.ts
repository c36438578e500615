// The wall's live state: a snapshot on every (re)connect, then pushed deltas merged into a
// bounded buffer. "Stale" means no word from the engine for three heartbeats, whatever
// the reason, so a wall never shows a silently stopped chart.
import { useEffect, useState } from 'react'
import { HEARTBEAT_MS, type ConsoleApi, type IncidentSummary, type MentionSummary } from '../../../shared/api'
import type { Channel } from '../../../shared/mention'
import { mergeVolume, type VolumeRow } from '../../../shared/volume'

/** minutes of history the live buffer keeps (the chart shows the last WINDOW_MINUTES) */
export const BUFFER_MINUTES = 180
export const WINDOW_MINUTES = 60
const LATEST_KEPT = 12
const STALE_AFTER_MS = 3 * HEARTBEAT_MS

export interface LiveWall {
  incident: IncidentSummary | null
  total: number
  deadLetters: number
  byChannel: Partial<Record<Channel, number>>
  rows: VolumeRow[]
  latest: MentionSummary[]
  /** null while live; once the engine goes quiet, the moment it was last heard from */
  staleSince: number | null
}

const empty: LiveWall = { incident: null, total: 0, deadLetters: 0, byChannel: {}, rows: [], latest: [], staleSince: Date.now() }

export function useLiveWall(api: ConsoleApi): LiveWall {
  const [wall, setWall] = useState<LiveWall>(empty)

  useEffect(() => {
    let cancelled = false
    let lastHeard = 0
    const heard = () => {
      lastHeard = Date.now()
      setWall((w) => (w.staleSince === null ? w : { ...w, staleSince: null }))
    }
    const loadSnapshot = async () => {
      const res = await api.call('wallSnapshot', { minutes: WINDOW_MINUTES })
      if (cancelled || !res.ok) return
      const s = res.value
      heard()
      setWall((w) => ({
        ...w,
        incident: s.incident,
        total: s.totals.mentions,
        deadLetters: s.totals.deadLetters,
        byChannel: s.totals.byChannel,
        rows: mergeVolume([], s.volume, BUFFER_MINUTES),
        latest: s.latest
      }))
    }
    const offEvents = api.subscribe((event) => {
      heard()
      if (event.type !== 'ingested' || event.inserted + event.deadLetters === 0) return
      setWall((w) => {
        const byChannel = { ...w.byChannel }
        for (const d of event.deltas) byChannel[d.channel] = (byChannel[d.channel] ?? 0) + d.count
        return {
          ...w,
          total: event.totals.mentions,
          deadLetters: event.totals.deadLetters,
          byChannel,
          rows: mergeVolume(w.rows, event.deltas, BUFFER_MINUTES),
          latest: [...w.latest, ...event.latest].slice(-LATEST_KEPT)
        }
      })
    })
    const offConnection = api.onConnection((state) => {
      if (state === 'up') void loadSnapshot() // catch up on whatever was missed while away
    })
    void loadSnapshot()
    const watchdog = setInterval(() => {
      if (lastHeard && Date.now() - lastHeard > STALE_AFTER_MS) {
        setWall((w) => (w.staleSince !== null ? w : { ...w, staleSince: lastHeard }))
      }
    }, HEARTBEAT_MS / 2)
    return () => {
      cancelled = true
      offEvents()
      offConnection()
      clearInterval(watchdog)
    }
  }, [api])

  return wall
}
