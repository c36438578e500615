// A wall chart: counts per minute, stacked by series (channels, or sentiments), as step
// areas in plain SVG. The wall used recharts here; under a steady 2,000 mentions/s each of
// its redraws cost 40–120 ms on our two-core machines (its store dispatches, selectors and
// arbitrary-precision tick maths), over the 50 ms frame budget. Stacked steps over sixty
// minutes are a few path strings: this draws them in a millisecond or two, memoized on its
// inputs, with ticks spaced for their labels, the key in HTML and no tooltip (nothing on a wall is
// hovered).
import { memo, useEffect, useMemo, useRef, useState } from 'react'
import { theme } from '../theme/theme'
import { useRemPx } from './wall-hooks'
import { countAxis, stackedStepPaths, type ChartSeries } from './chart-geometry'

const HHMM = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' })
/** a time label's width in ems, roughly ("09:20" or "09:20 AM"), to space the ticks without measuring */
const TIME_LABEL_EMS = HHMM.format(0).length * 0.6
const TICK_STEPS_MIN = [10, 15, 20, 30, 60]

/** The element's size in CSS pixels, following it as the viewport changes. */
function useSize<T extends Element>() {
  const ref = useRef<T>(null)
  const [size, setSize] = useState({ width: 0, height: 0 })
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new ResizeObserver(([entry]) =>
      setSize({ width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) })
    )
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, size] as const
}

function StackedMinutes(props: {
  data: readonly { minute: number }[]
  series: readonly ChartSeries[]
  grid: boolean
  small?: boolean
  testId?: string
}) {
  const { data, series, grid, small, testId } = props
  const px = useRemPx()
  const [ref, { width, height }] = useSize<HTMLDivElement>()
  const chart = useMemo(() => {
    const left = px * 3.5
    const bottom = height - px * 1.8
    const right = width - px
    const top = px * 0.6
    const axis = countAxis(data, series)
    const highest = axis.top
    // a short chart (a small tile at 1080p) says only 0 and its top
    const yTicks = bottom - top < px * 6 ? [0, highest] : axis.ticks
    const first = data[0]?.minute ?? 0
    const span = Math.max(1, (data.at(-1)?.minute ?? 0) - first)
    // time ticks on round minutes, as far apart as the labels need
    const perMinute = (right - left) / (span / 60_000)
    const stepMs = 60_000 * (TICK_STEPS_MIN.find((m) => m * perMinute >= px * TIME_LABEL_EMS * 1.4) ?? 60)
    const x = (minute: number) => left + ((minute - first) / span) * (right - left)
    const y = (count: number) => bottom - (count / highest) * (bottom - top)
    return {
      left,
      right,
      bottom,
      top,
      yTicks: yTicks.map((t) => ({ t, y: y(t) })),
      // labels centred on their tick, so none at the very edge where half of it would be cut off
      xTicks: data
        .filter((d) => d.minute % stepMs === 0)
        .map((d) => ({ t: d.minute, x: x(d.minute) }))
        .filter(({ x }) => x - (px * TIME_LABEL_EMS) / 2 >= 0 && x + (px * TIME_LABEL_EMS) / 2 <= width),
      paths: stackedStepPaths(data, series, x, y)
    }
  }, [data, series, width, height, px])
  return (
    <>
      <div ref={ref} className={small ? 'chart chart--small' : 'chart'} data-testid={testId} data-points={data.length}>
        {width > 0 && height > 0 && (
          <svg width={width} height={height} aria-hidden>
            {chart.yTicks.map(({ t, y }) => (
              <g key={`y${t}`}>
                {grid && (
                  <line x1={chart.left} x2={chart.right} y1={y} y2={y} stroke={theme.grid} strokeDasharray="3 3" />
                )}
                <text
                  x={chart.left - px * 0.4}
                  y={y}
                  fill={theme.textMuted}
                  fontSize={px}
                  textAnchor="end"
                  dominantBaseline="middle"
                >
                  {t.toLocaleString()}
                </text>
              </g>
            ))}
            {chart.xTicks.map(({ t, x }) => (
              <g key={`x${t}`}>
                {grid && (
                  <line x1={x} x2={x} y1={chart.top} y2={chart.bottom} stroke={theme.grid} strokeDasharray="3 3" />
                )}
                <text
                  x={x}
                  y={chart.bottom + px * 0.3}
                  fill={theme.textMuted}
                  fontSize={px}
                  textAnchor="middle"
                  dominantBaseline="hanging"
                >
                  {HHMM.format(t)}
                </text>
              </g>
            ))}
            {series.map((s, i) => (
              <path
                key={s.key}
                className="chart__area"
                data-series={s.key}
                d={chart.paths[i]}
                fill={s.color}
                fillOpacity={0.75}
                stroke={s.color}
              />
            ))}
            <line x1={chart.left} x2={chart.right} y1={chart.bottom} y2={chart.bottom} stroke={theme.textMuted} />
            <line x1={chart.left} x2={chart.left} y1={chart.top} y2={chart.bottom} stroke={theme.textMuted} />
          </svg>
        )}
      </div>
      <ul className="chart-legend">
        {series.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: s.color }} aria-hidden />
            {s.key}
          </li>
        ))}
      </ul>
    </>
  )
}

export const StackedMinutesChart = memo(StackedMinutes)
