// Walls from a console: pair a screen (a TV, a browser on the wall) with a viewer-only token
// and a layout, revoke it, and compose layouts from the wall's tiles in the order they show.
import { useState } from 'react'
import type { ConsoleApi, EngineEvent } from '../../../shared/api'
import { useLiveCall } from '../api/use-live-call'
import { TestIds } from '../../../shared/test-ids'
import { WALL_TILE_LABELS, WALL_TILES, type WallLayout, type WallTileId } from '../../../shared/wall'

export function WallsView({ api }: { api: ConsoleApi }) {
  const wallsChanged = (e: EngineEvent) => e.type === 'wallDevice' || e.type === 'wallLayout'
  const { value: layouts = [] } = useLiveCall(api, 'listWallLayouts', {}, wallsChanged)
  const { value: devices = [], error: devicesError } = useLiveCall(api, 'listWallDevices', {}, wallsChanged)
  const [actionError, setError] = useState<string | null>(null)
  const error = actionError ?? devicesError
  const [pairLink, setPairLink] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [layoutFor, setLayoutFor] = useState(0)

  const pair = async () => {
    const r = await api.call('pairWallDevice', { name, layout: layoutFor })
    if (!r.ok) return setError(r.error.message)
    setError(null)
    setName('')
    setPairLink(new URL(r.value.pairPath, window.location.href).href)
  }

  return (
    <section className="tile walls" data-testid={TestIds.wallsPanel} aria-label="Walls">
      <h2>Wall screens</h2>
      <p className="muted">
        A paired screen shows the wall without signing in, reads nothing else and changes nothing. Open its link once on
        the screen; revoke it here when the screen leaves the room.
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          void pair()
        }}
      >
        <input
          data-testid={TestIds.wallPairName}
          aria-label="screen name"
          placeholder="Screen name, e.g. War room TV"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={80}
        />
        <select
          aria-label="layout for the screen"
          value={layoutFor}
          onChange={(e) => setLayoutFor(Number(e.target.value))}
        >
          {layouts.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <button data-testid={TestIds.wallPairSubmit}>Pair a screen</button>
      </form>
      {pairLink && (
        <p>
          Open this once on the screen (shown only now):{' '}
          <a data-testid={TestIds.wallPairLink} href={pairLink} target="_blank" rel="noreferrer">
            {pairLink}
          </a>
        </p>
      )}
      {error && <p className="error">{error}</p>}
      <ul className="history">
        {devices.map((d) => (
          <li key={d.id}>
            <strong>{d.name}</strong>{' '}
            <span className="muted">
              layout {layouts.find((l) => l.id === d.layoutId)?.name ?? d.layoutId} · paired by {d.createdBy} ·{' '}
              {d.revokedAt
                ? `revoked ${new Date(d.revokedAt).toLocaleString()}`
                : d.lastSeenAt
                  ? `last seen ${new Date(d.lastSeenAt).toLocaleTimeString()}`
                  : 'not opened yet'}
            </span>{' '}
            {!d.revokedAt && (
              <>
                <select
                  aria-label={`layout for ${d.name}`}
                  value={d.layoutId}
                  onChange={(e) =>
                    void api
                      .call('assignWallLayout', { id: d.id, layout: Number(e.target.value) })
                      .then((r) => setError(r.ok ? null : r.error.message))
                  }
                >
                  {layouts.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>{' '}
                <button
                  data-testid={TestIds.wallDeviceRevoke(d.id)}
                  onClick={() =>
                    void api.call('revokeWallDevice', { id: d.id }).then((r) => setError(r.ok ? null : r.error.message))
                  }
                >
                  Revoke
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <LayoutEditor api={api} layouts={layouts} onError={setError} />
    </section>
  )
}

function LayoutEditor({
  api,
  layouts,
  onError
}: {
  api: ConsoleApi
  layouts: WallLayout[]
  onError: (m: string | null) => void
}) {
  const [editing, setEditing] = useState<number | null>(null)
  const [name, setName] = useState('')
  const [tiles, setTiles] = useState<WallTileId[]>([...WALL_TILES])
  const [sound, setSound] = useState(false)
  const start = (l: WallLayout | null) => {
    setEditing(l?.id ?? null)
    setName(l && l.id !== 0 ? l.name : '')
    setTiles(l ? [...l.tiles] : [...WALL_TILES])
    setSound(l?.sound ?? false)
  }
  const toggle = (t: WallTileId) => setTiles((list) => (list.includes(t) ? list.filter((x) => x !== t) : [...list, t]))
  const move = (t: WallTileId, by: -1 | 1) =>
    setTiles((list) => {
      const i = list.indexOf(t)
      const j = i + by
      if (i < 0 || j < 0 || j >= list.length) return list
      const next = [...list]
      ;[next[i], next[j]] = [next[j], next[i]]
      return next
    })
  const save = async () => {
    const r = await api.call('saveWallLayout', { ...(editing ? { id: editing } : {}), name, tiles, sound })
    onError(r.ok ? null : r.error.message)
    if (r.ok) start(r.value)
  }
  const ordered = [...tiles, ...WALL_TILES.filter((t) => !tiles.includes(t))]
  return (
    <div>
      <h3>Layouts</h3>
      <div className="row">
        {layouts.map((l) => (
          <button key={l.id} onClick={() => start(l)} aria-pressed={editing === l.id}>
            {l.name}
          </button>
        ))}
        <button onClick={() => start(null)}>New layout</button>
      </div>
      <div className="row">
        <input
          data-testid={TestIds.wallLayoutName}
          aria-label="layout name"
          placeholder={editing === 0 ? 'the default can be copied under a new name' : 'Layout name'}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={80}
        />
        <label>
          <input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} /> tone on a new severe
          alert
        </label>
        <button
          data-testid={TestIds.wallLayoutSave}
          disabled={!name.trim() || tiles.length === 0}
          onClick={() => void save()}
        >
          {editing ? 'Save layout' : 'Create layout'}
        </button>
      </div>
      <ol className="history">
        {ordered.map((t) => (
          <li key={t}>
            <label>
              <input
                type="checkbox"
                data-testid={TestIds.wallLayoutTile(t)}
                checked={tiles.includes(t)}
                onChange={() => toggle(t)}
              />{' '}
              {WALL_TILE_LABELS[t]}
            </label>{' '}
            {tiles.includes(t) && (
              <>
                <button aria-label={`move ${t} up`} onClick={() => move(t, -1)}>
                  ↑
                </button>
                <button aria-label={`move ${t} down`} onClick={() => move(t, 1)}>
                  ↓
                </button>
              </>
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}
