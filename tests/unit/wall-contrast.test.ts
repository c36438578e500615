// The wall's text colours against the surfaces they sit on meet WCAG AA (4.5:1 for text),
// computed as WCAG defines it, so a palette change that breaks readability fails here.
import { describe, expect, it } from 'vitest'
import { theme } from '../../renderer/src/theme/theme'

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

describe('wall contrast (WCAG AA, 4.5:1)', () => {
  it.each([
    ['text on the background', theme.text, theme.background],
    ['text on a tile', theme.text, theme.surface],
    ['muted text on a tile', theme.textMuted, theme.surface],
    ['an old tile age (amber) on a tile', theme.stale, theme.surface],
    ['the connection banner (black on amber)', '#000000', theme.stale],
    ['the severe-alert banner (black on vermilion)', '#000000', '#d55e00'],
    ['the live status (green on dark green)', '#7ee2b0', '#123524'],
    ['the drill badge (black on yellow)', '#000000', theme.drill]
  ])('%s', (_what, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5)
  })
})
