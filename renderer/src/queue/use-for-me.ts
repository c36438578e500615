// How many waiting items are assigned to this member or escalated to a role they hold: the
// Response queue tab counts them, so legal sees an escalation from whatever tab it is on.
import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'

/** counted up to this many; more shows as "200+" */
export const FOR_ME_LIMIT = 200
const RELOAD_AT_MOST_EVERY_MS = 1000

export function useForMeCount(api: ConsoleApi): number {
  const [count, setCount] = useState(0)
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | null = null
    const load = async () => {
      const r = await api.call('queue', { status: 'active', forMe: 'true', limit: FOR_ME_LIMIT })
      if (!stopped && r.ok) setCount(r.value.length)
    }
    void load()
    const off = api.subscribe((e) => {
      // any item changing may be one assigned or escalated to me, or one of mine answered
      if (e.type !== 'queue' && e.type !== 'queueBulk') return
      timer ??= setTimeout(() => {
        timer = null
        void load()
      }, RELOAD_AT_MOST_EVERY_MS)
    })
    const offConnection = api.onConnection((s) => s === 'up' && void load())
    return () => {
      stopped = true
      off()
      offConnection()
      if (timer) clearTimeout(timer)
    }
  }, [api])
  return count
}
