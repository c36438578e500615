// IPC channel names, named once; kept apart from api.ts so the sandboxed preload bundles
// nothing but these strings.
export const IpcChannels = {
  call: 'console:call',
  event: 'console:event',
  connection: 'console:connection'
} as const

/** Messages between Electron's main process and the engine's utility process. */
export type EngineProcessMessage =
  | { type: 'ready'; httpUrl: string; mqttUrl: string }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; event: unknown }

export interface EngineProcessRequest {
  id: number
  method: string
  params: unknown
}
