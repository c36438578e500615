// The post-incident review from the console: an entry for the timeline with when it really
// happened, the call-centre estimate's factors, and the export in every format with a
// progress bar (a 72-hour incident takes a while) and a download at the end.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/review'
import { zonedToIso } from '../../../shared/time-zone'
import type { Incident } from '../../../shared/team'
import { TestIds } from '../../../shared/test-ids'

const FORMAT_LABELS: Record<ExportFormat, string> = {
  md: 'Markdown (wiki)',
  html: 'HTML (opens offline)',
  pdf: 'PDF',
  json: 'JSON (complete)',
  csv: 'CSV (one row per event)'
}

export function ReviewPanel({
  api,
  incident,
  canRun,
  onError
}: {
  api: ConsoleApi
  incident: Incident
  canRun: boolean
  onError: (message: string | null) => void
}) {
  return (
    <div className="review">
      <TimelineEntryForm api={api} incident={incident} onError={onError} />
      {canRun && <FactorsForm api={api} incident={incident} onError={onError} />}
      <ExportForm api={api} incident={incident} onError={onError} />
    </div>
  )
}

function TimelineEntryForm({
  api,
  incident,
  onError
}: {
  api: ConsoleApi
  incident: Incident
  onError: (m: string | null) => void
}) {
  const [text, setText] = useState('')
  const [occurred, setOccurred] = useState('')
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    // the time is read in the incident's own zone, as the team talks about it
    const occurredAt = occurred ? zonedToIso(occurred, incident.timeZone) : undefined
    if (occurred && !occurredAt) return onError(`"${occurred}" is not a time`)
    const r = await api.call('addTimelineEntry', { id: incident.id, text, ...(occurredAt ? { occurredAt } : {}) })
    onError(r.ok ? null : r.error.message)
    if (r.ok) {
      setText('')
      setOccurred('')
    }
  }
  return (
    <form className="row" onSubmit={(e) => void submit(e)} aria-label="Add to the timeline">
      <input
        data-testid={TestIds.timelineEntryText}
        aria-label="timeline entry"
        placeholder="Add to the timeline…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={2000}
        required
      />
      <label>
        happened at ({incident.timeZone}){' '}
        <input
          data-testid={TestIds.timelineEntryOccurred}
          type="datetime-local"
          value={occurred}
          onChange={(e) => setOccurred(e.target.value)}
        />
      </label>
      <button data-testid={TestIds.timelineEntrySubmit}>Add</button>
    </form>
  )
}

function FactorsForm({
  api,
  incident,
  onError
}: {
  api: ConsoleApi
  incident: Incident
  onError: (m: string | null) => void
}) {
  const f = incident.reviewFactors
  const [share, setShare] = useState(f ? String(Math.round(f.callShare * 100)) : '')
  const [cost, setCost] = useState(f ? String(f.costPerCall) : '')
  const [currency, setCurrency] = useState(f?.currency ?? 'EUR')
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const r = await api.call('setReviewFactors', {
      id: incident.id,
      callShare: Number(share) / 100,
      costPerCall: Number(cost),
      currency: currency.toUpperCase()
    })
    onError(r.ok ? null : r.error.message)
  }
  return (
    <form className="row" onSubmit={(e) => void submit(e)} aria-label="Call-centre estimate">
      <span className="muted">Call-centre estimate:</span>
      <label>
        <input
          aria-label="share who would have called, percent"
          data-testid={TestIds.reviewCallShare}
          type="number"
          min={0}
          max={100}
          step="any"
          size={4}
          value={share}
          onChange={(e) => setShare(e.target.value)}
          required
        />
        % would have called
      </label>
      <label>
        cost per call{' '}
        <input
          aria-label="cost per call"
          data-testid={TestIds.reviewCostPerCall}
          type="number"
          min={0}
          step="any"
          size={6}
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          required
        />
      </label>
      <input
        aria-label="currency"
        size={3}
        maxLength={3}
        value={currency}
        onChange={(e) => setCurrency(e.target.value)}
        required
      />
      <button data-testid={TestIds.reviewFactorsSubmit}>Set</button>
    </form>
  )
}

function ExportForm({
  api,
  incident,
  onError
}: {
  api: ConsoleApi
  incident: Incident
  onError: (m: string | null) => void
}) {
  const [format, setFormat] = useState<ExportFormat>('html')
  const [redact, setRedact] = useState(false)
  const [progress, setProgress] = useState<{ jobId: string; fraction: number; phase: string } | null>(null)
  const link = useRef<HTMLAnchorElement>(null)
  const jobRef = useRef<string | null>(null)

  useEffect(
    () =>
      api.subscribe(
        (e) =>
          e.type === 'export' &&
          e.jobId === jobRef.current &&
          setProgress({ jobId: e.jobId, fraction: e.fraction, phase: e.phase })
      ),
    [api]
  )

  const run = async () => {
    const jobId = crypto.randomUUID()
    jobRef.current = jobId
    setProgress({ jobId, fraction: 0, phase: 'starting' })
    onError(null)
    const r = await api.call('exportIncident', { id: incident.id, format, redact, jobId })
    jobRef.current = null
    setProgress(null)
    if (!r.ok) return onError(r.error.message)
    const bytes = Uint8Array.from(atob(r.value.base64), (c) => c.charCodeAt(0))
    const url = URL.createObjectURL(new Blob([bytes], { type: r.value.mediaType }))
    const a = link.current!
    a.href = url
    a.download = r.value.fileName
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  }

  return (
    <div className="row" aria-label="Export the review">
      <select
        aria-label="export format"
        data-testid={TestIds.exportFormat}
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {FORMAT_LABELS[f]}
          </option>
        ))}
      </select>
      <label>
        <input
          type="checkbox"
          data-testid={TestIds.exportRedact}
          checked={redact}
          onChange={(e) => setRedact(e.target.checked)}
        />{' '}
        redact personal data
      </label>
      <button data-testid={TestIds.exportRun} disabled={progress !== null} onClick={() => void run()}>
        Export review
      </button>
      {progress && (
        <progress
          data-testid={TestIds.exportProgress}
          max={1}
          value={progress.fraction}
          aria-label={`export ${Math.round(progress.fraction * 100)}%: ${progress.phase}`}
        />
      )}
      <a ref={link} hidden aria-hidden />
    </div>
  )
}
