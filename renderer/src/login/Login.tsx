// Sign in as a team member. In LAN mode this is the only way in; on a loopback console it
// replaces the local operator with a named member, so claims carry a name.
import { useState, type FormEvent } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { TestIds } from '../../../shared/test-ids'
import { signIn } from '../api/session'

export function Login({ api, onCancel }: { api: ConsoleApi; onCancel?: () => void }) {
  const [user, setUser] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    const r = await api.call('login', { user, password })
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    // signing in again (a session about to end, or as someone else): the old session ends
    // here rather than staying valid until its own end (for the local operator there is none to end)
    await api.call('logout', {})
    signIn(r.value)
  }

  return (
    <form className="login tile" onSubmit={submit} data-testid={TestIds.login}>
      <h1>Crisis Console</h1>
      <label>
        Name
        <input
          data-testid={TestIds.loginUser}
          autoComplete="username"
          value={user}
          onChange={(e) => setUser(e.target.value)}
          autoFocus
          required
        />
      </label>
      <label>
        Password
        <input
          data-testid={TestIds.loginPassword}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="error" role="alert" data-testid={TestIds.loginError}>
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" data-testid={TestIds.loginSubmit} disabled={busy}>
          Sign in
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}
