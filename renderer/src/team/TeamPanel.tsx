// Who is on duty: online members, their roles, and how many items each holds.
import type { ConsoleApi } from '../../../shared/api'
import { TestIds } from '../../../shared/test-ids'
import { usePresence } from './use-presence'

export function TeamPanel({ api }: { api: ConsoleApi }) {
  const online = usePresence(api)
  return (
    <section className="tile team" aria-label="Team on duty" data-testid={TestIds.teamPanel}>
      <h2>Team online</h2>
      {online.length === 0 && <p className="muted">nobody else connected</p>}
      <ul>
        {online.map((m) => (
          <li key={m.name} data-testid={TestIds.teamMember(m.name)}>
            <strong>{m.name}</strong> <span className="muted">{m.roles.join(', ')}</span>
            <span className="team__holding">{m.holding ? `holds ${m.holding}` : 'free'}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
