// The statements of the open incidents that wait for this member's approval, kept current
// by 'statement' events: the Statements tab counts them, so a lead sees at a glance that PR
// is waiting, whichever tab they are on.
import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { awaitsApprovalFrom } from '../../../shared/approval-policy'
import type { Statement } from '../../../shared/statements'

export function useAwaitingApproval(api: ConsoleApi, me: { name: string; roles: readonly string[] }): Statement[] {
  const [byId, setById] = useState<ReadonlyMap<number, Statement>>(new Map())
  useEffect(() => {
    let cancelled = false
    const load = async () => {
      const incidents = await api.call('listIncidents', {})
      if (!incidents.ok) return
      const open = incidents.value.filter((i) => !i.resolvedAt)
      const lists = await Promise.all(open.map((i) => api.call('listStatements', { incident: i.id })))
      if (cancelled) return
      setById(new Map(lists.flatMap((l) => (l.ok ? l.value : [])).map((s) => [s.id, s])))
    }
    void load()
    const off = api.subscribe((e) => {
      if (e.type === 'statement') setById((m) => new Map(m).set(e.statement.id, e.statement))
      else if (e.type === 'incident') void load() // one opened or resolved
    })
    return () => {
      cancelled = true
      off()
    }
  }, [api])
  return [...byId.values()].filter((s) => awaitsApprovalFrom(me, s.latest))
}
