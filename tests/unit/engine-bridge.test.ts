// The main process treats renderer requests as untrusted input: only well-formed API
// requests reach the engine process.
import { describe, expect, it, vi } from 'vitest'

const posted: unknown[] = []
const handlers: Record<string, (...a: unknown[]) => void> = {}
vi.mock('electron', () => ({
  utilityProcess: {
    fork: () => ({
      on: (event: string, h: (...a: unknown[]) => void) => (handlers[event] = h),
      postMessage: (m: unknown) => posted.push(m),
      kill: () => true
    })
  }
}))

const { startEngineBridge } = await import('../../electron/main/engine-bridge')

describe('engine bridge', () => {
  it('refuses malformed requests without forwarding them', async () => {
    const bridge = startEngineBridge('/engine.js', {})
    bridge.ready.catch(() => undefined)
    for (const bad of [null, 'health', { method: 'dropTables' }, { method: 42 }]) {
      const r = await bridge.call(bad)
      expect(r.ok).toBe(false)
    }
    expect(posted).toEqual([])
  })

  it('forwards a valid request and resolves with the engine process answer', async () => {
    const bridge = startEngineBridge('/engine.js', {})
    bridge.ready.catch(() => undefined)
    const pending = bridge.call({ method: 'health', params: {} })
    const sent = posted.at(-1) as { id: number; method: string }
    expect(sent).toMatchObject({ method: 'health', params: {} })
    handlers.message({ type: 'result', id: sent.id, result: { ok: true, value: { ok: true } } })
    await expect(pending).resolves.toEqual({ ok: true, value: { ok: true } })
  })

  it('answers pending and later calls with "unavailable" once the engine process exits', async () => {
    const bridge = startEngineBridge('/engine.js', {})
    bridge.ready.catch(() => undefined)
    const pending = bridge.call({ method: 'health' })
    handlers.exit(1)
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } })
    await expect(bridge.call({ method: 'health' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'unavailable' }
    })
  })
})
