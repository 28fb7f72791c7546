// Loading and error lines every ops page shows the same way.
import { useTranslation } from 'react-i18next';

export function PageState({ loading, error, empty }: { loading?: boolean; error?: string | null; empty?: boolean }) {
  const { t } = useTranslation('ops');
  if (error) return <p className="form-error" role="alert">{t('states.error', { message: error })}</p>;
  if (loading) return <p className="muted">{t('states.loading')}</p>;
  if (empty) return <p className="muted">{t('states.empty')}</p>;
  return null;
}
