// IPC channel names, named once; kept apart from api.ts so the sandboxed preload bundles
// nothing but these strings.
export const IpcChannels = {
  call: 'console:call',
  event: 'console:event',
  connection: 'console:connection',
  hubConnect: 'console:hub-connect'
} as const

/** What the desktop app adds beside the API: switching to a hub (see electron/main). */
export interface ConsoleHub {
  /** remembers `url` and reopens the app on that hub; answers only with a refusal */
  connect(url: string): Promise<{ ok: false; error: { code: string; message: string } } | { ok: true; value: null }>
}

/** Messages between Electron's main process and the engine's utility process. */
export type EngineProcessMessage =
  | { type: 'ready'; httpUrl: string; mqttUrl: string }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; event: unknown }
  /** the engine asks the shell to print a review as PDF (Electron's printToPDF) */
  | { type: 'print-pdf'; id: number; html: string }

/** The shell's answer to 'print-pdf'. */
export interface PrintedPdf {
  type: 'pdf'
  id: number
  base64?: string
  error?: string
}

export interface EngineProcessRequest {
  id: number
  method: string
  params: unknown
}
