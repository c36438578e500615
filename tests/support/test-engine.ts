// A real engine on a real SQLite file with the embedded broker on a free port.
import { startEngine, type Engine, type EngineOptions } from '../../electron/core/engine'
import { makeTempDir } from './temp-dir'
import { LOCAL_OPERATOR } from '../../electron/core/team/accounts'
import type { CallContext } from '../../electron/core/api/context'

/** Calls made as the local operator of a loopback console (all roles). */
export const asLocal: CallContext = { actor: LOCAL_OPERATOR }

export async function startTestEngine(
  overrides: Partial<EngineOptions> = {}
): Promise<Engine & { dataDir: string; dispose(): Promise<void> }> {
  const tmp = makeTempDir('engine')
  const engine = await startEngine({
    dataDir: tmp.dir,
    broker: { kind: 'embedded', host: '127.0.0.1', port: 0 },
    version: 'test',
    ...overrides
  })
  return Object.assign(engine, {
    dataDir: overrides.dataDir ?? tmp.dir,
    async dispose() {
      await engine.stop()
      tmp.remove()
    }
  })
}
