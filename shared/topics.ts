// Every MQTT topic the console uses, named once (DESIGN 4.2). The prefix is configurable.

export const DEFAULT_TOPIC_PREFIX = 'crisis'

export function topics(prefix: string = DEFAULT_TOPIC_PREFIX) {
  return {
    /** sources -> engine: one mention object or an array of them */
    mentionsIn: `${prefix}/in/mentions`,
    /** engine -> gateways, one topic per channel; only the engine may publish here */
    outFilter: `${prefix}/out/#`,
    out: (channel: string) => `${prefix}/out/${channel}`,
    /** gateways -> engine delivery receipts */
    ack: (channel: string) => `${prefix}/ack/${channel}`,
    /** engine -> anyone: spike alerts */
    alerts: `${prefix}/alerts`
  } as const
}

/**
 * True for the topics only the engine may publish on: `prefix/out/...` (statements to
 * gateways) and `prefix/alerts` (a forged alert would put a false spike on every wall).
 */
export function isEngineOnlyTopic(topic: string, prefix: string = DEFAULT_TOPIC_PREFIX): boolean {
  return topic.startsWith(`${prefix}/out/`) || topic === `${prefix}/alerts`
}
