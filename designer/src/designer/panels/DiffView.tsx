// A visual diff between two versions: the newer drawing with steps added (green), changed
// (amber) and removed (red, where they stood), wires made and broken, and the list of
// every change. Read-only, on its own store, so the draft being edited is untouched.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stepKindLabels } from '../../../../definition/describe.ts';
import { diffDefinitions, type DefinitionDiff } from '../../../../definition/diff.ts';
import { hasPositions } from '../../../../definition/layout-input.ts';
import { isStepKind } from '../model/convert.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { layoutSteps } from '../canvas/layout.ts';
import { edgeId } from '../model/types.ts';
import { DesignerStoreProvider } from '../store/context.tsx';
import { createDesignerStore } from '../store/designer-store.ts';
import type { DiffStatus } from '../store/types.ts';
import type { DiffRequest } from './VersionsPanel.tsx';

type Raw = Record<string, unknown> & { id: string; kind: string; next?: Record<string, string>; position?: { x: number; y: number } };

export function DiffView({ request, onClose }: { request: DiffRequest; onClose: () => void }) {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  const diff = useMemo(() => diffDefinitions(request.from.body as never, request.to.body as never), [request]);
  const store = useMemo(() => createDesignerStore({ readOnly: true }), []);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const toSteps = request.to.body.steps as Raw[];
      const removedIds = new Set(diff.removed.map((r) => r.id));
      const removed = (request.from.body.steps as Raw[]).filter((s) => removedIds.has(s.id));
      // Removed steps keep their wires from the old version, so they sit where they were in the flow.
      const union: Raw[] = [...toSteps, ...removed];
      let positions: Record<string, { x: number; y: number }>;
      if (hasPositions(toSteps) && hasPositions(removed)) positions = Object.fromEntries(union.map((s) => [s.id, s.position!]));
      else positions = await layoutSteps(union.filter((s) => isStepKind(s.kind)) as never);
      if (cancelled) return;
      store.getState().load({ ...request.to.body, steps: union.map((s) => ({ ...s, position: positions[s.id] ?? s.position ?? { x: 0, y: 0 } })) }, { basedOnVersion: null, latestVersion: null, draftUpdatedAt: null });
      const status = new Map<string, DiffStatus>();
      for (const s of diff.added) status.set(s.id, 'added');
      for (const s of diff.changed) status.set(s.id, 'changed');
      for (const s of diff.removed) status.set(s.id, 'removed');
      const edges = new Map<string, 'added' | 'removed'>();
      for (const e of diff.connections.added) edges.set(edgeId(e.from, e.outcome), 'added');
      for (const e of diff.connections.removed) if (removedIds.has(e.from)) edges.set(edgeId(e.from, e.outcome), 'removed');
      store.getState().setHighlight({ mode: 'diff', status, edges });
      setReady(true);
      // Open on the first change, which may be far down a long ladder.
      const first = diff.added[0]?.id ?? diff.changed[0]?.id ?? diff.removed[0]?.id;
      if (first) setTimeout(() => store.getState().focusStep(first), 50);
    })();
    return () => {
      cancelled = true;
    };
  }, [diff, request, store]);

  return (
    <div className="diff-view" data-testid="diff-view">
      <header className="diff-head">
        <h2>{t('diff.title', { from: request.from.label, to: request.to.label })}</h2>
        <span className="legend added">{t('diff.added', { count: diff.added.length })}</span>
        <span className="legend changed">{t('diff.changed', { count: diff.changed.length })}</span>
        <span className="legend removed">{t('diff.removed', { count: diff.removed.length })}</span>
        <button type="button" className="button" onClick={onClose}>
          {t('diff.close')}
        </button>
      </header>
      <div className="diff-body">
        <DesignerStoreProvider store={store}>
          <ReactFlowProvider>
            {ready && <Canvas readOnly />}
            <ChangeList diff={diff} lang={lang} store={store} />
          </ReactFlowProvider>
        </DesignerStoreProvider>
      </div>
    </div>
  );
}

function show(v: unknown): string {
  if (v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function ChangeList({ diff, lang, store }: { diff: DefinitionDiff; lang: 'nl' | 'en'; store: ReturnType<typeof createDesignerStore> }) {
  const { t } = useTranslation('designer');
  const focus = (id: string) => store.getState().focusStep(id);
  const kind = (k: string) => (isStepKind(k) ? stepKindLabels[k][lang] : k);
  const empty = !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.meta.length;
  return (
    <aside className="change-list" data-testid="change-list">
      <h3>{t('diff.changes')}</h3>
      {empty && <p className="muted">{t('diff.none')}</p>}
      {diff.meta.map((c) => (
        <p key={c.path} className="change changed">
          {t(`diff.meta.${c.path}`, { defaultValue: c.path })}: {show(c.before)} → {show(c.after)}
        </p>
      ))}
      {diff.added.map((s) => (
        <button key={`a-${s.id}`} type="button" className="change added" onClick={() => focus(s.id)}>
          <strong>+ {s.name}</strong> <span className="muted">{kind(s.kind)}</span>
        </button>
      ))}
      {diff.removed.map((s) => (
        <button key={`r-${s.id}`} type="button" className="change removed" onClick={() => focus(s.id)}>
          <strong>− {s.name}</strong> <span className="muted">{kind(s.kind)}</span>
        </button>
      ))}
      {diff.changed.map((s) => (
        <button key={`c-${s.id}`} type="button" className="change changed" onClick={() => focus(s.id)}>
          <strong>~ {s.name}</strong>
          <ul>
            {s.changes.slice(0, 8).map((c) => (
              <li key={c.path}>
                <code>{c.path}</code>: {show(c.before)} → {show(c.after)}
              </li>
            ))}
            {s.changes.length > 8 && <li className="muted">{t('diff.more', { count: s.changes.length - 8 })}</li>}
          </ul>
        </button>
      ))}
    </aside>
  );
}
