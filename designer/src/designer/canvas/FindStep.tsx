// Find a step by (part of) its name: the first match is selected and brought into view.
import { useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../definition/schema.ts';
import { useDesigner, useDesignerActions } from '../store/context.tsx';

export function FindStep({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation('designer');
  const nodes = useDesigner((s) => s.nodes);
  const actions = useDesignerActions();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return nodes.filter((n) => (n.data as Step).name.toLowerCase().includes(q) || n.id.includes(q)).slice(0, 8);
  }, [nodes, query]);
  const go = (id: string) => {
    actions.selectStep(id, { focus: true });
    setOpen(false);
  };
  return (
    <div className="find-step">
      <input
        ref={inputRef}
        type="search"
        value={query}
        placeholder={t('toolbar.find')}
        aria-label={t('toolbar.find')}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) go(matches[0].id);
          if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && matches.length > 0 && (
        <ul className="find-results" role="listbox">
          {matches.map((n) => (
            <li key={n.id} role="option" aria-selected={false} onMouseDown={() => go(n.id)}>
              {(n.data as Step).name} <span className="muted small">{n.id}</span>
            </li>
          ))}
        </ul>
      )}
      {open && query.trim() && matches.length === 0 && <div className="find-results empty">{t('toolbar.noMatch')}</div>}
    </div>
  );
}
