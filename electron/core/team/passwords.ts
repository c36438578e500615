// Password hashing with scrypt (memory-hard, in node:crypto): N=2^15, r=8, p=1 uses 32 MiB
// and about 50-100 ms per hash, which makes guessing offline expensive and is invisible
// at a login form. Stored as scrypt$N$r$p$salt$hash so the cost can rise later.
import crypto from 'node:crypto'

const N = 2 ** 15
const R = 8
const P = 1
const KEY_LENGTH = 32
const MAX_MEM = 128 * N * R * 2

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: Math.max(MAX_MEM, 128 * n * r * 2) },
      (err, key) => (err ? reject(err) : resolve(key))
    )
  )
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(password, salt, N, R, P)
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !hash) return false
  const key = await scrypt(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p))
  const expected = Buffer.from(hash, 'base64')
  return key.length === expected.length && crypto.timingSafeEqual(key, expected)
}

/** A hash of nothing, verified against when the user doesn't exist, so timing doesn't tell. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`
