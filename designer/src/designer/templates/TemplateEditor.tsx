// Editing one template: its text with variables, a preview with sample data (a letter also as
// the PDF the tenant gets), and hints
// toward plain Dutch (B1). Saving is refused whole when something is wrong.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channels, type Channel } from '../../../../definition/catalog.ts';
import { plainLanguageReport } from '../../../../definition/plain-language.ts';
import { TemplateSchema, renderText, templateVariableNames, templateVariables, unknownVariables, type Template, type TemplateVariable } from '../../../../definition/templates.ts';
import { api, ApiError, openPdf } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { designerApi, type StoredTemplate, type TemplateUse } from '../api.ts';
import { slugify } from '../../../../definition/ids.ts';

const samples = Object.fromEntries(templateVariableNames.map((k) => [k, templateVariables[k].sample])) as Record<TemplateVariable, string>;
const hasSubject = (c: Channel) => c === 'letter' || c === 'email';

export function TemplateEditor({ initial, defaultChannel, onSaved, onDeleted }: { initial: StoredTemplate | null; defaultChannel: Channel; onSaved: (t: Template) => void; onDeleted: () => void }) {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  const [draft, setDraft] = useState<Template>(initial ?? { id: '', channel: defaultChannel, name: '', subject: '', body: '' });
  const [idTouched, setIdTouched] = useState(initial !== null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [usedBy, setUsedBy] = useState<TemplateUse[]>([]);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);

  useEffect(() => {
    if (initial)
      designerApi
        .template(initial.id)
        .then((r) => setUsedBy(r.usedBy))
        .catch(() => undefined);
  }, [initial]);

  const unknown = [...new Set([...unknownVariables(draft.body), ...unknownVariables(draft.subject ?? '')])];
  const report = useMemo(() => plainLanguageReport(draft.body), [draft.body]);
  const candidate = { ...draft, ...(hasSubject(draft.channel) && draft.subject ? { subject: draft.subject } : { subject: undefined }) };
  const shape = TemplateSchema.safeParse(candidate);
  const shapeErrors = shape.success ? [] : shape.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

  // The letter as the tenant gets it on paper: the server renders it on the letterhead with sample data.
  const letterPdf = () =>
    openPdf(api.pdf('/api/templates/preview.pdf', { body: draft.body, ...(draft.subject ? { subject: draft.subject } : {}) })).catch((err: unknown) =>
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) }),
    );

  const insert = (v: TemplateVariable) => {
    const el = bodyRef.current;
    const token = `{{${v}}}`;
    if (!el) return setDraft({ ...draft, body: draft.body + token });
    const start = el.selectionStart ?? draft.body.length;
    const end = el.selectionEnd ?? start;
    const body = draft.body.slice(0, start) + token + draft.body.slice(end);
    setDraft({ ...draft, body });
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const save = async () => {
    setMessage(null);
    try {
      const saved = await designerApi.saveTemplate(candidate as Template);
      onSaved(saved.template);
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : String(e) });
    }
  };

  const remove = async () => {
    if (!initial || !window.confirm(t('templates.deleteConfirm', { name: initial.name }))) return;
    try {
      await designerApi.deleteTemplate(initial.id);
      onDeleted();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : String(e) });
    }
  };

  return (
    <div className="template-editor" data-testid="template-editor">
      <div className="template-form">
        <label className="form-field">
          {t('templates.name')}
          <input
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value, ...(idTouched ? {} : { id: slugify(e.target.value) }) })}
          />
        </label>
        <div className="row wrap">
          <label className="form-field">
            {t('templates.id')}
            <input
              value={draft.id}
              disabled={initial !== null}
              onChange={(e) => {
                setIdTouched(true);
                setDraft({ ...draft, id: e.target.value });
              }}
            />
          </label>
          <label className="form-field">
            {t('templates.channel')}
            <select value={draft.channel} onChange={(e) => setDraft({ ...draft, channel: e.target.value as Channel })}>
              {channels.ids.map((c) => (
                <option key={c} value={c}>
                  {channels.labels[c][lang]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {hasSubject(draft.channel) && (
          <label className="form-field">
            {t('templates.subject')}
            <input value={draft.subject ?? ''} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
          </label>
        )}
        <div className="variables">
          <span className="muted small">{t('templates.insert')}</span>
          {templateVariableNames.map((v) => (
            <button key={v} type="button" className="button small" onClick={() => insert(v)} title={`{{${v}}}`}>
              {templateVariables[v][lang]}
            </button>
          ))}
        </div>
        <label className="form-field">
          {t('templates.body')}
          <textarea ref={bodyRef} rows={14} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} data-testid="template-body" />
        </label>
        {unknown.length > 0 && (
          <p className="form-error" role="alert">
            {t('templates.unknownVariables', { list: unknown.map((v) => `{{${v}}}`).join(', ') })}
          </p>
        )}
        {shapeErrors.length > 0 && draft.body && <p className="form-hint">{shapeErrors.join(' · ')}</p>}
        {usedBy.length > 0 && (
          <p className="muted small">
            {t('templates.usedBy')}: {usedBy.map((u) => `${u.definitionId} ${u.version === 'draft' ? t('templates.draft') : `v${u.version}`} (${u.stepId})`).join(', ')}
          </p>
        )}
        <div className="row wrap">
          <button type="button" className="button primary" disabled={unknown.length > 0 || !shape.success} onClick={() => void save()}>
            {t('templates.save')}
          </button>
          {initial && (
            <button type="button" className="button danger" onClick={() => void remove()}>
              {t('templates.delete')}
            </button>
          )}
        </div>
        {message && (
          <p className={message.kind === 'ok' ? 'notice-inline ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </div>
      <div className="template-side">
        <h3>{t('templates.preview')}</h3>
        <div className={`preview preview-${draft.channel}`} data-testid="template-preview">
          {hasSubject(draft.channel) && draft.subject && <p className="preview-subject">{renderText(draft.subject, samples)}</p>}
          <div className="preview-body">{renderText(draft.body, samples)}</div>
        </div>
        <p className="muted small">{t('templates.previewLink')}</p>
        {draft.channel === 'letter' && (
          <p>
            <button type="button" className="button" disabled={!draft.body.trim()} onClick={() => void letterPdf()}>
              {t('templates.previewPdf')}
            </button>
          </p>
        )}
        <h3>{t('templates.b1')}</h3>
        <p className="muted small">
          {t('templates.b1Stats', { sentences: report.sentences, words: report.words, average: report.averageSentenceWords })}
        </p>
        {report.hints.length === 0 ? (
          <p className="b1-ok">{t('templates.b1Ok')}</p>
        ) : (
          <ul className="b1-hints" data-testid="b1-hints">
            {report.hints.map((h, i) => (
              <li key={i} className={`b1-${h.kind}`}>
                {h.kind === 'long-sentence' && t('templates.hintLongSentence', { words: h.words, sentence: h.sentence })}
                {h.kind === 'long-word' && t('templates.hintLongWord', { word: h.word })}
                {h.kind === 'jargon' && t('templates.hintJargon', { word: h.word, instead: h.instead })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
