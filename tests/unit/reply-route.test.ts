// The reply button says what it does: sends on the mention's own channel, or records only.
import { describe, expect, it } from 'vitest'
import { replyAction } from '../../shared/reply-route'

describe('replyAction', () => {
  it("sends where the mention's channel has a configured outbound path", () => {
    expect(replyAction('twitter', ['x', 'sms'])).toEqual({ sends: true, label: 'Send reply on x' })
    expect(replyAction('sms', ['x', 'sms'])).toEqual({ sends: true, label: 'Send reply on sms' })
  })

  it('records only, and says why, where there is none', () => {
    expect(replyAction('forum', ['x'])).toEqual({
      sends: false,
      label: 'Record reply (not sent: forums have no outbound path)'
    })
    expect(replyAction('callcenter', ['x'])).toEqual({
      sends: false,
      label: 'Record reply (not sent: call-centre notes have no outbound path)'
    })
    // a channel that could send, but isn't configured here
    expect(replyAction('facebook', ['x'])).toEqual({
      sends: false,
      label: 'Record reply (not sent: Facebook posts have no outbound path)'
    })
  })
})
