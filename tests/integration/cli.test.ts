// The CLI as users meet it: --help everywhere, one clear line and exit code 2 for bad
// arguments (DESIGN 4.1).
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import mqtt from 'mqtt'
import { LOG_FILE } from '../../electron/host/cli'
import { runCli, startServe } from '../support/serve-process'
import { makeTempDir } from '../support/temp-dir'

describe('crisis-console CLI', () => {
  it.each([['--help'], ['serve', '--help'], ['replay', '--help']])('%s prints usage and exits 0', async (...args) => {
    const r = await runCli(args)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Usage: crisis-console/)
  })

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['serve', '--http', 'nonsense'], /--http: "nonsense" is not HOST:PORT/],
    [
      ['serve', '--http', '0.0.0.0:0', '--mqtt', '127.0.0.1:0', '--data', makeTempDir('cli').dir],
      /needs team accounts; add an admin first/
    ],
    [['serve', '--mqtt', '127.0.0.1:1', '--broker', 'mqtt://h:1'], /exclude each other/],
    [['serve', '--broker', 'http://h:1'], /scheme http: is not supported/],
    [['serve', '--demo', 'tsunami'], /--demo: "tsunami" is not one of ash-cloud, none/],
    [['serve', '--colour'], /Unknown option '--colour'/],
    [['replay'], /--scenario is required/],
    [['replay', '--scenario', 'ash-cloud', '--speed', '0'], /--speed: "0" is not a positive number/],
    [['replay', '--scenario', 'ash-cloud', '--start', 'tomorrow'], /--start: "tomorrow"/],
    // 50 hours at 60 times real time: the last mentions would be dated 49 hours ahead of the clock
    [
      ['replay', '--scenario', 'ash-cloud', '--speed', '60', '--duration', '3000'],
      /--speed 60: the drill's last mentions would be 49 hours ahead of the clock, and the console refuses more than 24/
    ],
    // a run of no mentions or no seconds would wait forever for the last one
    [['bench', '--messages', '0'], /--messages: "0" is less than 1/],
    [['bench', '--soak-hours=-1'], /--soak-hours: "-1" is less than 0/],
    [['eval', '--only', 'vibes'], /--only: "vibes" is not one of sentiment, nab/]
  ])('%j fails in one line with exit code 2', async (args, message) => {
    const r = await runCli(args as string[])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(message)
  })

  it('replay to a broker that is not there fails with a clear line, not a hang', async () => {
    const r = await runCli(['replay', '--scenario', 'ash-cloud', '--broker', 'mqtt://127.0.0.1:9', '--duration', '1'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^crisis-console: replay to mqtt:\/\/127\.0\.0\.1:9 failed: .*ECONNREFUSED/)
  })
})

describe('serve', () => {
  it('logs to a file in the data folder, owner-only; dead letters go there, not to the terminal', async () => {
    const tmp = makeTempDir('serve-log')
    const serve = await startServe(['--data', tmp.dir, '--http', '127.0.0.1:0', '--mqtt', '127.0.0.1:0'])
    try {
      const source = await mqtt.connectAsync(serve.mqttUrl)
      await source.publishAsync('crisis/in/mentions', 'not json at all', { qos: 1 }) // PUBACK after the dead letter is stored
      await source.endAsync()
      const file = path.join(tmp.dir, LOG_FILE)
      expect(fs.readFileSync(file, 'utf8')).toMatch(
        /warn {2}dead letter from mqtt:crisis\/in\/mentions: malformed JSON/
      )
      expect(fs.statSync(file).mode & 0o777).toBe(0o600)
      expect(serve.stderr()).toContain(`log: ${file}`)
      expect(serve.stderr()).not.toContain('dead letter from')
    } finally {
      await serve.kill('SIGTERM')
      tmp.remove()
    }
  })
})
