import { partCount } from '../../shared/geometry/check-geometry';
import { polsbyPopper } from '../../shared/geometry/polsby-popper';
import type { AreaGeometry } from '../../shared/model';

/** Shape quality of a grid as the list, the attribute panel and the previews show it. */
export interface GridQuality {
  /** Polsby-Popper 4πA/P², 0..1 (a square is about 0.78). */
  readonly compactness: number;
  /** Parts of the grid: 1 when contiguous. */
  readonly parts: number;
}

/** Compactness below which a grid reads as elongated, and from which it reads as compact. */
export const ELONGATED_BELOW = 0.3;
export const COMPACT_FROM = 0.5;

// Keyed by the geometry object: an edit replaces only the grids it changed, so the others keep theirs
// and the tree's hundreds of rows cost nothing after an edit.
const cache = new WeakMap<AreaGeometry, GridQuality>();

/** Compactness and part count of a geometry, computed once per geometry object. */
export function gridQuality(geometry: AreaGeometry): GridQuality {
  let quality = cache.get(geometry);
  if (!quality) {
    quality = { compactness: polsbyPopper(geometry), parts: partCount(geometry) };
    cache.set(geometry, quality);
  }
  return quality;
}

/** The word for a compactness value: `compact`, `fair` or `elongated` (i18n keys under `divide`). */
export function compactnessVerdict(compactness: number): 'compact' | 'fair' | 'elongated' {
  if (compactness >= COMPACT_FROM) return 'compact';
  return compactness < ELONGATED_BELOW ? 'elongated' : 'fair';
}
