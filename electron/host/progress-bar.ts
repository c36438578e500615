// One progress bar for the CLI's long commands (export, import): on stderr when it is a
// terminal, redrawn only when the whole percent changes; nothing in pipes and logs.
export function progressBar(stream: NodeJS.WriteStream = process.stderr): (fraction: number, label?: string) => void {
  if (!stream.isTTY) return () => {}
  let last = -1
  return (fraction, label = '') => {
    const pct = Math.max(0, Math.min(100, Math.floor(fraction * 100)))
    if (pct === last && pct < 100) return
    last = pct
    const width = 30
    const filled = Math.round((pct / 100) * width)
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${label.padEnd(20)}${pct === 100 ? '\n' : ''}`
    )
  }
}
