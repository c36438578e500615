// v1: mentions (deduplicated on channel + id), dead letters, per-minute volume.
export const migration0001 = {
  version: 1,
  name: 'mentions, dead letters, minute volume',
  sql: `
    CREATE TABLE mentions (
      seq INTEGER PRIMARY KEY,            -- arrival order, used to find a batch's new rows
      channel TEXT NOT NULL,
      id TEXT NOT NULL,
      ts_ms INTEGER NOT NULL,             -- the mention's own time (UTC ms)
      received_ms INTEGER NOT NULL,       -- when the engine stored it
      author_handle TEXT NOT NULL,
      followers INTEGER NOT NULL,
      lang TEXT,
      text TEXT NOT NULL,
      doc TEXT NOT NULL,                  -- the mention as received: unknown fields are kept
      UNIQUE (channel, id)
    ) STRICT;
    CREATE INDEX mentions_ts ON mentions (ts_ms);

    CREATE TABLE dead_letters (
      seq INTEGER PRIMARY KEY,
      received_ms INTEGER NOT NULL,
      source TEXT NOT NULL,               -- e.g. mqtt:crisis/in/mentions
      reason TEXT NOT NULL,
      size INTEGER NOT NULL,              -- the payload's full size in bytes
      payload BLOB NOT NULL               -- capped at the payload limit
    ) STRICT;

    CREATE TABLE minute_volume (
      minute_ms INTEGER NOT NULL,
      channel TEXT NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (minute_ms, channel)
    ) STRICT, WITHOUT ROWID;
  `
}
