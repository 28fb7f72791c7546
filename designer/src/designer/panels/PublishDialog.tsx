// Publishing: a change note, then a new immutable version. Refused while errors remain; the
// server checks again and its refusal is shown the same way. The dialog says how many cases
// run on the versions before it (they stay there) and where they are moved on purpose.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../definition/schema.ts';
import type { Problem } from '../../../../definition/validate.ts';
import { ApiError } from '../../api/client.ts';
import { designerApi, type PublishedVersion } from '../api.ts';
import { useDesigner, useDesignerStore } from '../store/context.tsx';
import { definitionOf } from '../store/designer-store.ts';
import { Link } from 'react-router';
import { opsRoles } from '../../../../definition/access.ts';
import { useSession } from '../../session/session.tsx';
import { useLoad } from '../../staff/use-load.ts';
import { Modal } from './Modal.tsx';
import { ProblemList } from './ProblemList.tsx';

export function PublishDialog({ onClose, onPublished }: { onClose: () => void; onPublished: (v: PublishedVersion) => void }) {
  const { t } = useTranslation('designer');
  const store = useDesignerStore();
  const problems = useDesigner((s) => s.problems);
  const nodes = useDesigner((s) => s.nodes);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; problems: Problem[] } | null>(null);
  const errors = refusal?.problems.filter((p) => p.severity === 'error') ?? problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const steps = new Map(nodes.map((n) => [n.id, n.data as Step]));
  const definitionId = useDesigner((s) => s.meta.id);
  const published = useDesigner((s) => s.server.latestVersion !== null);
  const versions = useLoad(() => (published ? designerApi.versions(definitionId) : Promise.resolve({ versions: [] })), [definitionId, published]);
  const running = (versions.value?.versions ?? []).filter((v) => v.runningCases > 0);
  const runningTotal = running.reduce((n, v) => n + v.runningCases, 0);
  const session = useSession();

  const publish = async () => {
    setBusy(true);
    try {
      const version = await designerApi.publish(definitionOf(store.getState()), note.trim());
      onPublished(version);
    } catch (e) {
      if (e instanceof ApiError) {
        // A refused definition's 400 lists its problems as the details, each naming its step as the field.
        const details = Array.isArray(e.details) ? (e.details as Problem[]) : [];
        setRefusal({ message: e.message, problems: details.filter((p) => typeof p.rule === 'string') });
      } else setRefusal({ message: String(e), problems: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('publish.title')} onClose={onClose} wide>
      {errors.length > 0 ? (
        <div className="publish-refused" role="alert" data-testid="publish-refused">
          <p>
            <strong>{t('publish.refused', { count: errors.length })}</strong>
          </p>
          {refusal && !refusal.problems.length && <p className="form-error">{refusal.message}</p>}
          <ProblemList problems={errors} steps={steps} />
        </div>
      ) : (
        <>
          <p>{t('publish.intro')}</p>
          {runningTotal > 0 && (
            <div className="publish-running" data-testid="publish-running">
              <p>
                {t('publish.running', { count: runningTotal, versions: running.map((v) => t('publish.onVersion', { n: v.version, count: v.runningCases })).join(', ') })}
              </p>
              <p>
                {session.hasRole(...opsRoles) ? (
                  <Link to={`/ops/migration?definition=${encodeURIComponent(definitionId)}`}>{t('publish.migrate')}</Link>
                ) : (
                  t('publish.migrateBy')
                )}
              </p>
            </div>
          )}
          {warnings.length > 0 && (
            <details className="publish-warnings">
              <summary>{t('publish.warnings', { count: warnings.length })}</summary>
              <ProblemList problems={warnings} steps={steps} />
            </details>
          )}
          <label className="form-field">
            {t('publish.note')}
            <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('publish.notePlaceholder')} autoFocus />
          </label>
          {refusal && <p className="form-error">{refusal.message}</p>}
        </>
      )}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common:actions.cancel')}
        </button>
        <button type="button" className="button primary" disabled={busy || errors.length > 0 || note.trim().length < 3} onClick={() => void publish()}>
          {t('publish.confirm')}
        </button>
      </div>
    </Modal>
  );
}
