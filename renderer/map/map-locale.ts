import type { TFunction } from 'i18next';
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';

/**
 * MapLibre's own UI strings (control tooltips, scale units, gesture help) and the i18n keys under
 * `map.controls` that say them in the window's language; passed as the map's `locale` so the zoom
 * buttons, the compass and the scale bar speak Chinese (or English).
 */
const MAPLIBRE_STRINGS = {
  'NavigationControl.ZoomIn': 'zoomIn',
  'NavigationControl.ZoomOut': 'zoomOut',
  'NavigationControl.ResetBearing': 'resetBearing',
  'ScaleControl.Meters': 'metres',
  'ScaleControl.Kilometers': 'kilometres',
  'FullscreenControl.Enter': 'fullscreenEnter',
  'FullscreenControl.Exit': 'fullscreenExit',
  'AttributionControl.ToggleAttribution': 'toggleAttribution',
  'Map.Title': 'title',
  'CooperativeGesturesHandler.WindowsHelpText': 'ctrlScroll',
  'CooperativeGesturesHandler.MacHelpText': 'cmdScroll',
  'CooperativeGesturesHandler.MobileHelpText': 'twoFingers',
} as const;

/** The `locale` table for MapLibre in the window's language. */
export function mapLocale(t: TFunction): Record<string, string> {
  return Object.fromEntries(
    Object.entries(MAPLIBRE_STRINGS).map(([id, key]) => [id, t(`map.controls.${key}`)]),
  );
}

/**
 * Switches a running map's UI language: MapLibre reads its table when a control is added (tooltips)
 * or redrawn (scale), so the table is replaced and the given controls are added again.
 */
export function relocaliseMap(
  map: MapLibreMap,
  t: TFunction,
  controls: readonly { readonly control: IControl; readonly position: 'top-right' | 'bottom-left' }[],
): void {
  // `_locale` is MapLibre's table (declared in its types); there is no public setter after construction.
  map._locale = { ...map._locale, ...mapLocale(t) };
  // The canvas's accessible name is set once from Map.Title, when the map is made.
  map.getCanvas().setAttribute('aria-label', t('map.controls.title'));
  for (const { control, position } of controls) {
    if (map.hasControl(control)) map.removeControl(control);
    map.addControl(control, position);
  }
}
