// Wall theme tokens: high contrast on a dark background, a colour-blind-safe palette
// (Okabe-Ito), and sizes in viewport units so a 1080p TV and a 4K wall read alike.
import type { Channel } from '../../../shared/mention'

export const theme = {
  background: '#0b0f14',
  surface: '#151c25',
  text: '#f2f5f8', // 16:1 on background
  textMuted: '#b8c2cc', // 10:1 on background
  live: '#4cc38a',
  stale: '#ffb020',
  drill: '#ffd60a',
  grid: '#2a3441'
} as const

/** Okabe-Ito, then neutral greys; every series is also labelled, never colour alone. */
export const channelColors: Record<Channel, string> = {
  twitter: '#56B4E9',
  facebook: '#0072B2',
  instagram: '#CC79A7',
  forum: '#E69F00',
  news: '#F0E442',
  blog: '#009E73',
  email: '#D55E00',
  sms: '#BBBBBB',
  callcenter: '#FFFFFF',
  other: '#777777'
}

/** Sentiment in Okabe-Ito: vermillion, grey, bluish green; the tile also labels each in words. */
export const sentimentColors = { negative: '#D55E00', neutral: '#999999', positive: '#009E73' } as const
