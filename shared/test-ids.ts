// One registry of data-testids, used by components and Playwright alike (DESIGN 4.4).
export const TestIds = {
  wall: 'wall',
  wallVolumeChart: 'wall-volume-chart',
  wallTotal: 'wall-total',
  wallChannelTotal: (channel: string) => `wall-channel-total-${channel}`,
  wallSentiment: 'wall-sentiment',
  wallAlerts: 'wall-alerts',
  wallStatement: 'wall-statement',
  wallClock: 'wall-clock',
  wallStale: 'wall-stale',
  wallIncident: 'wall-incident',
  wallDrillBadge: 'wall-drill-badge',
  wallLatest: 'wall-latest',
  console: 'console',
  consoleHealth: 'console-health',
  consoleDeadLetters: 'console-dead-letters'
} as const
