import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import { useCallback, useMemo, useState } from 'react';
import type { Language } from '../../shared/model';
import type { Measurement } from '../derive/measure-figures';
import { measureShape, measurementText } from '../derive/measure-figures';
import type { MeasureTool } from './tool-definition';

/** What the measure tools show: the shape measured (while drawing: as drawn so far) and its figures. */
export interface MeasureState {
  readonly shape: LineString | Polygon;
  readonly measurement: Measurement;
  /** False while the shape is still being drawn (the pointer is its last vertex). */
  readonly finished: boolean;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The measured shape and a label at its last vertex, for the measure overlay. */
function measureFeatures(state: MeasureState | null, language: Language): FeatureCollection {
  if (!state) return EMPTY;
  const { shape } = state;
  const vertices = shape.type === 'LineString' ? shape.coordinates : (shape.coordinates[0] ?? []);
  // The label goes at the last vertex placed (for a closed ring, the one before the closing point).
  const at = shape.type === 'LineString' ? vertices.at(-1) : vertices.at(-2);
  const features: Feature[] = [{ type: 'Feature', properties: { kind: 'shape' }, geometry: shape }];
  if (at) {
    features.push({
      type: 'Feature',
      properties: { kind: 'label', text: measurementText(state.measurement)[language] },
      geometry: { type: 'Point', coordinates: at },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The measure tools' state (测距, 测面积): the sketch measured live as the pointer moves, the finished
 * shape kept on the map with its figures until the next measurement, Esc or another tool. Nothing
 * here touches the document.
 */
export function useMeasure(active: MeasureTool | undefined, language: Language) {
  const [state, setState] = useState<MeasureState | null>(null);

  const measure = useCallback(
    (shape: LineString | Polygon | null, finished: boolean) => {
      // Drawing stopped (null) keeps what was measured; a shape of the other kind is not ours.
      if (!shape || !active || (active.shape === 'line') !== (shape.type === 'LineString')) return;
      const measurement = measureShape(shape);
      setState(measurement ? { shape, measurement, finished } : null);
    },
    [active],
  );
  const onSketch = useCallback((shape: LineString | Polygon | null) => measure(shape, false), [measure]);
  const onFinished = useCallback((shape: LineString | Polygon) => measure(shape, true), [measure]);
  const clear = useCallback(() => setState(null), []);
  const features = useMemo(() => measureFeatures(state, language), [state, language]);

  return { state, features, onSketch, onFinished, clear };
}

/** The measure tools' state and actions as the window uses them. */
export type Measure = ReturnType<typeof useMeasure>;
