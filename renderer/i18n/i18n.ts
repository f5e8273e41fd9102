import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/model';
import { basemapEn } from './basemap-en';
import { basemapZh } from './basemap-zh';
import { en } from './en';
import { importEn } from './import-en';
import { importZh } from './import-zh';
import { printEn } from './print-en';
import { printZh } from './print-zh';
import { zh } from './zh';

const LANGUAGE_KEY = 'gridplan.language';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Starts i18next with Chinese as the default and the user's last choice remembered. */
export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: storedLanguage(),
    fallbackLng: 'zh',
    // The import/export dialogs and the basemap settings keep their strings in files of their own
    // (namespace-like keys `transfer` and `basemap`).
    resources: {
      zh: { translation: { ...zh, transfer: importZh, basemap: basemapZh, print: printZh } },
      en: { translation: { ...en, transfer: importEn, basemap: basemapEn, print: printEn } },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language === 'en' ? 'en' : 'zh-CN';
  return i18next;
}

/** The current UI language as the shared code names it. */
export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh';
}

/** Switches the UI language and remembers it. */
export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this session only.
  }
}
