// The engine logs through what it is given, so Electron, the CLI and tests each decide
// where lines go.
export interface Logger {
  info(msg: string): void
  warn(msg: string): void
  error(msg: string): void
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }

export const stderrLogger: Logger = {
  info: (m) => process.stderr.write(`${new Date().toISOString()} info  ${m}\n`),
  warn: (m) => process.stderr.write(`${new Date().toISOString()} warn  ${m}\n`),
  error: (m) => process.stderr.write(`${new Date().toISOString()} error ${m}\n`)
}
