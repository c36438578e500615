// One method's answer, kept current: fetched when the view opens, and again whenever an
// engine event says it changed. The lists of the console (members, incidents, statements,
// walls) all work this way, so a change made at another console shows without a reload.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ConsoleApi, EngineEvent, MethodName, ParamsOf, ResultOf } from '../../../shared/api'
import type { Result } from '../../../shared/result'

export interface LiveCall<T> {
  /** the latest answer; undefined until the first one comes */
  value: T | undefined
  /** the engine's refusal of the latest call, if it refused */
  error: string | null
  /** asks again now (after the view's own change, which may carry no event) */
  reload: () => Promise<void>
}

/**
 * `params` may be a fresh object on every render: the call is repeated only when its
 * contents change. `changedBy` may be too: the latest one is used.
 */
export function useLiveCall<M extends MethodName>(
  api: ConsoleApi,
  method: M,
  params: ParamsOf<M> | null,
  changedBy: (e: EngineEvent) => boolean
): LiveCall<ResultOf<M>> {
  const [state, setState] = useState<{ value: ResultOf<M> | undefined; error: string | null }>({
    value: undefined,
    error: null
  })
  const key = params === null ? null : JSON.stringify(params)
  const changed = useRef(changedBy)
  changed.current = changedBy
  /** only the latest call's answer counts: an earlier one may come back later */
  const latest = useRef(0)

  const reload = useCallback(async () => {
    if (key === null) return // nothing to ask yet (no incident chosen)
    const mine = ++latest.current
    const r: Result<ResultOf<M>> = await api.call(method, JSON.parse(key) as ParamsOf<M>)
    if (mine !== latest.current) return
    setState((s) => (r.ok ? { value: r.value, error: null } : { value: s.value, error: r.error.message }))
  }, [api, method, key])

  useEffect(() => {
    void reload()
    return api.subscribe((e) => changed.current(e) && void reload())
  }, [api, reload])

  return { ...state, reload }
}
