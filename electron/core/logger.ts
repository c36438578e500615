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

/**
 * Every line to `file` (owner-only: it quotes what sources sent), and to stderr only what
 * a person at the terminal should see now: dead letters are counted in the console and
 * listed there, and a drill sends some on purpose, so they go to the file alone.
 */
export function fileLogger(
  file: string,
  fs: { openSync(p: string, flags: string, mode: number): number; writeSync(fd: number, s: string): number }
): Logger {
  const fd = fs.openSync(file, 'a', 0o600)
  const line = (level: string, m: string) => `${new Date().toISOString()} ${level.padEnd(5)} ${m}\n`
  const toTerminal = (m: string) => !m.startsWith('dead letter from ')
  return {
    info: (m) => void fs.writeSync(fd, line('info', m)),
    warn: (m) => {
      fs.writeSync(fd, line('warn', m))
      if (toTerminal(m)) process.stderr.write(line('warn', m))
    },
    error: (m) => {
      fs.writeSync(fd, line('error', m))
      process.stderr.write(line('error', m))
    }
  }
}
