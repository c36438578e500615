// Counts on the console's tabs of what waits for this member, so it is seen from any tab:
// statements awaiting their approval, queue items assigned or escalated to them.
import type { ConsoleApi } from '../../../shared/api'
import { TestIds } from '../../../shared/test-ids'
import { FOR_ME_LIMIT, useForMeCount } from '../queue/use-for-me'
import { useAwaitingApproval } from '../statements/use-awaiting-approval'

function TabCount({ n, capped = false, what, testId }: { n: number; capped?: boolean; what: string; testId: string }) {
  if (n === 0) return null
  const shown = capped ? `${n}+` : String(n)
  return (
    <span className="tab-count" data-testid={testId} title={`${shown} ${what}`}>
      {shown}
    </span>
  )
}

export function AwaitingApprovalCount({
  api,
  me
}: {
  api: ConsoleApi
  me: { name: string; roles: readonly string[] }
}) {
  return (
    <TabCount
      n={useAwaitingApproval(api, me).length}
      what="awaiting your approval"
      testId={TestIds.statementsAwaiting}
    />
  )
}

export function ForMeCount({ api }: { api: ConsoleApi }) {
  const n = useForMeCount(api)
  return (
    <TabCount n={n} capped={n === FOR_ME_LIMIT} what="assigned or escalated to you" testId={TestIds.queueForMeCount} />
  )
}
