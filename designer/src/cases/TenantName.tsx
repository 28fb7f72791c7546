// A tenant's name in a list, or, for a reader without need to know (ops), a dash that says
// where the name is shown instead: on opening the case, which is recorded.
import { useTranslation } from 'react-i18next';

export function TenantName({ name }: { name: string | null }) {
  const { t } = useTranslation('cases');
  if (name !== null) return <>{name}</>;
  return (
    <span className="muted" title={t('nameHidden')} aria-label={t('nameHidden')}>
      —
    </span>
  );
}
