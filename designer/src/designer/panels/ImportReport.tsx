// What an import found: every problem in the file, and whether it was loaded.
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../definition/schema.ts';
import type { Problem } from '../../../../definition/validate.ts';
import { Modal } from './Modal.tsx';
import { ProblemList } from './ProblemList.tsx';

export type ImportResult = { fileName: string; loaded: boolean; parseError?: string; problems: Problem[]; notes: string[]; steps: ReadonlyMap<string, Step> };

export function ImportReport({ result, onClose }: { result: ImportResult; onClose: () => void }) {
  const { t } = useTranslation('designer');
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  return (
    <Modal title={t('import.title', { file: result.fileName })} onClose={onClose} wide>
      <div data-testid="import-report">
        {result.parseError ? (
          <p className="form-error">{t('import.notJson', { message: result.parseError })}</p>
        ) : result.loaded ? (
          <p>{t('import.loaded', { errors, warnings: result.problems.length - errors })}</p>
        ) : (
          <p className="form-error">{t('import.refused', { count: result.problems.length })}</p>
        )}
        {result.notes.map((n) => (
          <p key={n} className="muted">
            {n}
          </p>
        ))}
        {result.problems.length > 0 && <ProblemList problems={result.problems} steps={result.steps} />}
      </div>
      <div className="modal-actions">
        <button type="button" className="button primary" onClick={onClose}>
          {t('common:actions.close')}
        </button>
      </div>
    </Modal>
  );
}
