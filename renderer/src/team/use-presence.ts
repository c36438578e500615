import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import type { PresenceEntry } from '../../../shared/team'

export function usePresence(api: ConsoleApi): PresenceEntry[] {
  const [online, setOnline] = useState<PresenceEntry[]>([])
  useEffect(() => {
    void api.call('presence', {}).then((r) => r.ok && setOnline(r.value))
    return api.subscribe((e) => e.type === 'presence' && setOnline(e.online))
  }, [api])
  return online
}
