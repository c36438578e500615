// Every channel's variant with its rule check: the count in the channel's own unit against
// its limit, SMS encoding and parts, and any problem or contradiction in words. Editable
// while drafting, read-only for reviewers.
import type { Variant, VariantEdit } from '../../../shared/statements'
import { TestIds } from '../../../shared/test-ids'

export function VariantList({
  variants,
  onEdit
}: {
  variants: readonly Variant[]
  onEdit?: (edit: VariantEdit) => void
}) {
  return (
    <div aria-label="Variants per channel">
      {variants.map((v) => (
        <VariantView key={`${v.channel}-${v.lang}`} v={v} onEdit={onEdit} />
      ))}
    </div>
  )
}

function VariantView({ v, onEdit }: { v: Variant; onEdit?: (edit: VariantEdit) => void }) {
  // composeRevision checked the text as it stands, on every keystroke while drafting
  const check = v.check
  const problems = [...check.problems.map((p) => p.message), ...v.contradictions]
  const ok = problems.length === 0
  const edit = (patch: Partial<VariantEdit>) =>
    onEdit?.({
      channel: v.channel,
      lang: v.lang,
      text: v.text,
      ...(v.subject !== undefined ? { subject: v.subject } : {}),
      ...patch
    })
  return (
    <div className="variant">
      <strong>
        {v.channel} <span className="muted">{v.lang}</span>
      </strong>{' '}
      {v.edited && <span className="muted">(edited by hand)</span>}{' '}
      <span
        className={ok ? 'check--ok' : 'check--bad'}
        data-testid={TestIds.statementVariantCheck(v.channel, v.lang)}
        data-ok={ok}
      >
        {check.length}
        {check.limit !== null ? ` / ${check.limit}` : ''} {check.unit}
        {check.sms ? ` · ${check.sms.encoding}, ${check.sms.segments} part${check.sms.segments === 1 ? '' : 's'}` : ''}
        {ok ? ' ✓' : ` ✗ ${problems.join('; ')}`}
      </span>
      {v.channel === 'email' &&
        (onEdit ? (
          <input
            aria-label={`email subject (${v.lang})`}
            value={v.subject ?? ''}
            dir="auto"
            onChange={(e) => edit({ subject: e.target.value })}
          />
        ) : (
          <div dir="auto">Subject: {v.subject}</div>
        ))}
      {onEdit ? (
        <textarea
          data-testid={TestIds.statementVariant(v.channel, v.lang)}
          dir="auto"
          lang={v.lang}
          value={v.text}
          onChange={(e) => edit({ text: e.target.value })}
        />
      ) : (
        <p
          className="statement__text"
          data-testid={TestIds.statementVariant(v.channel, v.lang)}
          dir="auto"
          lang={v.lang}
        >
          {v.text}
        </p>
      )}
    </div>
  )
}
