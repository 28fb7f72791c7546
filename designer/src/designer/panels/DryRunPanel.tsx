// The dry run: the draft on the canvas runs on the real engine in accelerated time for a
// fictional tenant who behaves as chosen. The path lights up on the canvas step by step and
// every message it would send is listed with its text.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseOutcomes, channels } from '../../../../definition/catalog.ts';
import { outcomeLabel } from '../../../../definition/describe.ts';
import { dryRunBehaviourLabels, type DryRunBehaviour, type DryRunBehaviourKind } from '../../../../definition/dry-run.ts';
import type { Step } from '../../../../definition/schema.ts';
import { formatDateNl, formatEuro } from '../../../../definition/templates.ts';
import { ApiError } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { designerApi, type DryRunView } from '../api.ts';
import { edgeId } from '../model/types.ts';
import { useDesigner, useDesignerStore } from '../store/context.tsx';
import { definitionOf } from '../store/designer-store.ts';

const kinds: DryRunBehaviourKind[] = ['never-responds', 'pays-at-step', 'arrangement-kept', 'arrangement-broken'];
const POLL_MS = 400;

export function DryRunPanel() {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  const store = useDesignerStore();
  const errors = useDesigner((s) => s.problems.filter((p) => p.severity === 'error').length);
  const nodes = useDesigner((s) => s.nodes);
  const [kind, setKind] = useState<DryRunBehaviourKind>('never-responds');
  const [payStep, setPayStep] = useState('');
  const [run, setRun] = useState<DryRunView | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const followed = useRef<string | null>(null);

  // Poll while the run goes on, and light its path on the canvas.
  useEffect(() => {
    if (!runId) return;
    let cancelled = false;
    const poll = async () => {
      try {
        const view = await designerApi.dryRun(runId);
        if (cancelled) return;
        setRun(view);
        const visited = new Set(view.steps.map((s) => s.stepId));
        const edges = new Set<string>();
        for (const s of view.steps) if (s.outcome) edges.add(edgeId(s.stepId, s.outcome));
        store.getState().setHighlight({ mode: 'dry-run', visited, current: view.currentStepId, edges });
        // The canvas follows the run: each step it comes to is brought into view.
        if (view.currentStepId && view.currentStepId !== followed.current) {
          followed.current = view.currentStepId;
          store.getState().focusStep(view.currentStepId);
        }
        if (view.status === 'running') timer.current = setTimeout(() => void poll(), POLL_MS);
      } catch (e) {
        if (!cancelled) setError(e instanceof ApiError ? e.message : String(e));
      }
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer.current);
    };
  }, [runId, store]);

  // Leaving the panel leaves the drawing as it was.
  useEffect(() => () => store.getState().setHighlight({ mode: 'none' }), [store]);

  const start = async () => {
    setBusy(true);
    setError(null);
    setRun(null);
    try {
      const behaviour: DryRunBehaviour = kind === 'pays-at-step' ? { kind, stepId: payStep } : { kind };
      const started = await designerApi.startDryRun(definitionOf(store.getState()), behaviour);
      setRunId(started.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const steps = new Map(nodes.map((n) => [n.id, n.data as Step]));
  const running = run?.status === 'running';
  return (
    <div className="dry-run" data-testid="dry-run">
      <p className="muted">{t('dryRun.intro')}</p>
      <fieldset className="form-group">
        <legend>{t('dryRun.behaviour')}</legend>
        {kinds.map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="behaviour" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {dryRunBehaviourLabels[k][lang]}
          </label>
        ))}
        {kind === 'pays-at-step' && (
          <select value={payStep} onChange={(e) => setPayStep(e.target.value)} aria-label={t('dryRun.payStep')}>
            <option value="">{t('dryRun.choosePayStep')}</option>
            {nodes
              .filter((n) => n.type !== 'start' && n.type !== 'end')
              .map((n) => (
                <option key={n.id} value={n.id}>
                  {(n.data as Step).name}
                </option>
              ))}
          </select>
        )}
      </fieldset>
      <div className="row wrap">
        <button type="button" className="button primary" disabled={busy || running || errors > 0 || (kind === 'pays-at-step' && !payStep)} onClick={() => void start()}>
          {t('dryRun.start')}
        </button>
        {running && runId && (
          <button type="button" className="button" onClick={() => void designerApi.stopDryRun(runId).then(setRun)}>
            {t('dryRun.stop')}
          </button>
        )}
      </div>
      {errors > 0 && <p className="form-hint">{t('dryRun.fixErrors', { count: errors })}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {run && (
        <>
          <p className={`dry-run-status ${run.status}`} data-testid="dry-run-status" data-status={run.status}>
            {run.status === 'running'
              ? t('dryRun.running', { step: steps.get(run.currentStepId ?? '')?.name ?? '…' })
              : run.status === 'finished'
                ? t('dryRun.finished', { outcome: run.outcome ? (caseOutcomes.labels[run.outcome as keyof typeof caseOutcomes.labels]?.[lang] ?? run.outcome) : '—' })
                : t('dryRun.stopped', { reason: run.stopReason ?? '' })}
            {' · '}
            {t('dryRun.balance', { amount: formatEuro(run.balanceCents) })}
          </p>
          <h3>{t('dryRun.path', { count: run.steps.length })}</h3>
          <ol className="dry-run-path" data-testid="dry-run-path">
            {run.steps.map((s, i) => {
              const step = steps.get(s.stepId);
              return (
                <li key={`${s.stepId}-${i}`} data-step={s.stepId}>
                  <span>{step?.name ?? s.name}</span>
                  {s.outcome && <span className="muted"> → {step ? outcomeLabel(step, s.outcome, lang) : s.outcome}</span>}
                  {/* The date a step was left by its outcome (a wait of a week ends a week on); the step the run is at, since when. */}
                  <span className="muted small" data-testid="dry-run-date">
                    {' · '}
                    {s.leftAt ? formatDateNl(Date.parse(s.leftAt)) : running && i === run.steps.length - 1 ? t('dryRun.since', { date: formatDateNl(Date.parse(s.at)) }) : formatDateNl(Date.parse(s.at))}
                  </span>
                </li>
              );
            })}
          </ol>
          <h3>{t('dryRun.messages', { count: run.messages.length })}</h3>
          <ul className="dry-run-messages" data-testid="dry-run-messages">
            {run.messages.map((m) => (
              <li key={m.id} data-step={m.stepId}>
                <details>
                  <summary>
                    <span className={`step-chip channel-${m.channel}`}>{channels.labels[m.channel as keyof typeof channels.labels]?.[lang] ?? m.channel}</span> {steps.get(m.stepId)?.name ?? m.stepId}
                    <span className="muted small"> · {formatDateNl(Date.parse(m.at))}</span>
                  </summary>
                  {m.subject && <p className="message-subject">{m.subject}</p>}
                  <pre className="message-body">{m.body}</pre>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
