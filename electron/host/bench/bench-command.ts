// `crisis-console bench`: runs the benchmarks against a real `serve` process on a fresh
// data directory and prints one JSON report on stdout.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { parse, parseInteger } from '../cli-args'
import { measureLatency, measureThroughput, type RunningServe } from './ingest-bench'

const HELP = `Usage: crisis-console bench [--messages N] [--rate N] [--seconds N]

  --messages N   mentions for the throughput comparison (default 20000)
  --rate N       mentions per second for the latency run (default 2000)
  --seconds N    length of the latency run (default 10)

Prints a JSON report: ingest throughput against raw pub/sub through the same broker (ratio),
and ingest-to-console latency percentiles at a steady rate.`

export async function benchCommand(args: string[]): Promise<number> {
  const o = parse(args, { messages: { type: 'string' }, rate: { type: 'string' }, seconds: { type: 'string' } })
  if (o.help) {
    process.stdout.write(`${HELP}\n`)
    return 0
  }
  const messages = o.messages ? parseInteger('--messages', o.messages) : 20_000
  const rate = o.rate ? parseInteger('--rate', o.rate) : 2000
  const seconds = o.seconds ? parseInteger('--seconds', o.seconds) : 10

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-'))
  const child = spawn(process.execPath, [process.argv[1], 'serve', '--data', dataDir, '--http', '127.0.0.1:0', '--mqtt', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  try {
    const ready = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).on('line', (l) => l.startsWith('ready ') && resolve(l))
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
    const [, httpUrl, mqttUrl] = ready.split(' ')
    const token = fs.readFileSync(path.join(dataDir, 'local-session-token'), 'utf8').trim()
    const serve: RunningServe = { httpUrl, mqttUrl, token }
    process.stderr.write('bench: ingest throughput vs raw pub/sub...\n')
    const throughput = await measureThroughput(serve, messages)
    process.stderr.write(`bench: ingest-to-console latency at ${rate}/s for ${seconds} s...\n`)
    const latency = await measureLatency(serve, rate, seconds)
    const report = {
      bench: 'crisis-console',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` },
      ingest: { broker: 'embedded (aedes)', ...throughput },
      ingestToConsoleLatency: latency
    }
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    return 0
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
