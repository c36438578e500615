// Accuracy and macro-F1 over the classes the gold labels use (a two-class set is scored on
// its two classes: predicting "neutral" there is simply wrong).
export function classificationScores(
  gold: readonly string[],
  predicted: readonly string[]
): { accuracy: number; macroF1: number } {
  const classes = [...new Set(gold)]
  let correct = 0
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++
  const f1s = classes.map((c) => {
    let tp = 0
    let fp = 0
    let fn = 0
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === c && gold[i] === c) tp++
      else if (predicted[i] === c) fp++
      else if (gold[i] === c) fn++
    }
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
  })
  const round = (x: number) => Math.round(x * 1000) / 1000
  return {
    accuracy: round(gold.length ? correct / gold.length : 0),
    macroF1: round(f1s.reduce((a, b) => a + b, 0) / (classes.length || 1))
  }
}
