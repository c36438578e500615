// v7: spike alerts. Mentions per minute and detected language (written by the enricher with
// minute_sentiment), so per-language volume needs no scan of the mentions; the alerts
// themselves with their drivers; and where the monitor stands, so a restart neither misses
// a closed minute nor alerts on one twice.
export const migration0007 = {
  version: 7,
  name: 'spike alerts: minute volume per language, alerts, monitor position',
  sql: `
    CREATE TABLE minute_lang (
      minute_ms INTEGER NOT NULL,
      lang TEXT NOT NULL,                   -- detected, else declared, else 'und'
      count INTEGER NOT NULL,
      PRIMARY KEY (minute_ms, lang)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE alerts (
      id INTEGER PRIMARY KEY,
      incident_id INTEGER REFERENCES incidents (id),
      minute_ms INTEGER NOT NULL UNIQUE,    -- the closed minute that raised it: one alert per minute at most
      started_ms INTEGER NOT NULL,          -- where the rise began (<= minute_ms)
      created_ms INTEGER NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('warning', 'severe')),
      score REAL NOT NULL,
      triggers TEXT NOT NULL,               -- JSON: the series that scored high
      drivers TEXT NOT NULL,                -- JSON: channels, languages and terms that rose
      acknowledged_by TEXT,
      acknowledged_ms INTEGER
    ) STRICT;
    CREATE INDEX alerts_incident ON alerts (incident_id, minute_ms);

    CREATE TABLE alert_monitor (id INTEGER PRIMARY KEY CHECK (id = 1), next_minute_ms INTEGER NOT NULL) STRICT;
  `
}
