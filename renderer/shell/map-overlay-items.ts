import type { FeatureCollection } from 'geojson';
import type { MapOverlay } from '../map/map-overlay';
import { MEASURE_OVERLAY } from '../map/overlays/measure-overlay';
import { PROBLEMS_OVERLAY } from '../map/overlays/problems-overlay';
import { UNASSIGNED_OVERLAY } from '../map/overlays/unassigned-overlay';
import {
  REFERENCE_LABELS_OVERLAY,
  REFERENCES_OVERLAY,
  referenceCollection,
} from '../map/overlays/reference-overlay';
import { SPLIT_TARGETS_OVERLAY } from '../map/overlays/split-targets-overlay';
import type { Shell } from './shell';

/** A map overlay and where its features come from. */
export interface MapOverlayItem {
  readonly overlay: MapOverlay;
  /** Its features now; return the same object while they have not changed (memoise in a hook). */
  readonly data: (shell: Shell) => FeatureCollection;
}

/** The overlays drawn with the division, bottom to top among those sharing a `beforeLayer`. */
export const MAP_OVERLAY_ITEMS: readonly MapOverlayItem[] = [
  { overlay: PROBLEMS_OVERLAY, data: ({ validation }) => validation.problems },
  { overlay: UNASSIGNED_OVERLAY, data: ({ validation }) => validation.unassigned },
  { overlay: REFERENCES_OVERLAY, data: ({ references }) => referenceCollection(references.layers) },
  { overlay: REFERENCE_LABELS_OVERLAY, data: ({ references }) => referenceCollection(references.layers) },
  { overlay: MEASURE_OVERLAY, data: ({ edit }) => edit.measure.features },
  { overlay: SPLIT_TARGETS_OVERLAY, data: ({ sketch }) => sketch.targetFeatures },
];
