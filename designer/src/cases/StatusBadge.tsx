import { useTranslation } from 'react-i18next';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('cases');
  return <span className={`st-status ${status}`}>{t(`status.${status}`)}</span>;
}
