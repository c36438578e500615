// The live queue: loaded for the current filter, kept current by pushed 'queue' events,
// reloaded (at most every two seconds) as new mentions arrive or are analyzed, and after a
// reconnect.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import type { QueueDetail, QueueItem } from '../../../shared/team'
import { filterParams, upsert, type QueueFilter, type QueueMe } from './queue-list'

const RELOAD_AT_MOST_EVERY_MS = 2000

export function useQueue(api: ConsoleApi, filter: QueueFilter, me: QueueMe) {
  const [items, setItems] = useState<QueueItem[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const filterRef = useRef(filter)
  filterRef.current = filter

  const reload = useCallback(async () => {
    const r = await api.call('queue', filterParams(filterRef.current))
    if (r.ok) {
      setItems(r.value)
      setLoadError(null)
    } else setLoadError(r.error.message)
  }, [api])

  useEffect(() => {
    void reload()
  }, [reload, filter])

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    const reloadSoon = () => {
      timer ??= setTimeout(() => {
        timer = null
        void reload()
      }, RELOAD_AT_MOST_EVERY_MS)
    }
    const off = api.subscribe((e) => {
      if (e.type === 'queue') setItems((list) => upsert(list, e.item, filterRef.current, me))
      else if (e.type === 'queueBulk')
        void reload() // rare, and the member who did it is watching
      // new mentions join; analyzed ones move to their rank from the analyzers
      else if ((e.type === 'ingested' && e.inserted > 0) || e.type === 'sentiment') reloadSoon()
    })
    const offConn = api.onConnection((s) => s === 'up' && void reload())
    return () => {
      off()
      offConn()
      if (timer) clearTimeout(timer)
    }
  }, [api, reload, me])

  return { items, loadError, reload }
}

export function useQueueDetail(api: ConsoleApi, seq: number | null) {
  const [detail, setDetail] = useState<QueueDetail | null>(null)
  const load = useCallback(async () => {
    if (seq === null) return setDetail(null)
    const r = await api.call('queueItem', { seq })
    setDetail(r.ok ? r.value : null)
  }, [api, seq])
  useEffect(() => {
    void load()
    return api.subscribe((e) => {
      if (seq === null) return
      const changed =
        (e.type === 'queue' && e.item.seq === seq) ||
        (e.type === 'queueBulk' && e.seqs.includes(seq)) ||
        // analyzed just now: the reading and the priority's factors are the analyzers' from here on
        (e.type === 'sentiment' && e.fromSeq < seq && seq <= e.upToSeq)
      if (changed) void load()
    })
  }, [api, seq, load])
  return { detail, reload: load }
}
