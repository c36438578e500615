// LAN mode through the real CLI: accounts first, then everyone signs in; optional TLS.
import { spawnSync } from 'node:child_process'
import https from 'node:https'
import path from 'node:path'
import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli, startServe, type ServeProcess } from '../support/serve-process'
import { makeTempDir } from '../support/temp-dir'

const PASSWORD = 'a long and good password'
let cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

function dataDir() {
  const tmp = makeTempDir('lan')
  cleanup.push(tmp.remove)
  return tmp.dir
}

async function serve(args: string[]): Promise<ServeProcess> {
  const p = await startServe(args)
  cleanup.push(() => p.kill())
  return p
}

describe('crisis-console users add', () => {
  it('adds a member with the password from standard input', async () => {
    const dir = dataDir()
    const r = await runCli(['users', 'add', 'anna', '--role', 'admin,lead', '--data', dir], `${PASSWORD}\n`)
    expect(r).toMatchObject({ code: 0, stdout: 'added anna (admin, lead)\n' })
    const again = await runCli(['users', 'add', 'anna', '--role', 'pr', '--data', dir], `${PASSWORD}\n`)
    expect(again.code).toBe(2)
    expect(again.stderr).toBe('crisis-console: users add: a user named "anna" already exists\n')
  })

  it('sets a new password, signing the member out everywhere, and lifts a lockout', async () => {
    const dir = dataDir()
    await runCli(['users', 'add', 'adam', '--role', 'admin', '--data', dir], PASSWORD)
    const p = await serve(['--data', dir, '--http', '127.0.0.1:0', '--mqtt', '127.0.0.1:0'])
    const signIn = (password: string) =>
      fetch(`${p.httpUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'adam', password })
      })
    const { token } = await (await signIn(PASSWORD)).json()
    expect(await runCli(['users', 'passwd', 'adam', '--data', dir], 'an even longer new password')).toMatchObject({
      code: 0,
      stdout: 'new password for adam (admin)\n'
    })
    expect((await fetch(`${p.httpUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
    expect((await signIn(PASSWORD)).status).toBe(401)
    for (let i = 0; i < 4; i++) await signIn(`wrong password ${i}`)
    expect((await signIn('an even longer new password')).status).toBe(429)
    expect((await runCli(['users', 'list', '--data', dir])).stdout).toMatch(
      /^adam\tadmin\tlocked until \d{4}-\d\d-\d\dT[\d:.]+Z\n$/
    )
    expect(await runCli(['users', 'unlock', 'adam', '--data', dir])).toMatchObject({
      code: 0,
      stdout: 'unlocked adam (admin)\n'
    })
    expect((await signIn('an even longer new password')).status).toBe(200)
    expect((await runCli(['users', 'unlock', 'eve', '--data', dir])).stderr).toBe(
      'crisis-console: users unlock: no user named "eve"\n'
    )
  })

  it('lists the members, changes roles, disables one who left (a running console closes their consoles within seconds) and enables them', async () => {
    const dir = dataDir()
    await runCli(['users', 'add', 'adam', '--role', 'admin', '--data', dir], PASSWORD)
    await runCli(['users', 'add', 'sam', '--role', 'service', '--data', dir], PASSWORD)
    expect(await runCli(['users', 'roles', 'sam', '--role', 'pr,service', '--data', dir])).toMatchObject({
      code: 0,
      stdout: 'new roles for sam (pr, service)\n'
    })
    expect(await runCli(['users', 'list', '--data', dir])).toMatchObject({
      code: 0,
      stdout: 'adam\tadmin\nsam\tpr,service\n'
    })
    const p = await serve(['--data', dir, '--http', '127.0.0.1:0', '--mqtt', '127.0.0.1:0'])
    const session = await fetch(`${p.httpUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'sam', password: PASSWORD })
    })
    const { token } = await session.json()
    const samsConsole = new WebSocket(`${p.httpUrl.replace('http', 'ws')}/api/events`, [`bearer.${token}`])
    await new Promise((resolve) => samsConsole.once('open', resolve))
    const closed = new Promise<[number, string]>((resolve) =>
      samsConsole.once('close', (code, why) => resolve([code, String(why)]))
    )
    expect(await runCli(['users', 'disable', 'sam', '--data', dir])).toMatchObject({
      code: 0,
      stdout: 'disabled sam (pr, service)\n'
    })
    expect((await fetch(`${p.httpUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
    // the running console learns of it from the account log and closes sam's open console too
    expect(await closed).toEqual([4401, 'this account was disabled'])
    expect(await runCli(['users', 'list', '--data', dir])).toMatchObject({
      stdout: 'adam\tadmin\nsam\tpr,service\tdisabled\n'
    })
    expect(await runCli(['users', 'disable', 'adam', '--data', dir])).toMatchObject({
      code: 2,
      stderr: "crisis-console: users disable: can't disable adam, the last admin; make another member admin first\n"
    })
    expect(await runCli(['users', 'enable', 'sam', '--data', dir])).toMatchObject({
      code: 0,
      stdout: 'enabled sam (pr, service)\n'
    })
    // the log has them, by whom
    const log = await fetch(`${p.httpUrl}/api/accounts/log`, {
      headers: { authorization: `Bearer ${await p.token()}` }
    })
    expect(
      ((await log.json()) as { user: string; change: string; by: string }[])
        .slice(0, 3)
        .map((e) => [e.user, e.change, e.by.replace(/\(.*\)/, '(…)')])
    ).toEqual([
      ['sam', 'enabled', 'command line (…)'],
      ['sam', 'disabled', 'command line (…)'],
      ['sam', 'roles', 'command line (…)']
    ])
  })

  it.each([
    [['users', 'add', 'anna', '--data', '/tmp'], /--role is required/],
    [['users', 'roles', 'anna', '--data', '/tmp'], /users roles: --role is required/],
    [['users', 'add', 'anna', '--role', 'emperor', '--data', '/tmp'], /roles\.0: Invalid option/],
    [['users', 'add', '--role', 'pr'], /give the NAME first/],
    [['users', 'remove', 'anna'], /unknown subcommand "remove"/]
  ])('%j fails in one line with exit code 2', async (args, message) => {
    const r = await runCli(args, `${PASSWORD}\n`)
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(message)
  })

  it('refuses a short password', async () => {
    const r = await runCli(['users', 'add', 'anna', '--role', 'pr', '--data', dataDir()], 'short\n')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/password: at least 12 characters/)
  })
})

describe('LAN mode', () => {
  it('serves beyond loopback once an admin exists: no local operator, everyone signs in', async () => {
    const dir = dataDir()
    await runCli(['users', 'add', 'adam', '--role', 'admin', '--data', dir], PASSWORD)
    const p = await serve(['--data', dir, '--http', '0.0.0.0:0', '--mqtt', '127.0.0.1:0'])
    const base = p.httpUrl.replace('0.0.0.0', '127.0.0.1')
    const page = await (await fetch(`${base}/`)).text()
    expect(page).not.toMatch(/content="[A-Za-z0-9_-]{20,}"/) // no token handed out
    expect((await fetch(`${base}/api/wall`)).status).toBe(401)
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'adam', password: PASSWORD })
    })
    const { token } = await login.json()
    expect((await fetch(`${base}/api/wall`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
  })

  it.skipIf(spawnSync('sh', ['-c', 'command -v openssl']).status !== 0)(
    'serves HTTPS with the given certificate and key',
    async () => {
      const dir = dataDir()
      const cert = path.join(dir, 'cert.pem')
      const key = path.join(dir, 'key.pem')
      const made = spawnSync('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost'
      ])
      expect(made.status).toBe(0)
      const p = await serve([
        '--data',
        dir,
        '--http',
        '127.0.0.1:0',
        '--mqtt',
        '127.0.0.1:0',
        '--tls-cert',
        cert,
        '--tls-key',
        key
      ])
      expect(p.httpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      const body = await new Promise<string>((resolve, reject) =>
        https
          .get(`${p.httpUrl}/api/health`, { rejectUnauthorized: false }, (res) => {
            let b = ''
            res.on('data', (d) => (b += d))
            res.on('end', () => resolve(b))
          })
          .on('error', reject)
      )
      expect(JSON.parse(body)).toMatchObject({ ok: true })
    }
  )

  it('refuses --tls-cert without --tls-key, and unreadable files, in one line', async () => {
    expect((await runCli(['serve', '--tls-cert', 'x.pem'])).stderr).toBe(
      'crisis-console: --tls-cert and --tls-key go together\n'
    )
    const r = await runCli(['serve', '--tls-cert', '/nope/c.pem', '--tls-key', '/nope/k.pem'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe("crisis-console: --tls-cert: can't read /nope/c.pem: ENOENT\n")
  })
})
