import { describe, expect, it } from 'vitest'
import { isLoopback, parseHostPort, UsageError } from '../../electron/host/cli-args'
import { parseBrokerUrl } from '../../electron/core/bus/broker-url'

describe('parseHostPort', () => {
  it('reads host and port, including IPv6 and port 0', () => {
    expect(parseHostPort('--http', '127.0.0.1:4820')).toEqual({ host: '127.0.0.1', port: 4820 })
    expect(parseHostPort('--http', '[::1]:0')).toEqual({ host: '::1', port: 0 })
  })
  it.each(['4820', 'localhost', '127.0.0.1:', '127.0.0.1:99999', 'a:b'])(
    'refuses %s in one line naming the flag',
    (v) => {
      expect(() => parseHostPort('--http', v)).toThrow(UsageError)
      expect(() => parseHostPort('--http', v)).toThrow(/^--http: /)
    }
  )
})

describe('isLoopback', () => {
  it('knows loopback from the LAN', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true)
    expect(['0.0.0.0', '192.168.1.10', '::', 'example.org'].some(isLoopback)).toBe(false)
  })
})

describe('parseBrokerUrl', () => {
  it('takes the four schemes and moves credentials out of the printable URL', () => {
    expect(parseBrokerUrl('mqtts://ops:s%3Acret@broker.example:8883')).toEqual({
      url: 'mqtts://broker.example:8883',
      username: 'ops',
      password: 's:cret'
    })
    for (const s of ['mqtt', 'ws', 'wss']) expect(parseBrokerUrl(`${s}://h:1`).url).toBe(`${s}://h:1`)
  })
  it.each([
    ['not a URL', 'broker:1883', /scheme broker: is not supported|not a URL/],
    ['http', 'http://h:1', /scheme http: is not supported/],
    ['garbage', '::', /not a URL/]
  ])('refuses %s', (_why, raw, msg) => {
    expect(() => parseBrokerUrl(raw)).toThrow(msg)
  })
})
