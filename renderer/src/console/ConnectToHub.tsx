// Desktop app only: connect this console to a hub (another war room's engine) instead of
// its own embedded one. The app reopens on the hub's console, where you sign in.
import { useState, type FormEvent } from 'react'
import type { ConsoleHub } from '../../../shared/ipc'
import { TestIds } from '../../../shared/test-ids'

export function ConnectToHub({ hub }: { hub: ConsoleHub }) {
  const [open, setOpen] = useState(false)
  const [url, setUrl] = useState('')
  const [error, setError] = useState<string | null>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const r = await hub.connect(url)
    if (!r.ok) setError(r.error.message)
  }

  if (!open)
    return (
      <button data-testid={TestIds.hubOpen} onClick={() => setOpen(true)}>
        Connect to hub…
      </button>
    )
  return (
    <form className="row" onSubmit={submit}>
      <input
        aria-label="hub address"
        data-testid={TestIds.hubUrl}
        placeholder="https://warroom.example:4820"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        autoFocus
      />
      <button data-testid={TestIds.hubConnect}>Connect</button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  )
}
