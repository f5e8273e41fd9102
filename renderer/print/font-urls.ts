import boldUrl from '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf?url';
import regularUrl from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';
import licenseUrl from '@expo-google-fonts/noto-sans-sc/LICENSE_FONT?url';
import type { FontUrls } from './print-protocol';

/**
 * The fonts' licence (SIL OFL 1.1), emitted beside them so that it ships with the app as the OFL asks
 * (docs/fonts.md).
 */
export const FONT_LICENSE_URL: string = licenseUrl;

/**
 * The PDF fonts the app ships: Noto Sans SC (SIL Open Font License 1.1, embedding allowed) from the npm
 * package, emitted by Vite as assets of the renderer (so electron-builder packages them with
 * dist/renderer) and fetched from the app's own origin (CSP connect-src 'self'). Absolute, because the
 * worker resolves relative URLs against its own script.
 */
export function fontUrls(): FontUrls {
  return {
    regular: new URL(regularUrl, document.baseURI).href,
    bold: new URL(boldUrl, document.baseURI).href,
  };
}
