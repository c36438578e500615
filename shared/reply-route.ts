// Where a reply from the response queue goes: the configured channel for the mention's
// own channel (a tweet is answered on x), or nowhere for channels with no outbound path.
// Shared so the engine routes by it and the console names the button by it.
import type { Channel } from './mention'

/** The configured channel a reply to a mention on each source channel goes out on. */
export const REPLY_CHANNEL: Partial<Record<Channel, string>> = {
  twitter: 'x',
  facebook: 'facebook',
  instagram: 'instagram',
  sms: 'sms',
  email: 'email'
}

const PLURAL: Record<Channel, string> = {
  twitter: 'tweets',
  facebook: 'Facebook posts',
  instagram: 'Instagram posts',
  forum: 'forums',
  news: 'news articles',
  blog: 'blogs',
  email: 'e-mails',
  sms: 'text messages',
  callcenter: 'call-centre notes',
  other: 'these sources'
}

/**
 * What the reply button does, in words: "Send reply" where the mention's channel has an
 * outbound path among `configured`, else it records the reply and says why nothing goes out.
 */
export function replyAction(channel: Channel, configured: readonly string[]): { sends: boolean; label: string } {
  const via = REPLY_CHANNEL[channel]
  if (via && configured.includes(via)) return { sends: true, label: `Send reply on ${via}` }
  return { sends: false, label: `Record reply (not sent: ${PLURAL[channel]} have no outbound path)` }
}
