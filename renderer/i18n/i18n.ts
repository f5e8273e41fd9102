import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/model';
import { basemapEn } from './basemap-en';
import { cityEn } from './city-en';
import { cityZh } from './city-zh';
import { basemapZh } from './basemap-zh';
import { divideEn } from './divide-en';
import { divideZh } from './divide-zh';
import { en } from './en';
import { importEn } from './import-en';
import { importZh } from './import-zh';
import { legendEn } from './legend-en';
import { legendZh } from './legend-zh';
import { reviewEn } from './review-en';
import { reviewZh } from './review-zh';
import { printEn } from './print-en';
import { printZh } from './print-zh';
import { windowsEn } from './windows-en';
import { windowsZh } from './windows-zh';
import { referencesEn } from './references-en';
import { referencesZh } from './references-zh';
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
      zh: {
        translation: {
          ...zh,
          transfer: importZh,
          basemap: basemapZh,
          print: printZh,
          windows: windowsZh,
          references: referencesZh,
          divide: divideZh,
          review: reviewZh,
          legend: legendZh,
          city: cityZh,
        },
      },
      en: {
        translation: {
          ...en,
          transfer: importEn,
          basemap: basemapEn,
          print: printEn,
          windows: windowsEn,
          references: referencesEn,
          divide: divideEn,
          review: reviewEn,
          legend: legendEn,
          city: cityEn,
        },
      },
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
