// "Next update at": a countdown to the time a statement promised, red once it has passed
// without a newer statement. Shown on the wall and in the statement list (statements issue,
// item 5); colour is never the only sign: the words say "overdue".
import type { Statement } from '../../../shared/statements'

const pad = (n: number) => String(n).padStart(2, '0')
/** 754_000 ms -> "12:34"; over an hour, "1:02:34". */
export function duration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`
}

export type PromiseState = 'due' | 'broken' | 'kept'

export function promiseState(dueAt: string, now: number, keptAt: string | null = null): PromiseState {
  if (keptAt) return 'kept'
  return now > Date.parse(dueAt) ? 'broken' : 'due'
}

export function PromiseClock({
  dueAt,
  keptAt,
  brokenAt,
  now,
  testId
}: {
  dueAt: string
  keptAt?: string | null
  brokenAt?: string | null
  now: number
  testId: string
}) {
  // a later statement decided it: kept in time, or approved after the promised time
  const state: PromiseState = brokenAt ? 'broken' : promiseState(dueAt, now, keptAt ?? null)
  const at = new Date(dueAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  const label =
    state === 'kept'
      ? `next update promised ${at}: kept`
      : brokenAt
        ? `next update promised ${at}: broken`
        : state === 'broken'
          ? `next update promised ${at}: overdue by ${duration(now - Date.parse(dueAt))}`
          : `next update at ${at}: in ${duration(Date.parse(dueAt) - now)}`
  return (
    <span className={`promise promise--${state}`} data-testid={testId} data-state={state} title={dueAt}>
      {label}
    </span>
  )
}

/** The promise a statement's approved revision made, as a clock; nothing before approval. */
export function StatementPromise({ s, now, testId }: { s: Statement; now: number; testId: string }) {
  if (!s.promise) return null
  return (
    <PromiseClock
      dueAt={s.promise.dueAt}
      keptAt={s.promise.keptAt}
      brokenAt={s.promise.brokenAt}
      now={now}
      testId={testId}
    />
  )
}
