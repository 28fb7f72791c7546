// A page that another part of the product will fill in; it only says what will be here.
import { useTranslation } from 'react-i18next';

export function Placeholder({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{title}</h1>
      <p className="muted">{t('placeholder.comingSoon')}</p>
    </section>
  );
}
