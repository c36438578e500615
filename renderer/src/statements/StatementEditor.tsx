// Drafting a holding statement from a template: the facts once (typed inputs), the
// languages and channels, and every channel's variant rendered live from those facts with
// its rule check as the author types. Hand edits of one variant are kept and checked for
// contradictions with the facts. The preview is the engine's own composeRevision, so what
// the author sees is what gets stored.
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { OUTBOUND_CHANNELS, type OutboundChannel } from '../../../shared/channel-rules'
import type { FactSpec } from '../../../shared/statement-facts'
import { composeRevision, type TemplateSummary, type VariantEdit } from '../../../shared/statements'
import { TestIds } from '../../../shared/test-ids'
import { zonedToIso } from '../../../shared/time-zone'
import { VariantList } from './VariantList'

const DEFAULT_CHANNELS: OutboundChannel[] = ['x', 'sms', 'facebook', 'email', 'statuspage']

export function StatementEditor({
  api,
  incidentId,
  timeZone,
  onCreated
}: {
  api: ConsoleApi
  incidentId: number
  timeZone: string
  onCreated: (id: number) => void
}) {
  const [templates, setTemplates] = useState<TemplateSummary[]>([])
  const [templateId, setTemplateId] = useState('')
  const [languages, setLanguages] = useState<string[]>([])
  const [channels, setChannels] = useState<OutboundChannel[]>(DEFAULT_CHANNELS)
  const [raw, setRaw] = useState<Record<string, string>>({})
  const [zones, setZones] = useState<Record<string, string>>({})
  const [edits, setEdits] = useState<VariantEdit[]>([])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void api.call('listTemplates', {}).then((r) => {
      if (!r.ok) return setError(r.error.message)
      setTemplates(r.value)
      if (r.value.length) pick(r.value[0])
    })
  }, [api])

  function pick(t: TemplateSummary) {
    setTemplateId(t.template.id)
    setLanguages([Object.keys(t.template.texts)[0]])
    setRaw({})
    setEdits([])
  }
  const template = templates.find((t) => t.template.id === templateId)?.template

  const facts = useMemo(
    () => (template ? typedFacts(template.facts, raw, zones, timeZone) : {}),
    [template, raw, zones, timeZone]
  )
  const preview = useMemo(
    () => (template ? composeRevision({ mode: 'template', template, facts, languages, channels, edits }) : null),
    [template, facts, languages, channels, edits]
  )

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!template) return
    const r = await api.call('createStatement', {
      incident: incidentId,
      template: template.id,
      templateVersion: template.version,
      facts,
      language: languages,
      channels,
      edits
    })
    if (!r.ok) return setError(r.error.message)
    setError(null)
    onCreated(r.value.id)
  }

  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x])
  return (
    <form className="tile" onSubmit={submit} aria-label="New statement">
      <h2>New holding statement</h2>
      <label>
        Template{' '}
        <select
          data-testid={TestIds.statementTemplate}
          value={templateId}
          onChange={(e) => pick(templates.find((t) => t.template.id === e.target.value)!)}
        >
          {templates.map((t) => (
            <option key={t.template.id} value={t.template.id}>
              {t.template.name} (v{t.template.version}
              {t.preApproved ? `, pre-approved by ${t.preApproved.by}` : ''})
            </option>
          ))}
        </select>
      </label>
      {template && (
        <>
          <fieldset className="picks">
            <legend>Languages</legend>
            {Object.keys(template.texts).map((l) => (
              <label key={l}>
                <input
                  type="checkbox"
                  data-testid={TestIds.statementLanguage(l)}
                  checked={languages.includes(l)}
                  onChange={() => setLanguages(toggle(languages, l))}
                />{' '}
                {l}
              </label>
            ))}
          </fieldset>
          <fieldset className="picks">
            <legend>Channels</legend>
            {OUTBOUND_CHANNELS.map((c) => (
              <label key={c}>
                <input
                  type="checkbox"
                  data-testid={TestIds.statementChannel(c)}
                  checked={channels.includes(c)}
                  onChange={() => setChannels(toggle(channels, c))}
                />{' '}
                {c}
              </label>
            ))}
          </fieldset>
          <fieldset className="facts">
            <legend>Facts (said once, used in every channel)</legend>
            {template.facts.map((f) => (
              <FactInput
                key={f.name}
                spec={f}
                value={raw[f.name] ?? ''}
                zone={zones[f.name] ?? timeZone}
                onValue={(v) => setRaw({ ...raw, [f.name]: v })}
                onZone={(z) => setZones({ ...zones, [f.name]: z })}
              />
            ))}
          </fieldset>
          {preview && !preview.ok && (
            <ul className="muted" aria-label="Still missing">
              {preview.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {preview?.ok && (
            <VariantList
              variants={preview.value.variants}
              onEdit={(edit) =>
                setEdits([...edits.filter((x) => !(x.channel === edit.channel && x.lang === edit.lang)), edit])
              }
            />
          )}
        </>
      )}
      {error && (
        <p className="error" role="alert" data-testid={TestIds.statementError}>
          {error}
        </p>
      )}
      <button type="submit" data-testid={TestIds.statementSubmit} disabled={!preview?.ok}>
        Save draft for approval
      </button>
    </form>
  )
}

/** The form's strings as typed facts: counts as numbers, datetimes with their zone. Empty ones are left out (and reported missing). */
export function typedFacts(
  specs: readonly FactSpec[],
  raw: Record<string, string>,
  zones: Record<string, string>,
  defaultZone: string
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of specs) {
    const v = raw[f.name]?.trim()
    if (!v) continue
    if (f.type === 'count') out[f.name] = /^\d+$/.test(v) ? Number(v) : v
    else if (f.type === 'datetime') {
      const timeZone = zones[f.name] ?? defaultZone
      out[f.name] = { at: zonedToIso(v, timeZone) ?? v, timeZone }
    } else out[f.name] = v
  }
  return out
}

export function FactInput({
  spec,
  value,
  zone,
  onValue,
  onZone
}: {
  spec: FactSpec
  value: string
  zone: string
  onValue: (v: string) => void
  onZone: (z: string) => void
}) {
  const input = {
    text: 'text',
    reference: 'text',
    url: 'url',
    phone: 'tel',
    count: 'number',
    datetime: 'datetime-local'
  }[spec.type]
  return (
    <>
      <label htmlFor={`fact-${spec.name}`}>
        {spec.label} <span className="muted">({spec.type})</span>
      </label>
      <span>
        <input
          id={`fact-${spec.name}`}
          type={input}
          data-testid={TestIds.statementFact(spec.name)}
          value={value}
          min={spec.type === 'count' ? 0 : undefined}
          onChange={(e) => onValue(e.target.value)}
        />
        {spec.type === 'datetime' && (
          <input
            aria-label={`${spec.label}: time zone`}
            data-testid={TestIds.statementFactZone(spec.name)}
            value={zone}
            onChange={(e) => onZone(e.target.value)}
          />
        )}
      </span>
    </>
  )
}
