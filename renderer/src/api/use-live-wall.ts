// The wall's live state: snapshots and pushed commits merged in stream order (see
// shared/wall-state.ts), into a bounded buffer. "Stale" means no word from the engine for
// three heartbeats, whatever the reason, so a wall never shows a silently stopped chart.
import { useEffect, useState } from 'react'
import { HEARTBEAT_MS, type ConsoleApi } from '../../../shared/api'
import {
  applyAlert,
  applyDelivery,
  applyPresence,
  applySignals,
  applyIngested,
  applySentiment,
  applySnapshot,
  applyStatement,
  emptyWall,
  type WallState
} from '../../../shared/wall-state'

/** minutes of history the live buffer keeps (the chart shows the last WINDOW_MINUTES) */
export const BUFFER_MINUTES = 180
export const WINDOW_MINUTES = 60
const STALE_AFTER_MS = 3 * HEARTBEAT_MS
const FLUSH_MS = 250
const HEARD_EVERY_MS = 500

export interface LiveWall extends WallState {
  /** null while live; once the engine goes quiet, the moment it was last heard from */
  staleSince: number | null
  /** when the engine was last heard from (0: never) */
  lastHeard: number
  /** why this screen may not show the wall (its token unknown or revoked), else null */
  unpaired: string | null
}

/** `layout`: the layout to ask for (a paired screen always gets its own). */
export function useLiveWall(api: ConsoleApi, layout?: number): LiveWall {
  const [wall, setWall] = useState<WallState>(emptyWall)
  const [staleSince, setStaleSince] = useState<number | null>(Date.now())
  const [lastHeard, setLastHeard] = useState(0)
  const [unpaired, setUnpaired] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    let lastHeard = 0
    // Under a steady stream the engine commits many times a second: the changes are applied
    // together at most every FLUSH_MS, so the wall redraws a few times a second, not per commit.
    let queued: ((w: WallState) => WallState)[] = []
    let flushTimer: ReturnType<typeof setTimeout> | null = null
    const update = (fn: (w: WallState) => WallState) => {
      queued.push(fn)
      flushTimer ??= setTimeout(() => {
        flushTimer = null
        const fns = queued
        queued = []
        setWall((w) => fns.reduce((acc, f) => f(acc), w))
      }, FLUSH_MS)
    }
    let loading = false
    let reloadAfter = false
    // Heard from many times a second under load: the state (tiles' "live" or age) follows at
    // most every HEARD_EVERY_MS, well inside the stale threshold, so it costs no redraw per event.
    let heardShownAt = 0
    const heard = () => {
      lastHeard = Date.now()
      if (lastHeard - heardShownAt < HEARD_EVERY_MS) return
      heardShownAt = lastHeard
      setLastHeard(lastHeard)
      setStaleSince(null)
    }
    const loadSnapshot = async (): Promise<void> => {
      if (loading) {
        reloadAfter = true // one more after this one, so nothing committed meanwhile is missed
        return
      }
      loading = true
      const res = await api.call('wallSnapshot', {
        minutes: WINDOW_MINUTES,
        ...(layout !== undefined ? { layout } : {})
      })
      loading = false
      if (cancelled) return
      if (res.ok) {
        heard()
        setUnpaired(null)
        update((w) => applySnapshot(w, res.value, BUFFER_MINUTES))
      } else if (res.error.code === 'unauthorized') {
        setUnpaired(res.error.message)
      }
      if (reloadAfter) {
        reloadAfter = false
        return loadSnapshot()
      }
    }
    const offEvents = api.subscribe((event) => {
      heard()
      // another incident on the wall, or this one resolved: the snapshot says which is current
      if (event.type === 'incident') return void loadSnapshot()
      if (event.type === 'statement') return update((w) => applyStatement(w, event))
      if (event.type === 'delivery' || event.type === 'channels') return update((w) => applyDelivery(w, event))
      if (event.type === 'alert') return update((w) => applyAlert(w, event))
      if (event.type === 'signals') return update((w) => applySignals(w, event))
      if (event.type === 'presence') return update((w) => applyPresence(w, event))
      // a layout edited, or this screen given another: the snapshot carries the tiles to show
      if (event.type === 'wallLayout' || event.type === 'wallDevice') return void loadSnapshot()
      // minutes a source dated ahead, left out until the present reached them: now counted
      if (event.type === 'heldBackReached') return void loadSnapshot()
      if (event.type === 'sentiment') {
        return update((w) => {
          const { state, gap } = applySentiment(w, event, BUFFER_MINUTES)
          if (gap) queueMicrotask(() => void loadSnapshot())
          return state
        })
      }
      if (event.type !== 'ingested') return
      update((w) => {
        const { state, gap } = applyIngested(w, event, BUFFER_MINUTES)
        if (gap) queueMicrotask(() => void loadSnapshot())
        return state
      })
    })
    const offConnection = api.onConnection((state) => {
      // the socket closed: stale now, not three heartbeats from now
      if (state === 'down') {
        heardShownAt = 0 // the next word from the hub clears the banner at once
        setStaleSince((s) => s ?? (lastHeard || Date.now()))
      }
      // up: catch up on whatever was missed while away; down: find out whether this screen
      // was unpaired (the hub refuses its token) rather than merely unreachable
      void loadSnapshot()
    })
    void loadSnapshot()
    const watchdog = setInterval(() => {
      if (lastHeard && Date.now() - lastHeard > STALE_AFTER_MS) {
        heardShownAt = 0
        setStaleSince((s) => s ?? lastHeard)
      }
    }, HEARTBEAT_MS / 2)
    return () => {
      cancelled = true
      offEvents()
      offConnection()
      clearInterval(watchdog)
      if (flushTimer) clearTimeout(flushTimer)
    }
  }, [api, layout])

  return { ...wall, staleSince, lastHeard, unpaired }
}
