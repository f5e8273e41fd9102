/**
 * Named moments of opening a project (`performance.mark('gridplan:…')`): when the stored project was
 * read, when the division was built, when MapLibre loaded its style and when the grids were handed to it.
 * A mark costs nothing worth counting; `npm run bench:app-open` prints them as the opening's timeline, and
 * anyone can read them in the browser's performance panel.
 */
export type OpeningStep =
  | 'app-start'
  | 'store-open'
  | 'project-read-start'
  | 'project-read'
  | 'division-built'
  | 'census-read-start'
  | 'census-read'
  | 'map-created'
  | 'map-loaded'
  | 'grids-sent'
  | 'view-fitted'
  | 'project-drawn'
  | 'check-sent'
  | 'census-sent'
  | 'census-indexed'
  | 'map-idle'
  | 'grid-clicked';

export function markOpening(step: OpeningStep): void {
  // Where there is no Performance API (an old test environment), there is simply no timeline.
  globalThis.performance?.mark?.(`gridplan:${step}`);
}
