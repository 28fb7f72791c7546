// Form fields for the side panel. Text a person types that is not valid yet (a duration, an
// amount) stays in the field with its message and is not applied; the step only ever holds
// values the field could read.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Label } from '../../../../definition/catalog.ts';
import { formatDuration, parseHumanDuration } from '../../../../definition/duration.ts';
import { euroInput, parseEuro } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/index.ts';

export function Field({ label, hint, error, children, inline }: { label: string; hint?: string; error?: string | undefined; children: (id: string) => ReactNode; inline?: boolean }) {
  const id = useId();
  return (
    <div className={`form-field${inline ? ' inline' : ''}${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && !error && <span className="form-hint">{hint}</span>}
      {error && (
        <span className="form-field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function TextField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: string;
  multiline?: boolean;
  placeholder?: string;
  onCommit?: (v: string) => void;
  /** The step field's path, so a problem about it can bring the focus here. */
  name?: string;
}) {
  return (
    <Field label={props.label} error={props.error} {...(props.hint ? { hint: props.hint } : {})}>
      {(id) =>
        props.multiline ? (
          <textarea id={id} name={props.name} rows={3} value={props.value} placeholder={props.placeholder} onChange={(e) => props.onChange(e.target.value)} />
        ) : (
          <input
            id={id}
            name={props.name}
            value={props.value}
            placeholder={props.placeholder}
            onChange={(e) => props.onChange(e.target.value)}
            onBlur={(e) => props.onCommit?.(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && props.onCommit?.((e.target as HTMLInputElement).value)}
          />
        )
      }
    </Field>
  );
}

/** A select over an enum's options with their catalog labels. */
export function EnumField<T extends string>(props: {
  label: string;
  options: readonly T[];
  labels?: Record<T, Label> | ((v: T) => string);
  value: T | '' | undefined;
  onChange: (v: T) => void;
  error?: string | undefined;
  placeholder?: string;
  hint?: string;
  name?: string;
}) {
  const lang = currentLanguage();
  const text = (v: T) => (typeof props.labels === 'function' ? props.labels(v) : (props.labels?.[v]?.[lang] ?? v));
  return (
    <Field label={props.label} error={props.error} {...(props.hint ? { hint: props.hint } : {})}>
      {(id) => (
        <select id={id} name={props.name} value={props.value ?? ''} onChange={(e) => e.target.value && props.onChange(e.target.value as T)}>
          {(props.value === '' || props.value === undefined || props.placeholder) && (
            <option value="" disabled={props.value !== '' && props.value !== undefined}>
              {props.placeholder ?? '—'}
            </option>
          )}
          {props.options.map((o) => (
            <option key={o} value={o}>
              {text(o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField({ label, checked, onChange, disabled, hint, name }: { label: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean; hint?: string; name?: string }) {
  const id = useId();
  return (
    <div className="form-field checkbox">
      <label htmlFor={id}>
        <input id={id} name={name} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      {hint && <span className="form-hint">{hint}</span>}
    </div>
  );
}

export function NumberField(props: { label: string; value: number; onChange: (v: number) => void; min?: number | undefined; max?: number | undefined; error?: string | undefined; hint?: string }) {
  const { t } = useTranslation('designer');
  const [text, setText] = useState(String(props.value));
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => setText(String(props.value)), [props.value]);
  return (
    <Field label={props.label} error={local ?? props.error} {...(props.hint ? { hint: props.hint } : {})}>
      {(id) => (
        <input
          id={id}
          inputMode="numeric"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const n = Number(e.target.value);
            if (e.target.value.trim() === '' || !Number.isInteger(n)) return setLocal(t('fields.wholeNumber'));
            if (props.min !== undefined && n < props.min) return setLocal(t('fields.atLeast', { n: props.min }));
            if (props.max !== undefined && n > props.max) return setLocal(t('fields.atMost', { n: props.max }));
            setLocal(null);
            props.onChange(n);
          }}
        />
      )}
    </Field>
  );
}


export function MoneyField(props: { label: string; cents: number; onChange: (cents: number) => void; min?: number; error?: string | undefined; hint?: string }) {
  const { t } = useTranslation('designer');
  const [text, setText] = useState(euroInput(props.cents));
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    if (parseEuro(text) !== props.cents) setText(euroInput(props.cents));
    // Only an outside change (undo) rewrites the text being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.cents]);
  return (
    <Field label={props.label} error={local ?? props.error} {...(props.hint ? { hint: props.hint } : {})}>
      {(id) => (
        <div className="money-input">
          <span>€</span>
          <input
            id={id}
            inputMode="decimal"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              const cents = parseEuro(e.target.value);
              if (cents === null) return setLocal(t('fields.notAnAmount'));
              if (props.min !== undefined && cents < props.min) return setLocal(t('fields.amountAtLeast', { amount: euroInput(props.min) }));
              setLocal(null);
              props.onChange(cents);
            }}
          />
        </div>
      )}
    </Field>
  );
}

/**
 * A duration typed the way people say it: "7 dagen", "5 werkdagen", "2 weken". The step
 * keeps the ISO form; working days only where the step can count them.
 */
export function DurationField(props: {
  label: string;
  iso: string;
  workingDays?: boolean;
  allowWorkingDays?: boolean;
  onChange: (iso: string, workingDays: boolean) => void;
  error?: string | undefined;
  hint?: string;
}) {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  const shown = formatDuration(props.iso, props.workingDays ?? false, lang);
  const [text, setText] = useState(shown);
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    setText((current) => {
      const parsed = parseHumanDuration(current);
      const same = !('error' in parsed) && parsed.iso === props.iso && parsed.workingDays === (props.workingDays ?? false);
      return same ? current : shown;
    });
  }, [props.iso, props.workingDays, shown]);
  return (
    <Field label={props.label} error={local ?? props.error} hint={props.hint ?? t('fields.durationHint')}>
      {(id) => (
        <input
          id={id}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const parsed = parseHumanDuration(e.target.value);
            if ('error' in parsed) return setLocal(parsed.error);
            if (parsed.workingDays && !props.allowWorkingDays) return setLocal(t('fields.noWorkingDays'));
            setLocal(null);
            props.onChange(parsed.iso, parsed.workingDays);
          }}
          onBlur={() => !local && setText(shown)}
        />
      )}
    </Field>
  );
}

/** Up / down / remove buttons for an item of an ordered list. */
export function ListControls({ index, count, onMove, onRemove, minCount = 0, label }: { index: number; count: number; onMove: (from: number, to: number) => void; onRemove: () => void; minCount?: number; label: string }) {
  const { t } = useTranslation('designer');
  return (
    <span className="list-controls">
      <button type="button" className="button subtle small" disabled={index === 0} onClick={() => onMove(index, index - 1)} aria-label={t('fields.moveUp', { what: label })} title={t('fields.moveUp', { what: label })}>
        ↑
      </button>
      <button type="button" className="button subtle small" disabled={index === count - 1} onClick={() => onMove(index, index + 1)} aria-label={t('fields.moveDown', { what: label })} title={t('fields.moveDown', { what: label })}>
        ↓
      </button>
      <button type="button" className="button subtle small danger" disabled={count <= minCount} onClick={onRemove} aria-label={t('fields.remove', { what: label })} title={t('fields.remove', { what: label })}>
        ✕
      </button>
    </span>
  );
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}
