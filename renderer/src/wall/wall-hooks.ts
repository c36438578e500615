// Small hooks for a wall that runs for days: text sizes for charts in pixels (SVG takes
// numbers, the rest of the wall uses rem), pixel shifting against burn-in, and the tone of
// a new severe alert.
import { useEffect, useState, type CSSProperties } from 'react'

const remPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.85

/** The wall's smallest text size in px (0.85 rem), following the viewport. */
export function useRemPx(): number {
  const [px, setPx] = useState(remPx)
  useEffect(() => {
    const update = () => setPx(remPx())
    window.addEventListener('resize', update)
    return () => window.removeEventListener('resize', update)
  }, [])
  return px
}

const SHIFT_EVERY_MS = 3 * 60_000
const SHIFTS = [
  [0, 0],
  [2, 1],
  [3, -1],
  [1, -2],
  [-1, -1],
  [-2, 1]
] as const

/** On a kiosk wall, moves everything by a few pixels every few minutes; a jump, never an animation. */
export function usePixelShift(active: boolean): CSSProperties | undefined {
  const [step, setStep] = useState(0)
  useEffect(() => {
    if (!active) return
    const t = setInterval(() => setStep((s) => (s + 1) % SHIFTS.length), SHIFT_EVERY_MS)
    return () => clearInterval(t)
  }, [active])
  if (!active) return undefined
  const [x, y] = SHIFTS[step]
  return { transform: `translate(${x}px, ${y}px)` }
}

/** A short two-note tone every 10 s while `on` (the layout opts in; kiosk browsers must allow autoplay). */
export function useAlertTone(on: boolean): void {
  useEffect(() => {
    if (!on || typeof AudioContext === 'undefined') return
    const ctx = new AudioContext()
    const beep = () => {
      for (const [i, freq] of [880, 660].entries()) {
        const osc = ctx.createOscillator()
        const gain = ctx.createGain()
        gain.gain.value = 0.2
        osc.frequency.value = freq
        osc.connect(gain).connect(ctx.destination)
        osc.start(ctx.currentTime + i * 0.25)
        osc.stop(ctx.currentTime + i * 0.25 + 0.2)
      }
    }
    beep()
    const t = setInterval(beep, 10_000)
    return () => {
      clearInterval(t)
      void ctx.close()
    }
  }, [on])
}

/**
 * `value`, passed on at most every `everyMs` (the latest one, trailing): charts read from
 * across a room need no sub-second redraws, and a redraw is the wall's costliest work. After
 * the first value, updates land on the clock's slots of `everyMs` shifted by `offsetMs`, so
 * two charts given different offsets never redraw in the same task.
 */
export function useThrottled<T>(value: T, everyMs: number, offsetMs = 0): T {
  const [shown, setShown] = useState(value)
  const [last, setLast] = useState(0)
  useEffect(() => {
    if (Object.is(value, shown)) return
    const now = Date.now()
    const wait = last === 0 ? 0 : Math.ceil((Math.max(now, last + 1) - offsetMs) / everyMs) * everyMs + offsetMs - now
    const t = setTimeout(() => {
      setShown(value)
      setLast(Date.now())
    }, wait)
    return () => clearTimeout(t)
  }, [value, shown, last, everyMs, offsetMs])
  return shown
}
