// Users and sessions. Plain functions with the database first.
import crypto from 'node:crypto'
import type { AccountChange, AccountLogEntry, MemberAccount, Role, UserSummary } from '../../../shared/team'
import type { Db } from '../store/db'

export interface UserRow {
  id: number
  name: string
  password_hash: string
  roles: string
  failed_logins: number
  locked_until_ms: number
  disabled: number
}

export const toUserSummary = (u: Pick<UserRow, 'id' | 'name' | 'roles'>): UserSummary => ({
  id: u.id,
  name: u.name,
  roles: JSON.parse(u.roles) as Role[]
})

export async function insertUser(
  db: Db,
  name: string,
  passwordHash: string,
  roles: Role[],
  nowMs: number
): Promise<UserSummary> {
  const { lastID } = await db.run('INSERT INTO users (name, password_hash, roles, created_ms) VALUES (?, ?, ?, ?)', [
    name,
    passwordHash,
    JSON.stringify([...new Set(roles)]),
    nowMs
  ])
  return { id: lastID, name, roles: [...new Set(roles)] }
}

export const findUserByName = (db: Db, name: string) => db.get<UserRow>('SELECT * FROM users WHERE name = ?', [name])
export const findUserById = (db: Db, id: number) => db.get<UserRow>('SELECT * FROM users WHERE id = ?', [id])

export async function listUsers(db: Db): Promise<UserSummary[]> {
  return (await db.all<UserRow>('SELECT id, name, roles FROM users WHERE disabled = 0 ORDER BY name')).map(
    toUserSummary
  )
}

/** Every account, the disabled ones last, with whether a lockout holds at `nowMs`. */
export async function listAccounts(db: Db, nowMs: number): Promise<MemberAccount[]> {
  const rows = await db.all<UserRow>(
    'SELECT id, name, roles, disabled, locked_until_ms FROM users ORDER BY disabled, name'
  )
  return rows.map((u) => ({
    ...toUserSummary(u),
    disabled: u.disabled === 1,
    lockedUntil: u.locked_until_ms > nowMs ? new Date(u.locked_until_ms).toISOString() : null
  }))
}

export async function countAdmins(db: Db): Promise<number> {
  return (
    (
      await db.get<{ n: number }>(
        "SELECT count(*) AS n FROM users, json_each(users.roles) r WHERE r.value = 'admin' AND disabled = 0"
      )
    )?.n ?? 0
  )
}

export const setRoles = (db: Db, userId: number, roles: Role[]) =>
  db.run('UPDATE users SET roles = ? WHERE id = ?', [JSON.stringify([...new Set(roles)]), userId])

export const setDisabled = (db: Db, userId: number, disabled: boolean) =>
  db.run('UPDATE users SET disabled = ? WHERE id = ?', [disabled ? 1 : 0, userId])

export const countUsers = async (db: Db): Promise<number> =>
  (await db.get<{ n: number }>('SELECT count(*) AS n FROM users'))?.n ?? 0

export async function recordLoginFailure(
  db: Db,
  userId: number,
  lockAfter: number,
  lockMs: number,
  nowMs: number
): Promise<void> {
  await db.run(
    `UPDATE users SET failed_logins = failed_logins + 1,
       locked_until_ms = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until_ms END
     WHERE id = ?`,
    [lockAfter, nowMs + lockMs, userId]
  )
}

export const recordLoginSuccess = (db: Db, userId: number) =>
  db.run('UPDATE users SET failed_logins = 0, locked_until_ms = 0 WHERE id = ?', [userId])

export const setPasswordHash = (db: Db, userId: number, hash: string) =>
  db.run('UPDATE users SET password_hash = ?, failed_logins = 0, locked_until_ms = 0 WHERE id = ?', [hash, userId])

/** Signs the user out everywhere (after a password reset). */
/** Ends every session of the member, or every one but `keepToken`'s; resolves to how many ended. */
export const revokeUserSessions = async (db: Db, userId: number, nowMs: number, keepToken?: string): Promise<number> =>
  (
    await db.run(
      'UPDATE sessions SET revoked_ms = ? WHERE user_id = ? AND revoked_ms IS NULL AND token_hash IS NOT ?',
      [nowMs, userId, keepToken === undefined ? null : hashToken(keepToken)]
    )
  ).changes

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex')

export async function insertSession(
  db: Db,
  userId: number,
  nowMs: number,
  ttlMs: number
): Promise<{ token: string; expiresMs: number }> {
  const token = crypto.randomBytes(32).toString('base64url')
  const expiresMs = nowMs + ttlMs
  await db.run('INSERT INTO sessions (token_hash, user_id, created_ms, expires_ms) VALUES (?, ?, ?, ?)', [
    hashToken(token),
    userId,
    nowMs,
    expiresMs
  ])
  return { token, expiresMs }
}

export const findSession = (db: Db, token: string) =>
  db.get<{ user_id: number; expires_ms: number; revoked_ms: number | null }>(
    'SELECT user_id, expires_ms, revoked_ms FROM sessions WHERE token_hash = ?',
    [hashToken(token)]
  )

export const revokeSession = (db: Db, token: string, nowMs: number) =>
  db.run('UPDATE sessions SET revoked_ms = ? WHERE token_hash = ? AND revoked_ms IS NULL', [nowMs, hashToken(token)])

/** Resolves to the log line's id. */
export const logAccountChange = async (
  db: Db,
  userId: number,
  change: AccountChange,
  by: string,
  detail: string | null,
  nowMs: number
): Promise<number> =>
  (
    await db.run('INSERT INTO account_log (at_ms, user_id, change, by, detail) VALUES (?, ?, ?, ?, ?)', [
      nowMs,
      userId,
      change,
      by,
      detail
    ])
  ).lastID

export const lastAccountLogId = async (db: Db): Promise<number> =>
  (await db.get<{ id: number | null }>('SELECT max(id) AS id FROM account_log'))?.id ?? 0

/** Log lines after `afterId`, oldest first, with the account as it is now. */
export async function accountChangesAfter(
  db: Db,
  afterId: number
): Promise<{ id: number; change: AccountChange; user: UserSummary }[]> {
  const rows = await db.all<{ id: number; change: AccountChange; user_id: number; name: string; roles: string }>(
    'SELECT l.id, l.change, u.id AS user_id, u.name, u.roles FROM account_log l JOIN users u ON u.id = l.user_id WHERE l.id > ? ORDER BY l.id LIMIT 1000',
    [afterId]
  )
  return rows.map((r) => ({
    id: r.id,
    change: r.change,
    user: toUserSummary({ id: r.user_id, name: r.name, roles: r.roles })
  }))
}

export async function accountLog(db: Db, limit: number): Promise<AccountLogEntry[]> {
  const rows = await db.all<{ at_ms: number; name: string; change: AccountChange; by: string; detail: string | null }>(
    'SELECT l.at_ms, u.name, l.change, l.by, l.detail FROM account_log l JOIN users u ON u.id = l.user_id ORDER BY l.id DESC LIMIT ?',
    [limit]
  )
  return rows.map((r) => ({
    at: new Date(r.at_ms).toISOString(),
    user: r.name,
    change: r.change,
    by: r.by,
    detail: r.detail
  }))
}
