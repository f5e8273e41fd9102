import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONFeatureDiff, GeoJSONSourceDiff } from 'maplibre-gl';
import type { Division, Grid } from '../../shared/model';
import type { GridFigures } from '../derive/grid-figures';

/** How a grid's label words its households and its lock (the window's language). */
export interface GridLabelWords {
  readonly households: (count: number) => string;
  readonly lockedPrefix: string;
}

/** The properties of a grid feature that follow the figures and the language, not the geometry. */
interface FigureProperties {
  readonly status: string;
  readonly households: number;
  readonly label: string;
}

function figurePropertiesOf(grid: Grid, figures: GridFigures, words: GridLabelWords): FigureProperties {
  const figure = figures.get(grid.id);
  const households = figure?.households ?? 0;
  return {
    status: figure?.status ?? 'none',
    households,
    // A grid not counted yet (a project just opened, a grid just drawn) is labelled without a count.
    label: `${grid.locked ? words.lockedPrefix : ''}${grid.name}${figure ? `\n${words.households(households)}` : ''}`,
  };
}

/**
 * The grid source's contents, kept so that a change of the figures alone (the validation worker's counts
 * replacing the window's, a recount after an edit elsewhere, a language switch) is sent to MapLibre as a
 * diff of the few properties that changed (`updateData`, features identified by `promoteId: 'id'`)
 * instead of serialising every polygon again for MapLibre's worker. The polygons are sent once per grid
 * map (`applyChange` replaces it only when a grid changed).
 */
export class GridSourceContents {
  private sentGrids: Division['grid'] | null = null;
  private readonly sentProperties = new Map<string, FigureProperties>();

  /**
   * What to send for this document and these figures: the whole collection when the grids changed, a
   * diff when only their figures or labels did, or nothing when the map already shows them.
   */
  next(
    division: Division,
    figures: GridFigures,
    words: GridLabelWords,
  ): { readonly data: FeatureCollection } | { readonly diff: GeoJSONSourceDiff } | null {
    if (division.grid !== this.sentGrids) {
      this.sentGrids = division.grid;
      this.sentProperties.clear();
      const features: Feature<Geometry>[] = [];
      for (const grid of division.grid.values()) {
        const shown = figurePropertiesOf(grid, figures, words);
        this.sentProperties.set(grid.id, shown);
        features.push({
          type: 'Feature',
          properties: {
            id: grid.id,
            code: grid.code,
            name: grid.name,
            exclusive: grid.gridType === 'exclusive',
            locked: grid.locked === true,
            ...shown,
          },
          geometry: grid.geometry,
        });
      }
      return { data: { type: 'FeatureCollection', features } };
    }
    const update: GeoJSONFeatureDiff[] = [];
    for (const grid of division.grid.values()) {
      const shown = figurePropertiesOf(grid, figures, words);
      const before = this.sentProperties.get(grid.id);
      const changed = (Object.keys(shown) as (keyof FigureProperties)[]).filter(
        (key) => before?.[key] !== shown[key],
      );
      if (changed.length === 0) continue;
      this.sentProperties.set(grid.id, shown);
      update.push({ id: grid.id, addOrUpdateProperties: changed.map((key) => ({ key, value: shown[key] })) });
    }
    return update.length > 0 ? { diff: { update } } : null;
  }

  /** Forgets what was sent (the map and its sources went away). */
  reset(): void {
    this.sentGrids = null;
    this.sentProperties.clear();
  }
}
