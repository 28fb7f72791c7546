// Picks a template of the step's channel from the library, with a short preview in sample data.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Channel } from '../../../../definition/catalog.ts';
import { renderText, templateVariables, type TemplateVariable } from '../../../../definition/templates.ts';
import { useDesigner } from '../store/context.tsx';
import { Field } from './fields.tsx';

const samples = Object.fromEntries(Object.entries(templateVariables).map(([k, v]) => [k, v.sample])) as Record<TemplateVariable, string>;

export function TemplateField({ label, channel, value, onChange, error }: { label: string; channel: Channel; value: string; onChange: (id: string) => void; error?: string | undefined }) {
  const { t } = useTranslation('designer');
  const templates = useDesigner((s) => s.templates) as Array<{ id: string; channel: string; name?: string; body?: string }> | null;
  const options = (templates ?? []).filter((x) => x.channel === channel);
  const chosen = options.find((x) => x.id === value);
  const missing = value && !chosen;
  return (
    <Field label={label} error={error}>
      {(id) => (
        <>
          <select id={id} name="template" value={missing ? '' : value} onChange={(e) => onChange(e.target.value)}>
            <option value="" disabled>
              {missing ? t('form.templateMissing', { id: value }) : t('form.chooseTemplate')}
            </option>
            {options.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name ?? x.id}
              </option>
            ))}
          </select>
          {chosen?.body && <p className="template-preview">{renderText(chosen.body, samples).slice(0, 220)}…</p>}
          <Link className="form-link" to={chosen ? `/designer/templates/${encodeURIComponent(chosen.id)}` : `/designer/templates?channel=${channel}`}>
            {chosen ? t('form.editTemplate') : t('form.manageTemplates')}
          </Link>
        </>
      )}
    </Field>
  );
}
