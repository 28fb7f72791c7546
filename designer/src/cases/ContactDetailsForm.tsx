// Changing the tenant's contact data on the case: name, phone, e-mail and preferred channel
// (which the case's later messages follow, as when the tenant chooses it on their page).
// Only what changed is sent (an emptied field clears it); the server audits before and after
// and names each wrong field, which is shown at that field.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactPreferences } from '../../../definition/contact-preference.ts';
import type { ContactPatch } from '../../../server/cases/contact.ts';
import { ApiError } from '../api/client.ts';
import { contactPreferenceLabel } from '../i18n/format.ts';
import { casesApi, type CaseDetail } from './api.ts';
import { Frame, useSubmit } from './CaseActions.tsx';

type Draft = { name: string; phone: string; email: string; preferredChannel: string };

/** The fields that differ from what the case shows; an empty optional field becomes null (cleared). */
export function contactChanges(was: CaseDetail['tenant'], draft: Draft): ContactPatch {
  const patch: Record<string, string | null> = {};
  if (draft.name.trim() !== was.name) patch.name = draft.name.trim();
  for (const k of ['phone', 'email', 'preferredChannel'] as const) {
    const v = draft[k].trim() || null;
    if (v !== (was[k] ?? null)) patch[k] = v;
  }
  return patch as ContactPatch;
}

export function ContactDetailsForm({ d, done }: { d: CaseDetail; done: (m: string) => Promise<void> }) {
  const { t } = useTranslation('cases');
  const id = useId();
  const [draft, setDraft] = useState<Draft>({ name: d.tenant.name, phone: d.tenant.phone ?? '', email: d.tenant.email ?? '', preferredChannel: d.tenant.preferredChannel ?? '' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const s = useSubmit(done);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const problem = (k: keyof Draft) =>
    fieldErrors[k] ? (
      <span id={`${id}-${k}-error`} className="st-problems small" role="alert">
        {fieldErrors[k]}
      </span>
    ) : null;
  const described = (k: keyof Draft) => (fieldErrors[k] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${k}-error` } : {});

  return (
    <Frame
      error={s.error}
      busy={s.busy}
      submit={t('actions.details.submit')}
      onSubmit={() =>
        void s.run(async () => {
          setFieldErrors({});
          const patch = contactChanges(d.tenant, draft);
          if (Object.keys(patch).length === 0) throw new Error(t('actions.details.nothing'));
          try {
            await casesApi.changeContact(d.case.id, patch);
          } catch (err) {
            if (err instanceof ApiError && Array.isArray(err.details))
              setFieldErrors(Object.fromEntries((err.details as Array<{ field: string; message: string }>).map((p) => [p.field.replace(/^body\./, ''), p.message])));
            throw err;
          }
          return t('actions.details.done');
        })
      }
    >
      <p className="muted small">{t('actions.details.hint')}</p>
      <div className="st-plan-grid">
        <div className="st-field">
          <label htmlFor={`${id}-name`}>{t('tenant.name')}</label>
          <input id={`${id}-name`} value={draft.name} onChange={set('name')} required minLength={2} maxLength={200} {...described('name')} />
          {problem('name')}
        </div>
        <div className="st-field">
          <label htmlFor={`${id}-phone`}>{t('tenant.phone')}</label>
          <input id={`${id}-phone`} type="tel" value={draft.phone} onChange={set('phone')} {...described('phone')} />
          {problem('phone')}
        </div>
        <div className="st-field">
          <label htmlFor={`${id}-email`}>{t('tenant.email')}</label>
          <input id={`${id}-email`} type="email" value={draft.email} onChange={set('email')} {...described('email')} />
          {problem('email')}
        </div>
        <div className="st-field">
          <label htmlFor={`${id}-channel`}>{t('tenant.channel')}</label>
          <select id={`${id}-channel`} value={draft.preferredChannel} onChange={set('preferredChannel')}>
            <option value="">{t('actions.details.noChannel')}</option>
            {contactPreferences.map((c) => (
              <option key={c} value={c}>
                {contactPreferenceLabel(c)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </Frame>
  );
}
