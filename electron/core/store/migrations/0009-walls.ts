// v9: walls. Layouts (which tiles, in which order; layout 0 is the built-in default and is
// not stored) and wall devices: screens paired with a viewer-only token, kept as a hash
// like session tokens, revocable.
export const migration0009 = {
  version: 9,
  name: 'walls: layouts and paired wall devices',
  sql: `
    CREATE TABLE wall_layouts (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      tiles TEXT NOT NULL,                  -- JSON array of tile ids, in order
      sound INTEGER NOT NULL DEFAULT 0 CHECK (sound IN (0, 1)),
      updated_by TEXT NOT NULL,
      updated_ms INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE wall_devices (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,      -- sha256 of the device token; the token is shown once
      layout_id INTEGER NOT NULL DEFAULT 0, -- 0: the default layout
      created_by TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      revoked_ms INTEGER,
      last_seen_ms INTEGER
    ) STRICT;
  `
}
