// v2: incidents. The drill is an incident too, flagged so nothing confuses it with a real one.
export const migration0002 = {
  version: 2,
  name: 'incidents',
  sql: `
    CREATE TABLE incidents (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
      scenario TEXT,
      started_ms INTEGER NOT NULL,
      resolved_ms INTEGER
    ) STRICT;
    CREATE INDEX incidents_open ON incidents (resolved_ms, started_ms);
  `
}
