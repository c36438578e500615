import type { ConsoleApi } from '../../../shared/api'
import type { UserSummary } from '../../../shared/team'
import { useLiveCall } from '../api/use-live-call'

/** The team's active members, for pickers (assign, hand over): a member added or disabled at another console shows at once. */
export function useUsers(api: ConsoleApi): UserSummary[] {
  return useLiveCall(api, 'listUsers', {}, (e) => e.type === 'account').value ?? []
}
