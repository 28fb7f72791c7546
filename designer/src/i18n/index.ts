// Translations: Dutch first (staff work in Dutch), English second. Every area keeps its own
// files, i18n/<lang>/<area>.json, loaded here by file name as the namespace, so adding an
// area's translations never touches a shared file.
import i18n from 'i18next';
import { useSyncExternalStore } from 'react';
import { initReactI18next } from 'react-i18next';

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

const files = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', { eager: true });

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, module] of Object.entries(files)) {
  const match = /^\.\/([a-z]+)\/([a-z-]+)\.json$/.exec(path);
  if (!match) continue;
  const [, lang, ns] = match as unknown as [string, string, string];
  (resources[lang] ??= {})[ns] = module.default;
}

const STORAGE_KEY = 'language';
function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' || stored === 'nl' ? stored : 'nl';
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'nl',
  defaultNS: 'common',
  ns: Object.keys(resources.nl ?? { common: {} }),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/** The current language as one of ours (catalog labels are keyed nl/en). */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'nl';
}

export default i18n;

function onLanguageChange(listener: () => void): () => void {
  i18n.on('languageChanged', listener);
  return () => i18n.off('languageChanged', listener);
}

/**
 * The current language, re-rendering on a switch. Cheaper than useTranslation where a
 * component only needs the language (a canvas draws a hundred nodes).
 */
export function useLanguage(): Language {
  return useSyncExternalStore(onLanguageChange, currentLanguage, currentLanguage);
}
