// `crisis-console bench`: runs the benchmarks against a real `serve` process on a fresh
// data directory and prints one JSON report on stdout.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { parse, parseInteger } from '../cli-args'
import { measureLatency, measureThroughput, type RunningServe } from './ingest-bench'
import { measureQueue, seedQueue } from './queue-bench'
import { measureBroadcast, seedBroadcast, startWebhookReceiver } from './broadcast-bench'
import { TOKEN_FILE } from '../local-token'
import { measureExports, seedExportIncident } from './export-bench'
import { measureWallFrames, measureWallSoak } from './wall-bench'
import { measureEnrichment } from './enrichment-bench'

const HELP = `Usage: crisis-console bench [--messages N] [--rate N] [--seconds N] [--queue-mentions N] [--broadcasts N]
                            [--export-mentions N] [--export-events N] [--enrichment-seconds N]
                            [--wall-seconds N] [--soak-hours N]

  --messages N         mentions for the throughput comparison (default 20000)
  --rate N             mentions per second for the latency run (default 2000)
  --seconds N          length of the latency run (default 10)
  --queue-mentions N   mentions stored for the queue benchmark (default 1000000; 0 skips it)
  --broadcasts N       broadcasts to 12 channels for the broadcast benchmark (default 50; 0 skips it)
  --export-mentions N  mentions in the 72-hour incident of the export benchmark (default 2000000; 0 skips it)
  --export-events N    timeline events in that incident (default 5000)
  --enrichment-seconds N  length of the enrichment throughput run (default 5; 0 skips it)
  --wall-seconds N     length of the wall's frame-budget run at --rate (default 60; 0 skips it)
  --soak-hours N       hours of mentions replayed at high speed for the wall soak (default 72; 0 skips it)

Prints a JSON report: ingest throughput against raw pub/sub through the same broker (ratio),
ingest-to-console latency percentiles at a steady rate, the response-queue page and
claim/release latencies over a store of a million mentions, the time from a broadcast
to its last of 12 channels confirmed, and the post-incident review export of a 72-hour
incident in every format (time, peak memory, and the ratio to one plain read of its mentions),
enrichment (language, sentiment, intent, urgency and priority) per second on one core,
and the wall in Chromium: long tasks per minute and ingest-to-wall p99 under a steady
stream, and its heap after a 72-hour replay against after the first hour.`

export async function benchCommand(args: string[]): Promise<number> {
  const o = parse(args, {
    messages: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    'queue-mentions': { type: 'string' },
    broadcasts: { type: 'string' },
    'export-mentions': { type: 'string' },
    'export-events': { type: 'string' },
    'wall-seconds': { type: 'string' },
    'enrichment-seconds': { type: 'string' },
    'soak-hours': { type: 'string' }
  })
  if (o.help) {
    process.stdout.write(`${HELP}\n`)
    return 0
  }
  const messages = o.messages ? parseInteger('--messages', o.messages, 1) : 20_000
  const rate = o.rate ? parseInteger('--rate', o.rate, 1) : 2000
  const seconds = o.seconds ? parseInteger('--seconds', o.seconds, 1) : 10
  const queueMentions = o['queue-mentions'] ? parseInteger('--queue-mentions', o['queue-mentions'], 0) : 1_000_000
  const broadcasts = o.broadcasts ? parseInteger('--broadcasts', o.broadcasts, 0) : 50
  const exportMentions = o['export-mentions'] ? parseInteger('--export-mentions', o['export-mentions'], 0) : 2_000_000
  const exportEvents = o['export-events'] ? parseInteger('--export-events', o['export-events'], 0) : 5000
  const enrichmentSeconds = o['enrichment-seconds']
    ? parseInteger('--enrichment-seconds', o['enrichment-seconds'], 0)
    : 5
  const wallSeconds = o['wall-seconds'] ? parseInteger('--wall-seconds', o['wall-seconds'], 0) : 60
  const soakHours = o['soak-hours'] ? parseInteger('--soak-hours', o['soak-hours'], 0) : 72

  const report: Record<string, unknown> = {
    bench: 'crisis-console',
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${process.platform}-${process.arch}`
    }
  }
  await withServe(async (serve) => {
    process.stderr.write('bench: ingest throughput vs raw pub/sub...\n')
    report.ingest = { broker: 'embedded (aedes)', ...(await measureThroughput(serve, messages)) }
    process.stderr.write(`bench: ingest-to-console latency at ${rate}/s for ${seconds} s...\n`)
    report.ingestToConsoleLatency = await measureLatency(serve, rate, seconds)
  })
  if (queueMentions > 0) {
    let seedSeconds = 0
    await withServe(
      async (serve) => {
        process.stderr.write('bench: response queue page and claim/release...\n')
        report.queue = {
          mentions: queueMentions,
          seedSeconds: Number(seedSeconds.toFixed(1)),
          ...(await measureQueue(serve, 300))
        }
      },
      async (dataDir) => {
        process.stderr.write(`bench: storing ${queueMentions} mentions for the queue...\n`)
        seedSeconds = await seedQueue(dataDir, queueMentions)
      }
    )
  }
  if (broadcasts > 0) {
    const receiver = await startWebhookReceiver()
    try {
      await withServe(
        async (serve) => {
          process.stderr.write(`bench: ${broadcasts} broadcasts to 12 channels...\n`)
          report.broadcastToLastConfirmed = await measureBroadcast(serve, broadcasts)
        },
        (dataDir) => seedBroadcast(dataDir, receiver.url)
      )
    } finally {
      await receiver.close()
    }
  }
  if (enrichmentSeconds > 0) {
    process.stderr.write('bench: enrichment throughput on one core...\n')
    report.enrichment = await measureEnrichment(path.join(process.cwd(), '..', 'shared', 'eval'), enrichmentSeconds)
  }
  if (wallSeconds > 0) {
    await withServe(async (serve) => {
      process.stderr.write(`bench: the wall in Chromium at ${rate}/s for ${wallSeconds} s...\n`)
      report.wallFrames = await measureWallFrames(serve, rate, wallSeconds)
    })
  }
  if (soakHours > 0) {
    await withServe(async (serve) => {
      process.stderr.write(`bench: the wall through a ${soakHours}-hour replay at high speed...\n`)
      report.wallSoak = await measureWallSoak(serve, soakHours, 30)
    })
  }
  if (exportMentions > 0) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-export-'))
    try {
      process.stderr.write(
        `bench: storing a 72-hour incident of ${exportMentions} mentions and ${exportEvents} events...\n`
      )
      const { incidentId, seedSeconds } = await seedExportIncident(dataDir, exportMentions, exportEvents)
      process.stderr.write('bench: review export in every format...\n')
      report.reviewExport = {
        mentions: exportMentions,
        events: exportEvents,
        hours: 72,
        seedSeconds: Number(seedSeconds.toFixed(1)),
        ...(await measureExports(dataDir, incidentId, process.argv[1]))
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  return 0
}

/** A real `serve` process on a fresh data folder (seeded first when asked), stopped after. */
async function withServe(
  run: (serve: RunningServe) => Promise<void>,
  seed?: (dataDir: string) => Promise<void>
): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-'))
  try {
    await seed?.(dataDir)
    const child = spawn(
      process.execPath,
      [process.argv[1], 'serve', '--data', dataDir, '--http', '127.0.0.1:0', '--mqtt', '127.0.0.1:0'],
      {
        stdio: ['ignore', 'pipe', 'inherit']
      }
    )
    try {
      const ready = await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: child.stdout! }).on('line', (l) => l.startsWith('ready ') && resolve(l))
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
      })
      const [, httpUrl, mqttUrl] = ready.split(' ')
      const token = fs.readFileSync(path.join(dataDir, TOKEN_FILE), 'utf8').trim()
      await run({ httpUrl, mqttUrl, token, dataDir })
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
