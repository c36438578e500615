import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import type { UserSummary } from '../../../shared/team'

/** The team's members, for pickers (assign, hand over). */
export function useUsers(api: ConsoleApi): UserSummary[] {
  const [users, setUsers] = useState<UserSummary[]>([])
  useEffect(() => {
    void api.call('listUsers', {}).then((r) => r.ok && setUsers(r.value))
  }, [api])
  return users
}
