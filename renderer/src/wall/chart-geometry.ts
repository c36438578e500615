// The arithmetic of the wall's stacked minute charts (StackedMinutesChart.tsx), kept apart
// from React so it can be tested on its own.

export interface ChartSeries {
  key: string
  color: string
}

/**
 * The count axis: 0 to a round number above the highest stack, in four or five steps of
 * 1, 2 or 5 times a power of ten.
 */
export function countAxis(data: readonly object[], series: readonly ChartSeries[]): { top: number; ticks: number[] } {
  let highest = 0
  for (const d of data) {
    let stack = 0
    for (const s of series) stack += valueOf(d, s.key)
    if (stack > highest) highest = stack
  }
  if (highest === 0) return { top: 4, ticks: [0, 1, 2, 3, 4] }
  const raw = highest / 4
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power)
  const top = Math.ceil(highest / step) * step
  return { top, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) }
}

const valueOf = (d: object, key: string) => Number((d as Record<string, unknown>)[key]) || 0

/**
 * One SVG path per series, stacked bottom-up: each minute's count holds until the next
 * minute (a step), the top edge drawn forwards and the edge below it backwards.
 */
export function stackedStepPaths(
  data: readonly { minute: number }[],
  series: readonly ChartSeries[],
  x: (minute: number) => number,
  y: (count: number) => number
): string[] {
  const below = data.map(() => 0)
  return series.map((s) => {
    const above = data.map((d, i) => below[i] + valueOf(d, s.key))
    const edge = (stack: number[]) =>
      data.flatMap((d, i) =>
        i === 0
          ? [[x(d.minute), y(stack[0])]]
          : [
              [x(d.minute), y(stack[i - 1])],
              [x(d.minute), y(stack[i])]
            ]
      )
    const points = [...edge(above), ...edge(below).reverse()]
    below.splice(0, below.length, ...above)
    return points.length ? `M${points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join('L')}Z` : ''
  })
}
