// The designer for one definition: palette, canvas, side panel, problems, and the toolbar
// (save, publish, undo/redo, layout, find, import/export). Opens the draft when there is
// one, else the latest published version; an undrawn definition is laid out on opening.
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { validateDefinition } from '../../../../definition/validate.ts';
import type { Step } from '../../../../definition/schema.ts';
import { ApiError } from '../../api/client.ts';
import { designerApi, type PublishedVersion } from '../api.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { FindStep } from '../canvas/FindStep.tsx';
import { layoutSteps, warmUpLayout } from '../canvas/layout.ts';
import { Palette } from '../canvas/Palette.tsx';
import type { LooseDefinition } from '../model/convert.ts';
import { DiffView } from '../panels/DiffView.tsx';
import { ImportReport, type ImportResult } from '../panels/ImportReport.tsx';
import { ProblemsPanel } from '../panels/ProblemsPanel.tsx';
import { PublishDialog } from '../panels/PublishDialog.tsx';
import { SidePanel, type SideTab } from '../panels/SidePanel.tsx';
import type { DiffRequest } from '../panels/VersionsPanel.tsx';
import { DesignerStoreProvider, useDesigner, useDesignerHistory, useDesignerStore } from '../store/context.tsx';
import { createDesignerStore, definitionOf, isDirty, type DesignerStore } from '../store/designer-store.ts';
import '../designer.css';

/** Open designers survive a trip to the template library: unsaved work stays in memory. */
const stores = new Map<string, DesignerStore>();

export function DesignerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('designer');
  const [store, setStore] = useState<DesignerStore | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const cached = stores.get(id);
    if (cached && isDirty(cached.getState())) {
      setStore(cached);
      return;
    }
    const fresh = createDesignerStore();
    setStore(null);
    setError(null);
    warmUpLayout();
    void (async () => {
      try {
        const orNull = (e: unknown) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e));
        const [templates, draft, latest] = await Promise.all([designerApi.templates(), designerApi.draft(id).catch(orNull), designerApi.latest(id).catch(orNull)]);
        if (!draft && !latest) throw new Error(t('page.notFound', { id }));
        performance.mark('designer:fetched');
        const body: LooseDefinition = draft ? draft.draft.body : latest!.body;
        const s = fresh.getState();
        s.setTemplates(templates.templates);
        s.load(body, { basedOnVersion: draft?.draft.basedOnVersion ?? latest?.version ?? null, latestVersion: latest?.version ?? null, draftUpdatedAt: draft?.draft.updatedAt ?? null, publishedSteps: latest?.body.steps.map((x) => x.id) ?? [] });
        if (body.steps.some((step) => !step.position)) {
          // Nobody drew this one yet (the shipped ladder): lay it out, without counting that as an edit.
          const positions = await layoutSteps(fresh.getState().nodes.map((n) => ({ ...(n.data as Step), next: Object.fromEntries(fresh.getState().edges.filter((e) => e.source === n.id).map((e) => [e.sourceHandle, e.target])) })));
          fresh.getState().applyPositions(positions, { history: false });
        }
        // The benchmark reads these marks to split time-to-open into fetching, layout and drawing.
        performance.mark('designer:laid-out');
        if (cancelled) return;
        stores.set(id, fresh);
        setStore(fresh);
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [id, t]);

  if (error)
    return (
      <div className="page-state" role="alert">
        {error} <Link to="/designer">{t('page.back')}</Link>
      </div>
    );
  if (!store) return <div className="page-state">{t('page.loading')}</div>;
  return (
    <DesignerStoreProvider store={store}>
      <ReactFlowProvider>
        <Designer />
      </ReactFlowProvider>
    </DesignerStoreProvider>
  );
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

function Designer() {
  const { t, i18n } = useTranslation('designer');
  const store = useDesignerStore();
  const { fitView } = useReactFlow();
  const canvasRef = useRef<HTMLDivElement | null>(null);
  const findRef = useRef<HTMLInputElement | null>(null);
  const fileRef = useRef<HTMLInputElement | null>(null);
  const meta = useDesigner((s) => s.meta);
  const dirty = useDesigner(isDirty);
  const canUndo = useDesignerHistory((h) => h.pastStates.length > 0);
  const canRedo = useDesignerHistory((h) => h.futureStates.length > 0);
  const server = useDesigner((s) => s.server);
  const [tab, setTab] = useState<SideTab>('step');
  const [diff, setDiff] = useState<DiffRequest | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [importResult, setImportResult] = useState<ImportResult | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string; conflict?: boolean } | null>(null);
  const [saving, setSaving] = useState(false);

  const save = useCallback(
    async (overwrite = false) => {
      const s = store.getState();
      setSaving(true);
      try {
        const r = await designerApi.saveDraft(s.meta.id, definitionOf(s), { basedOnVersion: s.server.basedOnVersion, ...(overwrite ? {} : { expectedUpdatedAt: s.server.draftUpdatedAt }) });
        s.markSaved({ draftUpdatedAt: r.draft.updatedAt });
        setNotice({ kind: 'ok', text: t('toolbar.saved', { time: new Date(r.draft.updatedAt).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'nl-NL') }) });
      } catch (e) {
        const conflict = e instanceof ApiError && e.status === 409;
        setNotice({ kind: 'error', text: e instanceof Error ? e.message : String(e), conflict });
      } finally {
        setSaving(false);
      }
    },
    [store, t, i18n.language],
  );

  const autoLayout = useCallback(async () => {
    const s = store.getState();
    const positions = await layoutSteps(s.nodes.map((n) => ({ ...(n.data as Step), next: Object.fromEntries(s.edges.filter((e) => e.source === n.id).map((e) => [e.sourceHandle, e.target])) })));
    store.getState().applyPositions(positions);
    requestAnimationFrame(() => void fitView({ padding: 0.12, duration: 300, maxZoom: 1 }));
  }, [store, fitView]);

  // Keyboard: undo/redo, copy/paste, delete, save, find. Typing in a field keeps its own keys.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const s = store.getState();
      if (mod && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
        return;
      }
      if (mod && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        findRef.current?.focus();
        return;
      }
      if (isTyping(e.target) || diff) return;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        s.redo();
      } else if (mod && e.key.toLowerCase() === 'c') {
        s.copySelection();
      } else if (mod && e.key.toLowerCase() === 'v') {
        s.paste();
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        s.deleteSelection();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, save, diff]);

  // Closing the tab with unsaved work asks first.
  useEffect(() => {
    const onUnload = (e: BeforeUnloadEvent) => {
      if (isDirty(store.getState())) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [store]);

  const exportJson = () => {
    const body = definitionOf(store.getState());
    const blob = new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${body.id}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const importJson = async (file: File) => {
    const text = await file.text();
    const s = store.getState();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setImportResult({ fileName: file.name, loaded: false, parseError: (e as Error).message, problems: [], notes: [], steps: new Map() });
      return;
    }
    const result = validateDefinition(parsed, s.templates ? { templates: s.templates } : {});
    const steps = new Map(((result.definition?.steps ?? []) as Step[]).map((x) => [x.id, x]));
    // A file that is not a definition at all is not loaded; one that is, is loaded with its problems shown.
    if (!result.definition) {
      setImportResult({ fileName: file.name, loaded: false, problems: result.problems, notes: [], steps });
      return;
    }
    const notes = result.definition.id !== s.meta.id ? [t('import.idReplaced', { from: result.definition.id, to: s.meta.id })] : [];
    s.replaceContent(result.definition);
    if (result.definition.steps.some((x) => !x.position)) await autoLayout();
    else requestAnimationFrame(() => void fitView({ padding: 0.12 }));
    setImportResult({ fileName: file.name, loaded: true, problems: result.problems, notes, steps });
  };

  const onPublished = (v: PublishedVersion) => {
    setPublishing(false);
    store.getState().markSaved({ basedOnVersion: v.version, latestVersion: v.version, draftUpdatedAt: null, publishedSteps: v.body.steps.map((x) => x.id) });
    setNotice({ kind: 'ok', text: t('publish.done', { n: v.version }) });
  };

  const status = dirty
    ? t('toolbar.unsaved')
    : server.draftUpdatedAt
      ? t('toolbar.draftSaved')
      : server.latestVersion
        ? t('toolbar.published', { n: server.latestVersion })
        : t('toolbar.new');

  return (
    <div className="designer" data-testid="designer">
      <div className="designer-small-screen" role="note">
        <h1>{meta.name}</h1>
        <p>{t('page.smallScreen')}</p>
        <Link to="/designer" className="button">
          {t('page.back')}
        </Link>
      </div>
      <header className="designer-toolbar">
        <Link to="/designer" className="button subtle small">
          ← {t('toolbar.all')}
        </Link>
        <div className="designer-title">
          <h1>{meta.name || meta.id}</h1>
          <span className={`status-chip${dirty ? ' dirty' : ''}`} data-testid="save-status">
            {status}
          </span>
        </div>
        <FindStep inputRef={findRef} />
        <div className="toolbar-group">
          <button type="button" className="button small" disabled={!canUndo} onClick={() => store.getState().undo()} title={t('toolbar.undoKey')}>
            {t('toolbar.undo')}
          </button>
          <button type="button" className="button small" disabled={!canRedo} onClick={() => store.getState().redo()} title={t('toolbar.redoKey')}>
            {t('toolbar.redo')}
          </button>
        </div>
        <div className="toolbar-group">
          <button type="button" className="button small" onClick={() => void autoLayout()}>
            {t('toolbar.layout')}
          </button>
          <button type="button" className="button small" onClick={() => void fitView({ padding: 0.12, duration: 300 })}>
            {t('toolbar.fit')}
          </button>
        </div>
        <div className="toolbar-group">
          <button type="button" className="button small" onClick={exportJson}>
            {t('toolbar.export')}
          </button>
          <button type="button" className="button small" onClick={() => fileRef.current?.click()}>
            {t('toolbar.import')}
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importJson(f);
            }}
          />
        </div>
        <div className="toolbar-group">
          <Link to="/designer/templates" className="button small subtle">
            {t('toolbar.templates')}
          </Link>
          <button type="button" className="button small" disabled={saving} onClick={() => void save()} title={t('toolbar.saveKey')}>
            {t('toolbar.save')}
          </button>
          <button type="button" className="button small primary" onClick={() => setPublishing(true)}>
            {t('toolbar.publish')}
          </button>
        </div>
      </header>
      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
          {notice.conflict && (
            <button type="button" className="button small" onClick={() => void save(true)}>
              {t('toolbar.overwrite')}
            </button>
          )}
          <button type="button" className="button subtle small" onClick={() => setNotice(null)} aria-label={t('common:actions.close')}>
            ✕
          </button>
        </div>
      )}
      <Palette canvasRef={canvasRef} />
      <div className="designer-centre">
        {diff ? <DiffView request={diff} onClose={() => setDiff(null)} /> : <Canvas canvasRef={canvasRef} />}
        <ProblemsPanel />
      </div>
      <SidePanel
        tab={tab}
        onTab={(next) => {
          if (next !== 'dry-run') store.getState().setHighlight({ mode: 'none' });
          setTab(next);
        }}
        onDiff={setDiff}
      />
      {publishing && <PublishDialog onClose={() => setPublishing(false)} onPublished={onPublished} />}
      {importResult && <ImportReport result={importResult} onClose={() => setImportResult(null)} />}
    </div>
  );
}
