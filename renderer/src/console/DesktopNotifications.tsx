// Desktop notifications, for a team member working in another window (drafting in a word
// processor, on a call): a new spike alert, a failed delivery, a statement awaiting their
// approval. Off until the member turns
// them on at this computer; shown only while the console is not in front, since the
// banners say the same on screen.
import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { notificationFor } from './notification-for'
import { TestIds } from '../../../shared/test-ids'

const KEY = 'crisis-console-notify'

type State = 'unsupported' | 'blocked' | 'off' | 'on'

function currentState(): State {
  if (typeof Notification === 'undefined') return 'unsupported'
  if (Notification.permission === 'denied') return 'blocked'
  return Notification.permission === 'granted' && localStorage.getItem(KEY) === 'on' ? 'on' : 'off'
}

export function NotifyToggle({ api, me }: { api: ConsoleApi; me: { name: string; roles: readonly string[] } }) {
  const [state, setState] = useState<State>(currentState)

  useEffect(() => {
    if (state !== 'on') return
    const seen = new Set<string>()
    return api.subscribe((e) => {
      if (document.visibilityState === 'visible' && document.hasFocus()) return
      const n = notificationFor(e, seen, me)
      if (!n) return
      const shown = new Notification(n.title, { body: n.body, tag: n.tag })
      shown.onclick = () => window.focus()
    })
  }, [api, state, me])

  const toggle = async () => {
    if (state === 'on') {
      localStorage.setItem(KEY, 'off')
      return setState('off')
    }
    // asked only now, on the member's click: browsers ignore a request without one
    const permission =
      Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission
    if (permission === 'granted') localStorage.setItem(KEY, 'on')
    setState(currentState())
  }

  if (state === 'unsupported') return null
  // words, not bell emoji: a wall PC or a minimal Linux may have no emoji font
  const label = { on: 'Notifying', off: 'Notify me', blocked: 'Notifications blocked' }[state]
  const title = {
    on: 'Spike alerts, failed deliveries and statements awaiting your approval show as desktop notifications while the console is in the background. Click to stop.',
    off: 'Show spike alerts, failed deliveries and statements awaiting your approval as desktop notifications while the console is in the background',
    blocked: 'This browser blocks notifications for this page: allow them in its site settings'
  }[state]
  return (
    <button
      data-testid={TestIds.notifyToggle}
      data-state={state}
      title={title}
      aria-pressed={state === 'on'}
      disabled={state === 'blocked'}
      onClick={() => void toggle()}
    >
      {label}
    </button>
  )
}
